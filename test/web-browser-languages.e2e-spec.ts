import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Page } from 'playwright-core';
import { makeCase, makeDefender } from './factories/cases';
import { makeCharge, makeCustodyOrder, makeHearing } from './factories/entries';
import { axeViolations, BrowserHarness, DESKTOP, PHONE, startBrowser, watchConsole } from './support/browser';
import { startTestApp, TestApp, TestUser } from './support/test-app';

jest.setTimeout(300_000);

// Every page in Arabic (right to left) and English, at phone and desktop width: laid out in the
// reader's direction, nothing wider than the screen, and axe-core finding no violation at all.
// UPDATE_SCREENSHOTS=1 also writes them to docs/screenshots/, which the README shows.

const SCREENSHOTS = join(__dirname, '..', 'docs', 'screenshots');
const NOW = '2022-03-24T09:00:00Z';

describe('pages in Arabic and English in a real browser', () => {
  let t: TestApp;
  let browser: BrowserHarness;
  let pages: [string, string][];

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    browser = await startBrowser(t);
    const defender = await makeDefender(t.dataSource, { fullName: 'Khurram Parvez', country: 'IN' });
    const kase = await makeCase(t.dataSource, { defenderId: defender.id, status: 'charged' });
    await makeCharge(t.dataSource, kase, {
      law: 'Unlawful Activities (Prevention) Act 1967',
      section: '18B',
    });
    await makeCustodyOrder(t.dataSource, kase, { orderedOn: '2022-03-04', days: 30 });
    await makeHearing(t.dataSource, kase, { scheduledLocal: '2022-03-28T10:30:00' });
    // Held this morning, its outcome not yet logged: the outcome form is open.
    const held = await makeHearing(t.dataSource, kase, { scheduledLocal: '2022-03-24T10:30:00' });
    // Every page a caseworker or an admin opens, in the order of the README's table of screenshots.
    pages = [
      ['dashboard', '/'],
      ['cases', '/cases'],
      ['calendar', '/calendar'],
      ['case', `/cases/${kase.id}`],
      ['outcome', `/hearings/${held.id}/outcome`],
      ['hearing-new', `/cases/${kase.id}/hearings/new`],
      ['event-new', `/cases/${kase.id}/events/new`],
      ['custody-new', `/cases/${kase.id}/custody-orders/new`],
      ['charge-new', `/cases/${kase.id}/charges/new`],
      ['case-edit', `/cases/${kase.id}/edit`],
      ['case-settings', `/settings/cases/${kase.id}`],
      ['chronology', `/cases/${kase.id}/chronology`],
      ['defenders', '/defenders'],
      ['defender', `/defenders/${defender.id}`],
      ['defender-chronology', `/defenders/${defender.id}/chronology`],
      ['defender-new', '/defenders/new'],
      ['search', '/search?q=khuram'],
      ['calendar-agenda', '/calendar?view=agenda'],
      ['feeds', '/account/feeds'],
      ['settings', '/settings'],
      ['statutory-limits', '/settings/statutory-limits'],
      ['teams', '/settings/teams'],
      ['two-factor', '/settings/two-factor'],
      ['language', '/account/language'],
      ['password', '/account/password'],
      ['unknown-path', '/no/such/page'],
    ];
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function signIn(user: TestUser, viewport: { width: number; height: number }): Promise<Page> {
    const context = await browser.newContext(viewport);
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname !== '/login');
    return page;
  }

  async function checkEveryPage(page: Page, lang: 'ar' | 'en'): Promise<void> {
    const width = page.viewportSize()?.width;
    const problems = watchConsole(page);
    for (const [name, path] of pages) {
      await page.goto(path);
      const root = await page.evaluate<[string, string, string]>(
        '[document.documentElement.lang, document.documentElement.dir, getComputedStyle(document.body).direction]',
      );
      expect({ name, width, root }).toEqual({
        name,
        width,
        root: lang === 'ar' ? ['ar', 'rtl', 'rtl'] : ['en', 'ltr', 'ltr'],
      });
      const overflow = await page.evaluate<number>(
        'document.documentElement.scrollWidth - window.innerWidth',
      );
      expect({ name, width, overflow }).toEqual({ name, width, overflow: 0 });
      const violations = (await axeViolations(page)).map((violation) => ({
        id: violation.id,
        nodes: violation.nodes.map((node) => node.html),
      }));
      expect({ name, width, violations }).toEqual({ name, width, violations: [] });
      if (process.env.UPDATE_SCREENSHOTS === '1') {
        mkdirSync(SCREENSHOTS, { recursive: true });
        await page.screenshot({ path: join(SCREENSHOTS, `${name}-${lang}-${width}.png`), fullPage: true });
      }
    }
    expect(problems.filter((problem) => !problem.includes('404 (Not Found)'))).toEqual([]);
    await page.context().close();
  }

  it.each([
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ])('in Arabic on a %s: right to left, within the screen, no axe violation', async (_name, viewport) => {
    await t.dataSource.query(`UPDATE users SET language = 'ar' WHERE id = $1`, [t.users.admin.id]);
    const page = await signIn(t.users.admin, viewport);
    // The navigation starts at the right edge: the first link sits right of the last one.
    const [first, last] = await page.evaluate<[number, number]>(
      '[...document.querySelectorAll(".site-nav a")].map((a) => a.getBoundingClientRect().right).filter((_, i, all) => i === 0 || i === all.length - 1)',
    );
    if (viewport.width > 600) {
      expect(first).toBeGreaterThan(last);
    }
    await expect(page.getByRole('link', { name: 'القضايا' }).count()).resolves.toBe(1);
    await checkEveryPage(page, 'ar');
  });

  it.each([
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ])('in English on a %s: left to right, within the screen, no axe violation', async (_name, viewport) => {
    await t.dataSource.query(`UPDATE users SET language = 'en' WHERE id = $1`, [t.users.admin.id]);
    const page = await signIn(t.users.admin, viewport);
    await checkEveryPage(page, 'en');
  });
});
