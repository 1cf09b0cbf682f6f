import { readFileSync } from 'node:fs';
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

jest.setTimeout(300_000);

// 24 March 2022, 14:30 in New Delhi: the caseworker is back from the morning's hearing.
const NOW = '2022-03-24T09:00:00Z';

describe("the caseworkers' pages in a real browser", () => {
  let t: TestApp;
  let browser: BrowserHarness;
  /** Pages the flow reached, by name, for the every-page check. */
  const visited = new Map<string, string>();

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
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

  /** axe-core on the page as it stands: no serious or critical violation, and nothing wider than the screen. */
  async function check(page: Page, name: string): Promise<void> {
    const width = page.viewportSize()?.width;
    await screenshot(page, name);
    const violations = seriousOrCritical(await axeViolations(page));
    expect({ page: name, width, violations }).toEqual({ page: name, width, violations: [] });
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect({ page: name, width, overflow }).toEqual({ page: name, width, overflow: 0 });
  }

  it('signs in with the keyboard alone', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    const problems = watchConsole(page);
    await page.goto('/');
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.keyboard.press('Tab');
    await expect(page.evaluate<string | undefined>('document.activeElement?.textContent')).resolves.toBe(
      'Skip to content',
    );
    // The focused element is visibly outlined.
    await expect(
      page.evaluate<string>('getComputedStyle(document.activeElement).outlineStyle'),
    ).resolves.not.toBe('none');
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

  it('on a phone: adds a defender and a case, logs an outcome with a custody extension and the next date, sees the dashboard change, exports Markdown and imports text with a warning', async () => {
    const context = await browser.newContext(PHONE);
    const page = await signIn(context, t.users.caseworker);
    const problems = watchConsole(page);

    // A defender
    await page.getByRole('link', { name: 'Defenders', exact: true }).click();
    visited.set('defenders', page.url());
    await page.getByRole('link', { name: 'Add a defender' }).click();
    visited.set('defender-new', page.url());
    await page.getByRole('button', { name: 'Add defender' }).click();
    await expect(page.locator('#f-fullName-error').textContent()).resolves.toContain(
      'Full name must not be blank',
    );
    await check(page, 'defender-form-errors');
    await page.getByLabel('Full name').fill('Khurram Parvez');
    await page.getByLabel('Other names').fill('Khurram Pervez');
    await page.getByLabel('Country').selectOption('IN');
    await page.getByLabel('Profession').fill('human rights defender');
    await page.getByRole('button', { name: 'Add defender' }).click();
    await page.getByRole('heading', { name: 'Khurram Parvez', level: 1 }).waitFor();
    visited.set('defender', page.url());
    visited.set('defender-edit', `${page.url().split('?')[0]}/edit`);

    // A case
    await page.getByRole('link', { name: 'Add a case' }).click();
    visited.set('case-new', page.url());
    await page.getByLabel('Title').fill('NIA case RC-30/2021/NIA/DLI');
    await page.getByLabel('Current court').fill('NIA Special Court, New Delhi');
    await page.getByLabel('Status', { exact: true }).selectOption('charged');
    await page.getByLabel('Arrested on').fill('2021-11-22');
    await page.getByRole('button', { name: 'Add case' }).click();
    await page.getByText('Case added.').waitFor();
    const caseUrl = page.url().split('?')[0];
    visited.set('case', caseUrl);
    visited.set('case-edit', `${caseUrl}/edit`);
    visited.set('chronology', `${caseUrl}/chronology`);
    visited.set('case-settings', caseUrl.replace('/cases/', '/settings/cases/'));

    // The order in force and the morning's hearing
    await page.getByRole('link', { name: 'Add custody order' }).click();
    visited.set('custody-new', page.url());
    await page.getByLabel('Ordered on').fill('2022-02-12');
    await page.getByLabel('For how many days').fill('40');
    await page.getByRole('button', { name: 'Save custody order' }).click();
    await page.getByText('Custody order saved.').waitFor();
    await page.getByRole('link', { name: 'Add hearing' }).click();
    visited.set('hearing-new', page.url());
    await page.getByLabel('Date', { exact: true }).fill('2022-03-24');
    await page.getByLabel('Time').fill('10:30');
    await page.getByRole('button', { name: 'Save hearing' }).click();
    await page.getByText('Hearing saved.').waitFor();
    await expect(page.locator('#custody-clock').textContent()).resolves.toBe(
      'In custody 122 days; judicial custody ends today.',
    );
    await page.getByRole('link', { name: 'Add charge' }).click();
    visited.set('charge-new', page.url());
    await page.getByRole('link', { name: 'NIA case RC-30/2021/NIA/DLI' }).click();
    await page.getByRole('link', { name: 'Add event' }).click();
    visited.set('event-new', page.url());

    // The dashboard asks for the outcome
    await page.getByRole('link', { name: 'Dashboard' }).click();
    const awaiting = page.locator('section[aria-labelledby="awaiting-heading"]');
    await expect(awaiting.textContent()).resolves.toContain('24 March 2022, 10:30 IST');
    await expect(page.locator('section[aria-labelledby="custody-heading"]').textContent()).resolves.toContain(
      'judicial custody ends today',
    );
    await check(page, 'dashboard-before-outcome');

    // One form, one submit: under a minute for a caseworker with a phone
    const started = Date.now();
    await awaiting.getByRole('link', { name: /Log the outcome/ }).click();
    visited.set('outcome', page.url());
    await page.getByLabel('Result').fill('Judicial custody extended');
    await page.getByLabel('Extended by (days)').fill('50');
    await page.locator('#f-nextHearingAt').fill('2022-05-13');
    await page.locator('#f-nextHearingAt-time').fill('10:30');
    await page.getByLabel('Purpose of the next hearing').fill('Charge sheet due');
    await check(page, 'outcome-filled');
    await page.getByRole('button', { name: 'Save outcome' }).click();
    await page.getByText('Outcome saved. Reminders have been updated.').waitFor();
    expect(Date.now() - started).toBeLessThan(60_000);
    await expect(page.locator('#custody-clock').textContent()).resolves.toBe(
      'In custody 122 days; judicial custody ends in 50 days (13 May 2022).',
    );
    await expect(page.getByText('Next hearing:').locator('..').textContent()).resolves.toContain(
      '13 May 2022, 10:30 IST',
    );

    // The dashboard has changed
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await expect(page.locator('section[aria-labelledby="awaiting-heading"]').count()).resolves.toBe(0);
    await expect(page.locator('section[aria-labelledby="custody-heading"]').textContent()).resolves.toContain(
      'No custody order ends in the next 7 days',
    );
    visited.set('dashboard', page.url());

    // Export the public chronology as Markdown
    await page.goto(visited.get('chronology')!);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page
        .getByRole('group', { name: /Public entries only/ })
        .getByRole('link', { name: /^Markdown/ })
        .click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.md$/);
    const markdown = readFileSync((await download.path())!, 'utf8');
    expect(markdown).toContain('Khurram Parvez');
    expect(markdown).toContain('24 March 2022');

    // Import statement text with an entry out of date order
    await page
      .getByLabel('Chronology text')
      .fill(
        [
          '25 December 2021: Judicial custody extended for 30 days until 21 January 2022.',
          '',
          '24 January 2021: Judicial custody extended for 40 days.',
        ].join('\n'),
      );
    await page.getByRole('button', { name: 'Preview the import' }).click();
    await page.getByRole('heading', { name: 'Check the import' }).waitFor();
    const warnings = page.locator('section[aria-labelledby="warnings-heading"]');
    await expect(warnings.textContent()).resolves.toMatch(/Line 3:/);
    await check(page, 'import-preview');
    await page.getByRole('button', { name: 'Save these 2 entries' }).click();
    await page.getByText('Imported entries saved.').waitFor();
    await expect(page.locator('.timeline').textContent()).resolves.toContain('24 January 2021');

    // The one refused form above answers 400 by design; anything else the page reports is a fault.
    expect(problems.filter((problem) => !problem.includes('status of 400'))).toEqual([]);
    await context.close();
  });

  it('passes axe and fits the screen on every page, at phone and desktop widths', async () => {
    expect(visited.size).toBeGreaterThan(10);
    const hearingEdit = await t.dataSource.query(`SELECT id FROM hearings ORDER BY scheduled_at LIMIT 1`);
    const orderEdit = await t.dataSource.query(`SELECT id FROM custody_orders ORDER BY ordered_on LIMIT 1`);
    const eventEdit = await t.dataSource.query(`SELECT id FROM events ORDER BY occurred_on LIMIT 1`);
    const [someCase] = await t.dataSource.query(
      `SELECT id, defender_id FROM cases ORDER BY created_at LIMIT 1`,
    );
    const pages: [string, string][] = [
      ...[...visited.entries()].map(([name, url]): [string, string] => [name, new URL(url).pathname]),
      ['cases', '/cases'],
      ['cases-sorted', '/cases?sort=nextHearing&order=desc'],
      ['calendar', '/calendar'],
      ['calendar-agenda', '/calendar?view=agenda'],
      ['settings', '/settings'],
      ['logout', '/logout'],
      ['hearing-edit', `/hearings/${hearingEdit[0].id}/edit`],
      ['custody-edit', `/custody-orders/${orderEdit[0].id}/edit`],
      ['event-edit', `/events/${eventEdit[0].id}/edit`],
      ['not-found', '/cases/00000000-0000-4000-8000-000000000000'],
      ['unknown-path', '/no/such/page'],
      ['feeds', '/account/feeds'],
      ['defender-chronology', `/defenders/${someCase.defender_id}/chronology`],
      ['defender-delete', `/defenders/${someCase.defender_id}/delete`],
      ['case-delete', `/cases/${someCase.id}/delete`],
    ];
    for (const viewport of [PHONE, DESKTOP]) {
      const login = await browser.newContext(viewport);
      const loginPage = await login.newPage();
      await loginPage.goto('/login');
      await check(loginPage, 'login');
      await login.close();

      const context = await browser.newContext(viewport);
      const page = await signIn(context, t.users.admin);
      const problems = watchConsole(page);
      for (const [name, path] of pages) {
        await page.goto(path);
        await check(page, name);
      }
      // A new feed's address, like the import preview, is the answer to a post; its copy button
      // shows once the script runs.
      await page.goto('/account/feeds');
      await page.getByRole('button', { name: 'Create the feed' }).click();
      await page.getByRole('button', { name: 'Copy the address' }).waitFor();
      await check(page, 'feed-created');
      // The import preview is the answer to a post, not a page of its own address.
      await page.goto(visited.get('chronology')!);
      await page.getByLabel('Chronology text').fill('22 November 2021: Arrested.\n\n2021: Raids.');
      await page.getByRole('button', { name: 'Preview the import' }).click();
      await page.getByRole('heading', { name: 'Check the import' }).waitFor();
      await check(page, 'import-preview');
      expect(problems.filter((problem) => !problem.includes('404 (Not Found)'))).toEqual([]);
      // The admin's Queues link opens the queue dashboard on the same session. It is Bull Board's own
      // page (which asks a font CDN for its fonts), so our axe and console checks stop before it.
      await page.getByRole('link', { name: 'Queues' }).click();
      await page.getByText('reminders', { exact: true }).first().waitFor();
      await screenshot(page, 'admin-queues');
      await context.close();
    }
  });
});
