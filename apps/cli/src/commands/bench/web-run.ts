/**
 * --web: the web page in a real Chromium. The reporter (--email) and the editor (--editor-email)
 * sign in through the page's form in two browser contexts and open a new Arabic draft; the
 * reporter types --keystrokes Arabic letters and spaces into the body at --rate a second, and each
 * keystroke is timed from its keydown in the typing page to the character on the editor's screen
 * (a MutationObserver on the editor's body, then the next animation frame), both pages reading the
 * one clock of this machine. Then the page's weight (its JavaScript and CSS as the server sends
 * them, gzipped) against --budget-kib, and how long the sign-in page and a draft take to show.
 *
 * playwright-core is a devDependency: it is imported here, when the mode runs, so the CLI still
 * loads where only the dependencies are installed.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CopydeskApiError, CopydeskClient } from '#client';
import { sleep } from './async-helpers.js';
import { arabicKeystrokes, keyEventFor } from './arabic-keyboard.js';
import type { BenchOptions } from './bench-options.js';
import type { PageLoadFigures, WebResult } from './bench-result.js';
import { CHROMIUM_ARGS, findChromium } from './chromium-path.js';
import { ErrorTally } from './error-tally.js';
import { ackLatencies, matchKeystrokes, savedAfterLast } from './keystroke-figures.js';
import { summariseLatencies } from './latency-stats.js';
import { measurePageWeight, type AssetRef } from './page-weight.js';
import { seededRandom } from './random-edit.js';
import { BenchSetupError } from './release-run.js';
import { readServerRss } from './server-metrics.js';
import { probeScript, type ProbeConfig, type ProbeReading } from './web-probe.js';

/** The English interface's labels (apps/web/src/i18n): the contexts run with locale en-GB. */
const BODY_LABEL = 'Body';
const EMAIL_LABEL = 'Email';
const PASSWORD_LABEL = 'Password';
const SIGN_IN = 'Sign in';
const SAVED = /^Saved\b/;
/** Where the page keeps its token (apps/web/src/app-state.ts). */
const TOKEN_KEY = 'copydesk.token';
const BODY_SELECTOR = `.cm-content[aria-label="${BODY_LABEL}"]`;

/** Page loads timed per figure: this many in fresh contexts, and this many again with the cache warm. */
const LOAD_SAMPLES = 5;
/** How long a page action or wait may take. */
const ACTION_TIMEOUT_MS = 15_000;
/** After both pages show the draft and the reporter's cursor is in the body, before typing. */
const SETTLE_MS = 1_000;
/** The draft's body before the typing; the reporter types at its end. */
const INITIAL_BODY = 'مسودة لقياس الزمن بين ضغطة المفتاح وظهور الحرف على شاشة المحرر.';

type Playwright = typeof import('playwright-core');

export async function runWeb(options: BenchOptions, progress: (line: string) => void): Promise<WebResult> {
  // The SDK first: an unreachable server or a refused password is said plainly before a browser starts.
  const reporter = new CopydeskClient({ baseUrl: options.url });
  try {
    await login(reporter, options.email, options.password);
    const deskId = (await reporter.me()).desks[0]?.id;
    if (!deskId) throw new BenchSetupError(`${options.email} is on no desk: --email must name a reporter of a desk`);
    return await inBrowser(options, reporter, deskId, progress);
  } finally {
    await reporter.close();
  }
}

