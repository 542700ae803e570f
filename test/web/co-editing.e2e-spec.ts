import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import {
  describeWithBrowser,
  editorText,
  pollUntil,
  saveScreenshot,
  SCREENSHOT_DIR,
  signInThroughPage,
  useBrowser,
  watchPageErrors,
  type SignInLabels,
} from '../support/browser.js';
import { bearer, createDesk, createDraft, createUser, type TestUser } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/** Screenshots go to test-artifacts/web/co-editing/<step>-<reporter|editor>.png. */
const SCENARIO = 'co-editing';

/** The draft as a Levantine desk would file it (written for this test). */
const HEADLINE = 'بلدية زحلة تقرّ خطة لتأهيل سوق الخضار قبل نهاية شباط';
const BODY =
  'أقرّ المجلس البلدي في زحلة، مساء ١١ شباط، خطة لتأهيل سوق الخضار القديم بكلفة تقارب ٣٫٢ مليون دولار، على أن تبدأ الأشغال في الأسبوع الأخير من الشهر.';

/** What each of them types while both are online, then while the reporter is offline. */
const REPORTER_ONLINE = ' وقال رئيس البلدية إن المحال ستبقى مفتوحة طوال فترة الأشغال.';
const EDITOR_ONLINE = 'زحلة — ';
const REPORTER_OFFLINE = ' وأكد أن ٤٠ محلاً ستنتقل مؤقتاً إلى موقف الكاراج.';
const EDITOR_OFFLINE = 'وقال مصدر بلدي إن التلزيم يُعلن في ٢٥ شباط.';

/** The page's words as each of them reads it: the reporter's interface is English, the editor's Arabic. */
interface Words {
  signIn: SignInLabels;
  headline: string;
  body: string;
  saved: string;
}
const ENGLISH: Words = {
  signIn: { email: 'Email', password: 'Password', submit: 'Sign in' },
  headline: 'Headline',
  body: 'Body',
  saved: 'Saved',
};
const ARABIC: Words = {
  signIn: { email: 'البريد الإلكتروني', password: 'كلمة المرور', submit: 'دخول' },
  headline: 'العنوان',
  body: 'النص',
  saved: 'محفوظ',
};

interface Person {
  who: 'reporter' | 'editor';
  user: TestUser;
  words: Words;
  context: BrowserContext;
  page: Page;
  /** The page's console errors and uncaught errors (watchPageErrors), as they come. */
  errors: string[];
}

