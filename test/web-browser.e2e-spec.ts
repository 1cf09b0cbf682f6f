import { BrowserContext, Page } from 'playwright-core';
import {
  axeViolations,
  BrowserHarness,
  DESKTOP,
  PHONE,
  screenshot,
  seriousOrCritical,
  startBrowser,
  watchConsole,
} from './support/browser';
import { startTestApp, TestApp, TestUser } from './support/test-app';

jest.setTimeout(180_000);

describe("the caseworkers' pages in a real browser", () => {
  let t: TestApp;
  let browser: BrowserHarness;
  const checked: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({ now: '2022-03-24T04:00:00Z' });
    browser = await startBrowser(t);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function signIn(context: BrowserContext, user: TestUser): Promise<Page> {
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname !== '/login');
    return page;
  }

  /** Screenshots at phone and desktop widths and an axe run at each, for the page at `path`. */
  async function inspect(user: TestUser, path: string, name: string): Promise<void> {
    for (const viewport of [PHONE, DESKTOP]) {
      const context = await browser.newContext(viewport);
      try {
        const page = path === '/login' ? await context.newPage() : await signIn(context, user);
        const problems = watchConsole(page);
        await page.goto(path);
        await screenshot(page, name);
        expect({
          page: name,
          width: viewport.width,
          violations: seriousOrCritical(await axeViolations(page)),
        }).toEqual({
          page: name,
          width: viewport.width,
          violations: [],
        });
        // Nothing wider than the screen: no sideways scrolling on a phone.
        const overflow = await page.evaluate<number>(
          'document.documentElement.scrollWidth - window.innerWidth',
        );
        expect({ page: name, width: viewport.width, overflow }).toEqual({
          page: name,
          width: viewport.width,
          overflow: 0,
        });
        expect(problems).toEqual([]);
        checked.push(`${name}@${viewport.width}`);
      } finally {
        await context.close();
      }
    }
  }

  it('signs in with the keyboard alone and shows the dashboard', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    const problems = watchConsole(page);
    await page.goto('/');
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.keyboard.press('Tab');
    await expect(page.evaluate<string | undefined>('document.activeElement?.textContent')).resolves.toBe(
      'Skip to content',
    );
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.type(t.users.caseworker.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(t.users.caseworker.password);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Dashboard');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('passes axe and fits a phone on every page', async () => {
    await inspect(t.users.caseworker, '/login', 'login');
    await inspect(t.users.caseworker, '/', 'dashboard');
    expect(checked.length).toBeGreaterThan(0);
  });
});