async function inBrowser(
  options: BenchOptions,
  reporter: CopydeskClient,
  deskId: string,
  progress: (line: string) => void,
): Promise<WebResult> {
  const tally = new ErrorTally();
  const pageErrors: string[] = [];
  const loaded: AssetRef[] = [];
  const origin = new URL(options.url).origin;

  const { chromium } = await loadPlaywright();
  const found = findChromium();
  if (!found.path) {
    throw new BenchSetupError(
      `--web needs Chromium, and there is none (${found.lookedFor}): install Debian's chromium package, or set CHROMIUM_PATH`,
    );
  }
  const rssBefore = await readServerRss(options.url, options.metricsToken);
  const browser: Browser = await chromium
    .launch({ executablePath: found.path, headless: true, args: CHROMIUM_ARGS })
    .catch((error: unknown) => {
      throw new BenchSetupError(`Chromium (${found.path}) did not start: ${firstLine(error)}`);
    });
  progress(`Chromium ${browser.version()} (${found.path})`);

  const newContext = async (config: Partial<ProbeConfig>): Promise<BrowserContext> => {
    const context = await browser.newContext({ locale: 'en-GB' });
    context.setDefaultTimeout(ACTION_TIMEOUT_MS);
    await context.addInitScript({ content: probeScript({ ...PROBE_DEFAULTS, ...config }) });
    context.on('page', (page) => watch(page, tally, pageErrors));
    context.on('response', (response) => {
      const kind = response.request().resourceType();
      if ((kind === 'script' || kind === 'stylesheet') && new URL(response.url()).origin === origin) {
        if (!loaded.some((asset) => asset.url === response.url())) loaded.push({ url: response.url(), kind });
      }
    });
    return context;
  };

  try {
    progress(`the sign-in page, ${LOAD_SAMPLES} loads in fresh contexts and ${LOAD_SAMPLES} with the cache warm`);
    const signInPage = await timeSignInPage(`${options.url}/`, newContext);

    const draft = await reporter.createDraft({
      language: 'ar',
      headline: `bench --web ${new Date().toISOString()}`,
      body: INITIAL_BODY,
      deskId,
    });
    const draftUrl = `${options.url}/#/drafts/${draft.id}`;
    progress(`draft ${draft.id}: ${options.email} and ${options.editorEmail} sign in through the page and open it`);
    const readyStarted = performance.now();
    const [typist, watcher] = await Promise.all([
      openSignedIn(await newContext({}), draftUrl, options.email, options.password),
      openSignedIn(await newContext({}), draftUrl, options.editorEmail, options.password),
    ]);
    await Promise.all([typist, watcher].map((page) => untilBody(page, INITIAL_BODY)));
    const readyMs = performance.now() - readyStarted;

    const body = typist.locator(BODY_SELECTOR);
    if ((await body.getAttribute('contenteditable')) !== 'true') {
      throw new BenchSetupError(`${options.email} may not edit draft ${draft.id} in the page (the body is read-only)`);
    }
    await body.click();
    await typist.keyboard.press('Control+End');
    await sleep(SETTLE_MS);
    const baseLength = await evaluate<number>(watcher, 'window.__copydeskBench.bodyLength()');
    await Promise.all([typist, watcher].map((page) => evaluate(page, 'window.__copydeskBench.reset()')));

    const typed = arabicKeystrokes(options.keystrokes, seededRandom(options.seed));
    progress(`typing ${typed.length} keystrokes at ${options.rate}/s`);
    // Playwright's keyboard knows the US layout only: the key events of an Arabic keyboard go over the DevTools protocol.
    const devtools = await typist.context().newCDPSession(typist);
    const interval = 1000 / options.rate;
    const start = performance.now() + 50;
    for (const [index, char] of [...typed].entries()) {
      const wait = start + index * interval - performance.now();
      if (wait > 0) await sleep(wait);
      const key = keyEventFor(char);
      await devtools.send('Input.dispatchKeyEvent', { type: 'keyDown', ...key, unmodifiedText: key.text });
      await devtools.send('Input.dispatchKeyEvent', {
        type: 'keyUp',
        key: key.key,
        code: key.code,
        windowsVirtualKeyCode: key.windowsVirtualKeyCode,
      });
    }
    await devtools.detach();
    const expected = INITIAL_BODY + typed;
    const arrivedAll = await pollPage(
      watcher,
      `window.__copydeskBench.bodyLength() >= ${baseLength + typed.length}`,
      options.drainS * 1000,
    );
    if (!arrivedAll) progress(`not every keystroke reached the editor's screen within ${options.drainS} s`);
    // The typing page's save status after the last keystroke (none: nothing to wait for).
    const savedAtEnd = await pollPage(
      typist,
      `(() => { const s = window.__copydeskBench.read().statuses; return s.length === 0 || ${SAVED}.test(s[s.length - 1].text); })()`,
      5_000,
    );
    if (!savedAtEnd) tally.add('NOT_SAVED_AT_THE_END');
    await sleep(100); // the frame after the last change
    const remoteCursor = await evaluate<boolean>(watcher, "document.querySelector('.cm-ySelectionInfo') !== null");
    const typing = await evaluate<ProbeReading>(typist, 'window.__copydeskBench.read()');
    const watching = await evaluate<ProbeReading>(watcher, 'window.__copydeskBench.read()');

    const figures = matchKeystrokes(typed.length, typing.keydowns, watching.changes, baseLength);
    const mismatch =
      typing.bodyText !== expected
        ? `the reporter's page has ${describeText(typing.bodyText, expected)}`
        : watching.bodyText !== expected
          ? `the editor's page has ${describeText(watching.bodyText, expected)}`
          : undefined;
    const keydowns = typing.keydowns;
    const actualRatePerS =
      keydowns.length > 1 ? ((keydowns.length - 1) * 1000) / (keydowns[keydowns.length - 1]! - keydowns[0]!) : 0;

    progress(`opening the draft, ${LOAD_SAMPLES} times in fresh contexts and ${LOAD_SAMPLES} with the cache warm`);
    const token = await evaluate<string | null>(watcher, `sessionStorage.getItem(${JSON.stringify(TOKEN_KEY)})`);
    if (!token) throw new BenchSetupError(`the page kept no token in sessionStorage (${TOKEN_KEY}) after signing in`);
    const draftOpenMs = await timeDraftOpen(draftUrl, expected.length, token, newContext);

    const weight = await measurePageWeight(options.url, options.budgetKib, loaded);
    const rssAfter = await readServerRss(options.url, options.metricsToken);
    const problem = rssBefore.problem ?? rssAfter.problem;
    return {
      mode: 'web',
      url: options.url,
      config: {
        keystrokes: options.keystrokes,
        ratePerS: options.rate,
        budgetKib: options.budgetKib,
        chromium: { path: found.path, version: browser.version() },
        reporter: options.email,
        editor: options.editorEmail,
      },
      weight,
      signInPage,
      draftOpenMs,
      draft: { id: draft.id, initialLength: INITIAL_BODY.length, finalLength: expected.length, readyMs },
      typing: {
        sent: typed.length,
        keydowns: keydowns.length,
        arrived: figures.arrived,
        lost: figures.lost,
        actualRatePerS,
        textsMatch: mismatch === undefined,
        remoteCursor,
        ...(mismatch ? { mismatch } : {}),
      },
      domMs: figures.domMs,
      screenMs: figures.screenMs,
      ackMs: ackLatencies(keydowns, typing.updatesSent, typing.acks),
      savedAfterLastMs: savedAfterLast(keydowns[keydowns.length - 1], typing.statuses, (text) => SAVED.test(text)),
      pageErrors: pageErrors.slice(0, 10),
      errors: tally.toJSON(),
      rss: { beforeBytes: rssBefore.bytes, afterBytes: rssAfter.bytes, ...(problem ? { problem } : {}) },
    };
  } finally {
    await browser.close().catch(() => undefined);
  }
}

