import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe } from '@jest/globals';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Locator,
  type Page,
} from 'playwright-core';
import { CHROMIUM_ARGS, DEBIAN_CHROMIUM, findChromium } from '../../apps/cli/src/commands/bench/chromium-path.js';
import { words, type Words } from './page-words.js';

/**
 * Where Chromium is and how it is started: the rule `copydesk bench --web` uses (CHROMIUM_PATH
 * when set, a path or a name on PATH, set but not there means none, so CHROMIUM_PATH=/nonexistent
 * skips the suites; else Debian's /usr/bin/chromium; else `chromium` on PATH). Nothing in the tests
 * downloads a browser.
 */
export { CHROMIUM_ARGS };

/** How long a page action or wait may take before it fails with Playwright's own message (below jest's 30 s). */
const ACTION_TIMEOUT_MS = 10_000;

/** The Chromium program the browser suites drive; null when there is none. */
export function chromiumPath(): string | null {
  return findChromium().path;
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
const expectedStatuses = new WeakMap<Page, Set<number>>();

export interface WatchPageErrorsOptions {
  /**
   * HTTP statuses the test expects some of the page's requests to be answered with (409 for a
   * refusal by the publish gate): Chromium logs every such answer as the console error "Failed to
   * load resource: the server responded with a status of 409 (Conflict)"; from this call on, exactly
   * those lines are left out (any other error still counts). Adds to what earlier calls allowed.
   */
  expectStatuses?: readonly number[];
}

/** Chromium's console line for a request answered with an HTTP error status. */
const FAILED_LOAD = /^Failed to load resource: the server responded with a status of (\d{3})(?: \(|$)/;

/**
 * The errors a page has had so far, and will have: every console.error (failed loads and Content
 * Security Policy refusals are reported there too), every uncaught error and a crash, one line each.
 * The same live list for the same page; pages of TestBrowser contexts are watched from the start.
 * `expect(watchPageErrors(page)).toEqual([])` asserts there were none.
 */
export function watchPageErrors(page: Page, options: WatchPageErrorsOptions = {}): string[] {
  if (options.expectStatuses?.length) {
    let statuses = expectedStatuses.get(page);
    if (!statuses) expectedStatuses.set(page, (statuses = new Set()));
    for (const status of options.expectStatuses) statuses.add(status);
  }
  const known = pageErrors.get(page);
  if (known) return known;
  const errors: string[] = [];
  pageErrors.set(page, errors);
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const refused = FAILED_LOAD.exec(message.text());
    if (refused && expectedStatuses.get(page)?.has(Number(refused[1]))) return;
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

/** The little of the DOM the page functions below use (the suites compile without the DOM's types). */
interface DomNode {
  querySelector(selectors: string): DomNode | null;
  querySelectorAll(selectors: string): Iterable<DomNode>;
  cloneNode(deep: boolean): DomNode;
  remove(): void;
  readonly textContent: string | null;
}

/** The words the page's sign-in form is found by: its English ones unless given (e.g. Arabic for an `ar` context). */
export interface SignInLabels {
  email: string;
  password: string;
  submit: string;
}

/** The sign-in form's labels in one interface language, as the page writes them (test/support/page-words.ts). */
export function signInLabels(wordsOfPage: Words): SignInLabels {
  return {
    email: wordsOfPage('signIn.email'),
    password: wordsOfPage('signIn.password'),
    submit: wordsOfPage('signIn.submit'),
  };
}

/**
 * Signs in through the page's own form, as a user does: opens `baseUrl` at `hash` (e.g.
 * `#/drafts/<id>`; the drafts list when not given), fills the fields found by their labels,
 * presses the button and waits until the form is gone (the page then shows what the hash names).
 * A refused sign-in fails at once with the form's own message.
 */
export async function signInThroughPage(
  page: Page,
  baseUrl: string,
  email: string,
  password: string,
  options: { hash?: string; labels?: SignInLabels } = {},
): Promise<void> {
  const labels = options.labels ?? signInLabels(words.en);
  await page.goto(`${baseUrl}/${options.hash ?? ''}`, { waitUntil: 'load' });
  await page.getByLabel(labels.email, { exact: true }).fill(email);
  await page.getByLabel(labels.password, { exact: true }).fill(password);
  await page.getByRole('button', { name: labels.submit, exact: true }).click();
  const outcome = await page.waitForFunction(() => {
    const form = (globalThis as unknown as { document: DomNode }).document.querySelector('form.sign-in');
    if (!form) return 'signed in';
    const refusal = form.querySelector('[role="alert"]')?.textContent?.trim();
    return refusal ? `refused: ${refusal}` : false;
  });
  const said = await outcome.jsonValue();
  if (said !== 'signed in') throw new Error(`Signing in as ${email} through the page was ${said}`);
}

/**
 * The text of a CodeMirror editor as the document holds it: its lines joined by line breaks,
 * without what widgets add (the caret and name y-codemirror.next draws for another person's
 * cursor sit inside the lines, so `.cm-content`'s textContent would include their names).
 */
export function editorText(content: Locator): Promise<string> {
  return content.evaluate((root: DomNode) =>
    [...root.querySelectorAll(':scope > .cm-line')]
      .map((line) => {
        const copy = line.cloneNode(true);
        for (const widget of copy.querySelectorAll('.cm-ySelectionCaret, .cm-widgetBuffer, [contenteditable="false"]'))
          widget.remove();
        return copy.textContent ?? '';
      })
      .join('\n'),
  );
}

/**
 * Reads `read()` again every `intervalMs` until `ok` accepts what it returned, and resolves with
 * that; after `timeoutMs` fails saying what was awaited and what was last read. For conditions a
 * locator's own waiting cannot express (text with widgets taken out, the server's answer).
 */
export async function pollUntil<T>(
  what: string,
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  { timeoutMs = ACTION_TIMEOUT_MS, intervalMs = 50 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() >= deadline) {
      throw new Error(`Waited ${timeoutMs} ms for ${what}; last read: ${JSON.stringify(value)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** The little of the DOM `textPoint` and `selectedText` use (the suites compile without the DOM's types). */
interface DomText {
  readonly textContent: string | null;
}
interface DomPageGlobals {
  document: {
    createTreeWalker(root: unknown, whatToShow: number): { nextNode(): DomText | null };
    createRange(): {
      setStart(node: DomText, offset: number): void;
      setEnd(node: DomText, offset: number): void;
      getBoundingClientRect(): { x: number; y: number; width: number; height: number };
    };
  };
  getSelection(): { toString(): string } | null;
}

/**
 * The text of an element as the document holds it: without the widgets drawn inside it (another
 * person's caret and name, a claim's stale marker), as `editorText` reads a whole editor.
 */
export function textWithoutWidgets(element: Locator): Promise<string> {
  return element.evaluate((root: DomNode) => {
    const copy = root.cloneNode(true);
    for (const widget of copy.querySelectorAll('.cm-ySelectionCaret, .cm-widgetBuffer, [contenteditable="false"]'))
      widget.remove();
    return copy.textContent ?? '';
  });
}

/**
 * The point of the viewport in the middle of the first `text` inside the element (scrolled into
 * view first), for a click or double-click exactly there: on a digit of a figure, say, whichever
 * way the line runs. Fails when the element has no text node holding `text`.
 */
export async function textPoint(element: Locator, text: string): Promise<{ x: number; y: number }> {
  await element.scrollIntoViewIfNeeded();
  const point = await element.evaluate((root, wanted) => {
    const { document } = globalThis as unknown as DomPageGlobals;
    const walker = document.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(wanted) ?? -1;
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + wanted.length);
      const box = range.getBoundingClientRect();
      return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    }
    return null;
  }, text);
  if (!point) throw new Error(`No text node reading ${JSON.stringify(text)} in ${element.toString()}`);
  return point;
}

/** What is selected in the page now, as text (`getSelection().toString()`). */
export function selectedText(page: Page): Promise<string> {
  return page.evaluate(() => (globalThis as unknown as DomPageGlobals).getSelection()?.toString() ?? '');
}