describeWithBrowser('a reporter and an editor co-edit an Arabic draft in Chromium (docs/web.md)', () => {
  const browser = useBrowser();
  let server: TestServer;
  let reporter: TestUser;
  let editor: TestUser;
  let draftId: string;
  beforeAll(async () => {
    // Screenshots of an earlier run would pass for this one's.
    await rm(path.join(SCREENSHOT_DIR, SCENARIO), { recursive: true, force: true });
    // Redis when REDIS_URL is set (the real-services run), as a deployment has it.
    server = await startTestServer({ redis: true });
    const desk = await createDesk(server.app);
    reporter = await createUser(server.app, server.url, 'reporter', [desk.id], 'ليلى حداد');
    editor = await createUser(server.app, server.url, 'editor', [desk.id], 'سامر نصار');
    draftId = await createDraft(server.url, reporter, { language: 'ar', headline: HEADLINE, body: BODY });
  });
  afterAll(async () => {
    await server?.close();
  });

  const open = async (who: Person['who'], user: TestUser, words: Words, locale: string): Promise<Person> => {
    const context = await browser.newContext({ locale });
    const page = await context.newPage();
    return { who, user, words, context, page, errors: watchPageErrors(page) };
  };
  const bodyOf = (person: Person) => person.page.locator(`.cm-content[aria-label="${person.words.body}"]`);
  const textOf = (person: Person) => editorText(bodyOf(person));
  const statusOf = (person: Person) => person.page.locator('.save-status[role="status"] .save-text');
  const presenceOf = (person: Person, name: string) =>
    person.page.locator('.presence-person .presence-name').filter({ hasText: name });
  const shoot = (person: Person, step: string) => saveScreenshot(person.page, SCENARIO, `${step}-${person.who}`);
  const waitForText = (person: Person, what: string, ok: (text: string) => boolean) =>
    pollUntil(`the ${person.who}'s body to have ${what}`, () => textOf(person), ok);
  const waitForStatus = (person: Person, what: string, ok: (status: string) => boolean) =>
    pollUntil(
      `the ${person.who}'s save status to say ${what}`,
      async () => (await statusOf(person).textContent()) ?? '',
      ok,
    );
  const waitForSaved = (person: Person) =>
    waitForStatus(person, person.words.saved, (status) => status === person.words.saved);
  /** The body as the server has stored it (its text is written shortly after the updates are acked). */
  const storedBody = async (): Promise<string> => {
    const answer = await request(server.url)
      .get(`/api/drafts/${draftId}`)
      .set(...bearer(reporter))
      .expect(200);
    return answer.body.body as string;
  };
  /** Clicks into the body, puts the caret at its end (Ctrl+End) or start (Ctrl+Home) and types there. */
  const typeInBody = async (person: Person, where: 'start' | 'end', text: string) => {
    await bodyOf(person).click();
    await person.page.keyboard.press(where === 'end' ? 'Control+End' : 'Control+Home');
    await person.page.keyboard.type(text);
  };

  it('each sees the other type and their cursor; the offline reporter’s changes wait, then all converge with the server', async () => {
    const people: Person[] = [];
    let step = 'open';
    let finished = false;
    try {
      const r = await open('reporter', reporter, ENGLISH, 'en-GB');
      const e = await open('editor', editor, ARABIC, 'ar');
      people.push(r, e);

      // 1. Both sign in through the page's form and open the draft; the editor's interface is Arabic.
      for (const person of people) {
        await signInThroughPage(person.page, server.url, person.user.email, person.user.password, {
          hash: `#/drafts/${draftId}`,
          labels: person.words.signIn,
        });
        await waitForText(person, 'the text as filed', (text) => text === BODY);
        await person.page.locator(`[aria-label="${person.words.headline}"]`).filter({ hasText: HEADLINE }).waitFor();
      }
      for (const [person, other] of [
        [r, e],
        [e, r],
      ] as const) {
        await presenceOf(person, other.user.displayName).waitFor();
        await waitForSaved(person);
      }
      expect(await e.page.locator('html').getAttribute('lang')).toBe('ar');
      expect(await e.page.locator('html').getAttribute('dir')).toBe('rtl');
      expect(await e.page.getByRole('heading', { name: 'من هنا', exact: true }).count()).toBe(1);
      for (const person of people) await shoot(person, '1-opened');

      // 2. Both type Arabic: the reporter a sentence at the end, the editor a dateline at the start.
      step = 'online';
      await typeInBody(r, 'end', REPORTER_ONLINE);
      await typeInBody(e, 'start', EDITOR_ONLINE);
      const online = EDITOR_ONLINE + BODY + REPORTER_ONLINE;
      for (const person of people) await waitForText(person, 'both online additions', (text) => text === online);
      // Each sees the other's cursor, named.
      for (const [person, other] of [
        [r, e],
        [e, r],
      ] as const) {
        await person.page
          .locator('.cm-ySelectionCaret .cm-ySelectionInfo')
          .filter({ hasText: other.user.displayName })
          .waitFor({ state: 'attached' });
      }
      for (const person of people) await waitForSaved(person);
      for (const person of people) await shoot(person, '2-online');

      // 3. The reporter goes offline. In this Chromium, setOffline (CDP network emulation, offline)
      // also closes the open WebSocket, so socket.io disconnects at once: the status says so, and the
      // server sees the reporter leave (the editor's "who is here" drops them). Were the socket kept
      // open, the status would stay "Saved" and the wait below would fail saying so.
      step = 'offline';
      expect(r.errors).toEqual([]);
      const offlineFrom = r.errors.length;
      await r.context.setOffline(true);
      await waitForStatus(r, 'offline', (status) => status.startsWith('Offline'));
      await presenceOf(e, r.user.displayName).waitFor({ state: 'detached' });
      for (const person of people) await shoot(person, '3-offline');

      // 4. Both type on: the reporter's changes wait in the page, the editor's are stored.
      await typeInBody(r, 'end', REPORTER_OFFLINE);
      await typeInBody(e, 'end', `\n${EDITOR_OFFLINE}`);
      const waiting = await waitForStatus(r, 'changes waiting', (status) =>
        /^Offline — \d+ changes? waiting$/.test(status),
      );
      // One change per keystroke; fewer if the editor took two at once in one transaction.
      const count = Number(/\d+/.exec(waiting)![0]);
      expect(count).toBeGreaterThan(0);
      expect(count).toBeLessThanOrEqual([...REPORTER_OFFLINE].length);
      await waitForSaved(e);
      const storedMeanwhile = await pollUntil(
        "the server to store the editor's offline-period words",
        storedBody,
        (body) => body.includes(EDITOR_OFFLINE),
      );
      expect(storedMeanwhile).toBe(`${online}\n${EDITOR_OFFLINE}`);
      // Neither page has the other's new words yet.
      expect(await textOf(r)).toBe(online + REPORTER_OFFLINE);
      expect(await textOf(e)).toBe(`${online}\n${EDITOR_OFFLINE}`);
      for (const person of people) await shoot(person, '4-offline-typed');

      // 5. The reporter comes back: the waiting changes go out, "Saved", and both pages and the server agree.
      step = 'back-online';
      await r.context.setOffline(false);
      await waitForSaved(r);
      const backFrom = r.errors.length;
      const merged = await waitForText(r, "the editor's offline-period words", (text) => text.includes(EDITOR_OFFLINE));
      // The two insertions at the same place keep whole, in an order the Yjs client ids decide.
      expect([
        `${online}${REPORTER_OFFLINE}\n${EDITOR_OFFLINE}`,
        `${online}\n${EDITOR_OFFLINE}${REPORTER_OFFLINE}`,
      ]).toContain(merged);
      await waitForText(e, "exactly the reporter's text", (text) => text === merged);
      await pollUntil('the server to store the merged text', storedBody, (body) => body === merged);
      await presenceOf(e, r.user.displayName).waitFor();
      for (const person of people) await waitForSaved(person);
      expect(await textOf(r)).toBe(merged);
      expect(await textOf(e)).toBe(merged);
      for (const person of people) await shoot(person, '5-converged');

      // No page errors, but one expected while offline: each reconnection attempt socket.io makes
      // then fails at once, and Chromium logs the failed WebSocket handshake as a console error.
      const wsUrl = `${server.url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
      const offlineHandshake = `console.error: WebSocket connection to '${wsUrl}' failed: Error in connection establishment: net::ERR_INTERNET_DISCONNECTED (`;
      const whileOffline = r.errors.slice(offlineFrom, backFrom);
      expect(whileOffline.filter((error) => !error.startsWith(offlineHandshake))).toEqual([]);
      expect(r.errors.slice(backFrom)).toEqual([]);
      expect(e.errors).toEqual([]);
      finished = true;
    } finally {
      if (!finished) {
        for (const person of people) {
          if (person.errors.length > 0)
            process.stderr.write(`The ${person.who}'s page errors:\n${person.errors.join('\n')}\n`);
          await shoot(person, `failed-at-${step}`).catch(() => undefined);
        }
      }
    }
  });
});
