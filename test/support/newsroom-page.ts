/**
 * People at the newsroom page, for the browser suites: each in a browser context of their own,
 * with their interface language, signed in through the page's form and at a draft; what went
 * wrong in their pages said, and what they saw saved as screenshots, when a step fails.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, expect } from '@jest/globals';
import type { BrowserContext, BrowserContextOptions, Locator, Page } from 'playwright-core';
import {
  editorText,
  pollUntil,
  saveScreenshot,
  SCREENSHOT_DIR,
  signInLabels,
  signInThroughPage,
  useBrowser,
  watchPageErrors,
  type TestBrowser,
} from './browser.js';
import type { TestUser } from './factories.js';
import { knownParts, wordsIn, type Locale, type Words } from './page-words.js';

/** Where the page keeps the interface language the user chose (apps/web/src/i18n/i18n.ts). */
export const LOCALE_STORAGE_KEY = 'copydesk.locale';

/** The browser's own language (navigator.language, Accept-Language, Intl) for each interface language. */
const BROWSER_LOCALE: Record<Locale, string> = { en: 'en-GB', ar: 'ar' };

/** Who comes to the page. */
export interface Newcomer {
  /** Their part in the scenario ("reporter", "editor"): names their screenshots and their page's errors. */
  who: string;
  user: TestUser;
  /** The page's interface language for them (and the browser's language to match). */
  locale: Locale;
  /** More for their browser context (a viewport, say). */
  context?: BrowserContextOptions;
  /** HTTP error statuses their page is expected to be answered with (watchPageErrors). */
  expectStatuses?: readonly number[];
}

/**
 * Inside a describe: Chromium for the suite (useBrowser), and the scenario's screenshots of an
 * earlier run removed before it starts (they would pass for this run's).
 */
export function useNewsroomPage(scenario: string): NewsroomPage {
  const newsroom = new NewsroomPage(useBrowser(), scenario);
  beforeAll(async () => {
    await rm(path.join(SCREENSHOT_DIR, scenario), { recursive: true, force: true });
  });
  return newsroom;
}

/** The page, as the people of one suite's scenarios come to it. */
export class NewsroomPage {
  constructor(
    readonly browser: TestBrowser,
    readonly scenario: string,
  ) {}

  /**
   * A context for one user whose page speaks `locale`: the browser's language matches, and the
   * page's own setting (localStorage, as its header switch leaves it) says so before the page's
   * script reads it, unless the user switched since.
   */
  async newContext(locale: Locale, options: BrowserContextOptions = {}): Promise<BrowserContext> {
    const context = await this.browser.newContext({ locale: BROWSER_LOCALE[locale], ...options });
    await context.addInitScript(
      ({ key, value }) => {
        try {
          const { localStorage } = globalThis as unknown as { localStorage: StorageLike };
          if (localStorage.getItem(key) === null) localStorage.setItem(key, value);
        } catch {
          // A sandboxed frame (a publication's rendered view) has no storage, and needs none.
        }
      },
      { key: LOCALE_STORAGE_KEY, value: locale },
    );
    return context;
  }

  /** A page in a context of its own (newContext). */
  async newPage(locale: Locale, options: BrowserContextOptions = {}): Promise<Page> {
    const context = await this.newContext(locale, options);
    return context.newPage();
  }

  /**
   * Runs one test's scene at the page served from `baseUrl`. When `body` fails, each person's page
   * errors are written to stderr and a screenshot of each is saved, named by the last step shot
   * (`failed-after-<step>-<who>`, after `label` when given), and the failure goes on to jest.
   */
  async play(baseUrl: string, body: (scene: Scene) => Promise<void>, label?: string): Promise<void> {
    const scene = new Scene(this, baseUrl);
    try {
      await body(scene);
    } catch (error) {
      for (const person of scene.people) {
        if (person.errors.length > 0)
          process.stderr.write(`The ${person.who}'s page errors:\n${person.errors.join('\n')}\n`);
        const step = `failed-after-${scene.lastStep}`;
        await person.shoot(label ? `${label}-${step}` : step).catch(() => undefined);
      }
      throw error;
    }
  }
}

/** The people of one test, at the page. */
export class Scene {
  readonly people: Person[] = [];
  /** The last step every person was shot at (shootAll). */
  lastStep = 'start';

  constructor(
    private readonly newsroom: NewsroomPage,
    readonly baseUrl: string,
  ) {}

  /** A person comes to the page: a context and a page of their own, not yet signed in. */
  async enter(newcomer: Newcomer): Promise<Person> {
    const context = await this.newsroom.newContext(newcomer.locale, newcomer.context);
    const page = await context.newPage();
    const errors = watchPageErrors(page, { expectStatuses: newcomer.expectStatuses });
    const person = new Person(newcomer, this.newsroom.scenario, this.baseUrl, context, page, errors);
    this.people.push(person);
    return person;
  }