const PROBE_DEFAULTS: ProbeConfig = {
  expectBodyLength: null,
  bodyLabel: BODY_LABEL,
  emailLabel: EMAIL_LABEL,
  token: null,
  tokenKey: TOKEN_KEY,
};

async function loadPlaywright(): Promise<Playwright> {
  try {
    return await import('playwright-core');
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
      throw new BenchSetupError(
        '--web drives Chromium through playwright-core, a devDependency that is not installed here: ' +
          'run `npm install` (not `npm ci --omit=dev`) in the checkout',
      );
    }
    throw error;
  }
}

async function login(client: CopydeskClient, email: string, password: string): Promise<void> {
  try {
    await client.login(email, password);
  } catch (error) {
    if (error instanceof CopydeskApiError) {
      throw new CopydeskApiError(error.status, error.code, `${email}: ${error.message}`, error.details);
    }
    throw error;
  }
}

/** Opens `url` in a new page of `context`, signs in through the page's form, and waits for the body editor. */
async function openSignedIn(context: BrowserContext, url: string, email: string, password: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  await page.getByLabel(EMAIL_LABEL, { exact: true }).fill(email);
  await page.getByLabel(PASSWORD_LABEL, { exact: true }).fill(password);
  await page.getByRole('button', { name: SIGN_IN, exact: true }).click();
  const refusal = page.locator('form [role="alert"]:not(:empty)');
  try {
    await page.locator(`${BODY_SELECTOR}, form [role="alert"]:not(:empty)`).first().waitFor();
  } catch {
    throw new BenchSetupError(
      `the draft's body editor (.cm-content labelled "${BODY_LABEL}") did not show for ${email} within ` +
        `${ACTION_TIMEOUT_MS / 1000} s of signing in: is the page's editor built (npm run build)?`,
    );
  }
  if (await refusal.count()) {
    const hint = ' (for the demo users, run `copydesk seed --demo` first)';
    throw new BenchSetupError(
      `${email} could not sign in through the page: ${await refusal.first().innerText()}${hint}`,
    );
  }
  return page;
}

/** Waits until the page's body (visible text, remote cursors left out) is `text`. */
async function untilBody(page: Page, text: string): Promise<void> {
  const synced = await pollPage(
    page,
    `window.__copydeskBench.bodyText() === ${JSON.stringify(text)}`,
    ACTION_TIMEOUT_MS,
  );
  if (!synced) throw new BenchSetupError(`the draft did not sync in the page within ${ACTION_TIMEOUT_MS / 1000} s`);
}

/**
 * Evaluates `expression` in the page every 25 ms until it gives something other than null or
 * false, and returns that; null after `timeoutMs`. (Not page.waitForFunction: its polling evaluates
 * a string with eval, which the page's Content Security Policy forbids.)
 */
