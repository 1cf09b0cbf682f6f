import { Page } from 'playwright-core';
import { CustodyOrder } from '../src/custody/custody-order.entity';
import { makeCase } from './factories/cases';
import { BrowserHarness, PHONE, startBrowser, watchConsole } from './support/browser';
import { startTestApp, TestApp, TestUser } from './support/test-app';

jest.setTimeout(120_000);

// The calendar beside a date field, in a real browser: it appears only with the script, writes the
// chosen day into the text field in the page's language, and the server reads that back.
describe('the date calendar in a real browser', () => {
  let t: TestApp;
  let browser: BrowserHarness;

  beforeAll(async () => {
    t = await startTestApp({ now: '2025-01-10T09:00:00Z' });
    browser = await startBrowser(t);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function signIn(user: TestUser): Promise<Page> {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await page.goto('/login');
    await page.locator('#f-email').fill(user.email);
    await page.locator('#f-password').fill(user.password);
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((url) => url.pathname !== '/login');
    return page;
  }

  it.each([
    ['en', 'caseworker', '20 November 2024'],
    ['ar', 'admin', /^(20|٢٠) نوفمبر (2024|٢٠٢٤)$/],
  ] as const)(
    'in %s: the chosen day is written in words and saved as that day',
    async (lang, role, written) => {
      await t.dataSource.query(`UPDATE users SET language = $1 WHERE id = $2`, [lang, t.users[role].id]);
      const kase = await makeCase(t.dataSource, { arrestedOn: '2024-11-01' });
      const page = await signIn(t.users[role]);
      const problems = watchConsole(page);
      await page.goto(`/cases/${kase.id}/custody-orders/new`);
      const picker = page.locator('input[data-fills="f-orderedOn"]');
      await expect(picker.isVisible()).resolves.toBe(true);
      await picker.fill('2024-11-20');
      const typed = await page.locator('#f-orderedOn').inputValue();
      expect(typed).toMatch(written);
      await page.locator('#f-days').fill('14');
      await page.locator('form[action$="/custody-orders"] button[type="submit"]').click();
      await page.waitForURL((url) => url.pathname === `/cases/${kase.id}`);
      const saved = await t.dataSource.getRepository(CustodyOrder).findOneByOrFail({ caseId: kase.id });
      expect(saved.orderedOn).toBe('2024-11-20');
      expect(problems).toEqual([]);
    },
  );
});