  /** Saves a screenshot of each person's page at `step` (`<step>-<who>.png`). */
  async shootAll(step: string): Promise<void> {
    this.lastStep = step;
    for (const person of this.people) await person.shoot(step);
  }

  /** No person's page had an error (watchPageErrors), each asserted with their name. */
  expectNoPageErrors(): void {
    for (const person of this.people)
      expect({ who: person.who, errors: person.errors }).toEqual({ who: person.who, errors: [] });
  }
}

/** One user at the page. */
export class Person {
  readonly who: string;
  readonly user: TestUser;
  readonly locale: Locale;
  /** The page's words in this person's interface language. */
  readonly words: Words;

  constructor(
    newcomer: Newcomer,
    private readonly scenario: string,
    private readonly baseUrl: string,
    readonly context: BrowserContext,
    readonly page: Page,
    /** The page's console errors and uncaught errors (watchPageErrors), as they come. */
    readonly errors: string[],
  ) {
    this.who = newcomer.who;
    this.user = newcomer.user;
    this.locale = newcomer.locale;
    this.words = wordsIn(newcomer.locale);
  }

  /** Signs in through the page's form, in this person's language, at `hash` (the drafts list when not given). */
  signIn(hash?: string): Promise<void> {
    return signInThroughPage(this.page, this.baseUrl, this.user.email, this.user.password, {
      hash,
      labels: signInLabels(this.words),
    });
  }

  /**
   * Signs in at `#/drafts/<id>` and waits until the draft is there: its body reads `body` (or is
   * shown, when not given), its headline shows `headline` when given, and the save status says
   * it is saved (the session joined and in step with the server).
   */
  async openDraft(draftId: string, expected: { body?: string; headline?: string } = {}): Promise<void> {
    await this.signIn(`#/drafts/${draftId}`);
    const { body, headline } = expected;
    if (body === undefined) await this.bodyEditor().waitFor({ state: 'visible' });
    else await this.waitForBody('the text as filed', (text) => text === body);
    if (headline !== undefined) await this.headlineEditor().filter({ hasText: headline }).waitFor();
    await this.waitForSaved();
  }

  /** The body's editor, found by its label in this person's language. */
  bodyEditor(): Locator {
    return this.page.locator(`.cm-content[aria-label="${this.words('draft.body')}"]`);
  }

  /** The headline's editor, found by its label in this person's language. */
  headlineEditor(): Locator {
    return this.page.locator(`.cm-content[aria-label="${this.words('draft.headline')}"]`);
  }

  /** The body's text as the document holds it (editorText). */
  bodyText(): Promise<string> {
    return editorText(this.bodyEditor());
  }

  /** Waits until the body's text passes `ok`, and resolves with it; `what` says what is awaited. */
  waitForBody(what: string, ok: (text: string) => boolean): Promise<string> {
    return pollUntil(`the ${this.who}'s body to have ${what}`, () => this.bodyText(), ok);
  }

  /** What the save status line says now. */
  async saveStatus(): Promise<string> {
    return (await this.page.locator('.save-status[role="status"] .save-text').textContent()) ?? '';
  }

  /** Waits until the save status passes `ok`, and resolves with it; `what` says what is awaited. */
  waitForSaveStatus(what: string, ok: (status: string) => boolean): Promise<string> {
    return pollUntil(`the ${this.who}'s save status to say ${what}`, () => this.saveStatus(), ok);
  }

  /** Waits until the save status says "Saved" in this person's language. */
  waitForSaved(): Promise<string> {
    const saved = this.words('save.saved');
    return this.waitForSaveStatus(saved, (status) => status === saved);
  }

  /** Clicks into the body, puts the caret at its end (Ctrl+End) or start (Ctrl+Home) and types there. */
  async typeInBody(where: 'start' | 'end', text: string): Promise<void> {
    await this.bodyEditor().click();
    await this.page.keyboard.press(where === 'end' ? 'Control+End' : 'Control+Home');
    await this.page.keyboard.type(text);
  }

  /** Saves a screenshot of this person's page (test-artifacts/web/<scenario>/<step>-<who>.png). */
  shoot(step: string): Promise<string> {
    return saveScreenshot(this.page, this.scenario, `${step}-${this.who}`);
  }
}

/** Waits until `locator` is visible. */
export function visible(locator: Locator): Promise<void> {
  return locator.waitFor({ state: 'visible' });
}

/**
 * `locator` narrowed to what has `text`, or, where the text has placeholders left open (a time
 * the page formats as it goes), has every piece of it around them (knownParts).
 */
export function withKnownText(locator: Locator, text: string): Locator {
  return knownParts(text).reduce((found, part) => found.filter({ hasText: part }), locator);
}

/** The little of Web Storage the init script uses (the suites compile without the DOM's types). */
interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}
