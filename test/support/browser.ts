import { mkdirSync, readFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { TestApp } from './test-app';

// Debian's chromium, headless, kept off the network (CI has none, and tests must not depend on it).
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export const PHONE = { width: 375, height: 812 };
export const DESKTOP = { width: 1280, height: 900 };
export const SCREENSHOT_DIR = join(__dirname, '..', '..', 'test-artifacts', 'screenshots');

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string; failureSummary?: string }[];
}

export interface BrowserHarness {
  browser: Browser;
  baseUrl: string;
  /** A fresh browser profile (its own cookies) with the given viewport. */
  newContext(viewport?: { width: number; height: number }): Promise<BrowserContext>;
  close(): Promise<void>;
}

/** Serves the test app on 127.0.0.1 on a random port and starts headless chromium. */
export async function startBrowser(t: TestApp): Promise<BrowserHarness> {
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    browser,
    baseUrl,
    newContext: (viewport = DESKTOP) => browser.newContext({ baseURL: baseUrl, viewport }),
    close: () => browser.close(),
  };
}

/**
 * Problems the page itself reports: script errors and refused resources (a CSP violation, a missing
 * asset). Collected for the life of the page; tests assert the list stays empty.
 */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') {
      problems.push(message.text());
    }
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return problems;
}

/** axe-core run in the page (injected through the debugger, so the page's CSP stays as served). */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  // A string, not a function: the test code is compiled without the DOM's types.
  const violations = await page.evaluate<AxeViolation[]>(`
    axe.run().then((result) => result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => ({
        target: node.target,
        html: node.html,
        failureSummary: node.failureSummary,
      })),
    })))
  `);
  return violations;
}

export const seriousOrCritical = (violations: AxeViolation[]): AxeViolation[] =>
  violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');

/** A full-page screenshot in test-artifacts/screenshots/<name>-<width>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const width = page.viewportSize()?.width ?? 0;
  const path = join(SCREENSHOT_DIR, `${name}-${width}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
