import { accessSync, constants, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe } from '@jest/globals';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { onPath } from './binaries.js';

/** Debian's chromium package; nothing in the tests downloads a browser. */
const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/**
 * Headless Chromium as the browser suites run it. Without these flags Chromium keeps reaching out to
 * Google's services (component updates, sync, QUIC probes), which floods a machine with no internet;
 * --no-sandbox because the suites may run as root (CI does).
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** How long a page action or wait may take before it fails with Playwright's own message (below jest's 30 s). */
const ACTION_TIMEOUT_MS = 10_000;

/**
 * The Chromium program the browser suites drive: CHROMIUM_PATH when set (a path, or a program name
 * looked up on PATH; set but not there means none, so CHROMIUM_PATH=/nonexistent skips the suites),
 * else /usr/bin/chromium, else `chromium` on PATH; null when there is none.
 */
export function chromiumPath(): string | null {
  const wanted = process.env.CHROMIUM_PATH;
  if (wanted) return wanted.includes(path.sep) ? (isExecutableFile(wanted) ? wanted : null) : onPath(wanted);
  if (isExecutableFile(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  return onPath('chromium');
}

/**
 * Suites that drive the web page in a real Chromium run wherever Chromium is installed (CI installs
 * Debian's chromium package); otherwise they are skipped with a plain message, never silently.
 * `describeFn` lets a suite add its other guards (describeWithServices).
 */
export function describeWithBrowser(
  name: string,
  body: () => void,
  describeFn: (name: string, body: () => void) => void = describe,
): void {
  if (chromiumPath() !== null) {
    describeFn(name, body);
    return;
  }
  const why = process.env.CHROMIUM_PATH
    ? `CHROMIUM_PATH=${process.env.CHROMIUM_PATH}, which is not there`
    : `${DEBIAN_CHROMIUM} from Debian's chromium package`;
  process.stderr.write(`SKIPPED "${name}": it needs Chromium (${why})\n`);
  const skip = describe.skip;
  skip(`${name} (skipped: install chromium${process.env.CHROMIUM_PATH ? ' or fix CHROMIUM_PATH' : ''})`, body);
}

/** One headless Chromium for a suite; every context (one per user) and page it opens closes with it. */
export class TestBrowser {
  private launched: Browser | undefined;

  /** The running browser (after launch()). */
  get browser(): Browser {
    if (!this.launched) throw new Error('The browser is not launched yet (useBrowser() launches it in beforeAll).');
    return this.launched;
  }

  async launch(): Promise<this> {
    const executablePath = chromiumPath();
    if (!executablePath) throw new Error(`Chromium is not installed (${DEBIAN_CHROMIUM}, or set CHROMIUM_PATH)`);
    this.launched = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
    return this;
  }

  /**
   * A fresh context: one user, with their own cookies and storage. `locale` sets the browser's
   * language (navigator.language and Accept-Language), `en-GB` unless given. Every page opened in it
   * has its console errors and uncaught errors collected (watchPageErrors).
   */
  async newContext(options: BrowserContextOptions = {}): Promise<BrowserContext> {
    const context = await this.browser.newContext({ locale: 'en-GB', ...options });
    context.setDefaultTimeout(ACTION_TIMEOUT_MS);
    context.on('page', (page) => watchPageErrors(page));
    return context;
  }

  /** A page in a new context of its own (a user with one tab). */
  async newPage(options: BrowserContextOptions = {}): Promise<Page> {
    const context = await this.newContext(options);
    return context.newPage();
  }

  /** Closes every context and page, then the browser. */
  async close(): Promise<void> {
    const browser = this.launched;
    this.launched = undefined;
    if (!browser) return;
    await Promise.all(browser.contexts().map((context) => context.close()));
    await browser.close();
  }
}

/** Launches Chromium; the caller closes it (browser.close()). */
export function launchBrowser(): Promise<TestBrowser> {
  return new TestBrowser().launch();
}

/** Inside a describe: launches Chromium in beforeAll and closes everything it opened in afterAll. */
export function useBrowser(): TestBrowser {
  const browser = new TestBrowser();
  beforeAll(async () => {
    await browser.launch();
  });
  afterAll(async () => {
    await browser.close();
  });
  return browser;
}

const pageErrors = new WeakMap<Page, string[]>();

/**
 * The errors a page has had so far, and will have: every console.error (failed loads and Content
 * Security Policy refusals are reported there too), every uncaught error and a crash, one line each.
 * The same live list for the same page; pages of TestBrowser contexts are watched from the start.
 * `expect(watchPageErrors(page)).toEqual([])` asserts there were none.
 */
export function watchPageErrors(page: Page): string[] {
  const known = pageErrors.get(page);
  if (known) return known;
  const errors: string[] = [];
  pageErrors.set(page, errors);
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const { url, lineNumber } = message.location();
    errors.push(`console.error: ${message.text()}${url ? ` (${url}:${lineNumber + 1})` : ''}`);
  });
  page.on('pageerror', (error) => errors.push(`uncaught ${error.name}: ${error.message}`));
  page.on('crash', () => errors.push('the page crashed'));
  return errors;
}

/** Where screenshots go: test-artifacts/web/<scenario>/<name>.png under the repository (git-ignored). */
export const SCREENSHOT_DIR = path.resolve('test-artifacts', 'web');

/**
 * Saves a full-page PNG to test-artifacts/web/<scenario>/<name>.png (folders created; anything but
 * letters, digits, `.`, `_` and `-` in the names becomes `-`) and returns its path.
 */
export async function saveScreenshot(page: Page, scenario: string, name: string): Promise<string> {
  const dir = path.join(SCREENSHOT_DIR, safeName(scenario));
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${safeName(name)}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

function safeName(name: string): string {
  return name.replace(/[^\w.-]+/g, '-');
}

function isExecutableFile(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