async function pollPage<T = true>(page: Page, expression: string, timeoutMs: number): Promise<T | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await evaluate<T | null | false>(page, expression);
    if (value !== null && value !== false) return value;
    if (Date.now() >= deadline) return null;
    await sleep(25);
  }
}

/** The sign-in page: DOMContentLoaded, load, and the form on screen, cold (a new context each) and warm. */
async function timeSignInPage(
  url: string,
  newContext: (config: Partial<ProbeConfig>) => Promise<BrowserContext>,
): Promise<WebResult['signInPage']> {
  const samples = { dcl: [[], []], load: [[], []], form: [[], []] } as Record<'dcl' | 'load' | 'form', number[][]>;
  const measure = async (page: Page, warm: number) => {
    await page.goto(url, { waitUntil: 'load' });
    const timing = await pollPage<{ dcl: number; load: number; form: number }>(
      page,
      `(() => {
        const nav = performance.getEntriesByType('navigation')[0];
        const probe = window.__copydeskBench.read();
        return nav && nav.loadEventEnd > 0 && probe.formShownAt !== null
          ? { dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd, form: probe.formShownAt - probe.timeOrigin }
          : null;
      })()`,
      ACTION_TIMEOUT_MS,
    );
    if (!timing)
      throw new BenchSetupError(`the sign-in page did not show its form within ${ACTION_TIMEOUT_MS / 1000} s`);
    samples.dcl[warm]!.push(timing.dcl);
    samples.load[warm]!.push(timing.load);
    samples.form[warm]!.push(timing.form);
  };
  for (let i = 0; i < LOAD_SAMPLES; i += 1) {
    const context = await newContext({});
    try {
      await measure(await context.newPage(), 0);
    } finally {
      await context.close();
    }
  }
  const context = await newContext({});
  try {
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'load' });
    for (let i = 0; i < LOAD_SAMPLES; i += 1) {
      await page.goto('about:blank');
      await measure(page, 1);
    }
  } finally {
    await context.close();
  }
  const figures = (pair: number[][]): PageLoadFigures => ({
    cold: summariseLatencies(pair[0]!),
    warm: summariseLatencies(pair[1]!),
  });
  return {
    domContentLoadedMs: figures(samples.dcl),
    loadMs: figures(samples.load),
    formShownMs: figures(samples.form),
  };
}

/** From navigating to the draft's URL, signed in (the token in sessionStorage), to its whole body on screen. */
async function timeDraftOpen(
  url: string,
  length: number,
  token: string,
  newContext: (config: Partial<ProbeConfig>) => Promise<BrowserContext>,
): Promise<PageLoadFigures> {
  const config = { token, expectBodyLength: length };
  const measure = async (page: Page): Promise<number> => {
    await page.goto(url);
    const shownMs = await pollPage<number>(
      page,
      '(() => { const r = window.__copydeskBench.read(); return r.bodyShownAt === null ? null : r.bodyShownAt - r.timeOrigin; })()',
      ACTION_TIMEOUT_MS,
    );
    if (shownMs === null) throw new BenchSetupError(`the draft did not show within ${ACTION_TIMEOUT_MS / 1000} s`);
    return shownMs;
  };
  const cold: number[] = [];
  for (let i = 0; i < LOAD_SAMPLES; i += 1) {
    const context = await newContext(config);
    try {
      cold.push(await measure(await context.newPage()));
    } finally {
      await context.close();
    }
  }
  const warm: number[] = [];
  const context = await newContext(config);
  try {
    const page = await context.newPage();
    await measure(page);
    for (let i = 0; i < LOAD_SAMPLES; i += 1) {
      await page.goto('about:blank');
      warm.push(await measure(page));
    }
  } finally {
    await context.close();
  }
  return { cold: summariseLatencies(cold), warm: summariseLatencies(warm) };
}

/** A script's value in the page (the bench's scripts are strings: the CLI has no DOM types). */
async function evaluate<T = unknown>(page: Page, expression: string): Promise<T> {
  return (await page.evaluate(expression)) as T;
}

/** Collects the page's console errors, uncaught errors and crash, one line each. */
function watch(page: Page, tally: ErrorTally, errors: string[]): void {
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    tally.add('PAGE_CONSOLE_ERROR');
    errors.push(`console.error: ${message.text()}`);
  });
  page.on('pageerror', (error) => {
    tally.add('PAGE_UNCAUGHT_ERROR');
    errors.push(`uncaught ${error.name}: ${error.message}`);
  });
  page.on('crash', () => {
    tally.add('PAGE_CRASHED');
    errors.push('a page crashed');
  });
}

function describeText(actual: string | null, expected: string): string {
  if (actual === null) return 'no body editor';
  let same = 0;
  while (same < actual.length && actual[same] === expected[same]) same += 1;
  return `${actual.length} characters, ${expected.length} expected, the first difference at ${same}`;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}
