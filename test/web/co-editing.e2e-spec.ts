import { afterAll, beforeAll, expect, it } from '@jest/globals';
import request from 'supertest';
import { pluralCategory } from '../../apps/web/src/draft/save-status-state.js';
import { describeWithBrowser, pollUntil } from '../support/browser.js';
import { bearer, createDesk, createDraft, createUser, type TestUser } from '../support/factories.js';
import { useNewsroomPage, type Person } from '../support/newsroom-page.js';
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

describeWithBrowser('a reporter and an editor co-edit an Arabic draft in Chromium (docs/web.md)', () => {
  const newsroom = useNewsroomPage(SCENARIO);
  let server: TestServer;
  let reporter: TestUser;
  let editor: TestUser;
  let draftId: string;
  beforeAll(async () => {
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

  const presenceOf = (person: Person, name: string) =>
    person.page.locator('.presence-person .presence-name').filter({ hasText: name });
  /** The body as the server has stored it (its text is written shortly after the updates are acked). */
  const storedBody = async (): Promise<string> => {
    const answer = await request(server.url)
      .get(`/api/drafts/${draftId}`)
      .set(...bearer(reporter))
      .expect(200);
    return answer.body.body as string;
  };
  /** The save status while offline with `count` changes waiting, as the page words it for the person. */
  const offlineWaiting = (person: Person, count: number) =>
    person.words(`save.offline.${pluralCategory(person.locale, count)}`, { count });

  it('each sees the other type and their cursor; the offline reporter’s changes wait, then all converge with the server', async () => {
    await newsroom.play(server.url, async (scene) => {
      // The reporter's interface is English, the editor's Arabic.
      const r = await scene.enter({ who: 'reporter', user: reporter, locale: 'en' });
      const e = await scene.enter({ who: 'editor', user: editor, locale: 'ar' });
      const people = [r, e];

      // 1. Both sign in through the page's form and open the draft; the editor's interface is Arabic.
      for (const person of people) await person.openDraft(draftId, { body: BODY, headline: HEADLINE });
      for (const [person, other] of [
        [r, e],
        [e, r],
      ] as const) {
        await presenceOf(person, other.user.displayName).waitFor();
        await person.waitForSaved();
      }
      expect(await e.page.locator('html').getAttribute('lang')).toBe('ar');
      expect(await e.page.locator('html').getAttribute('dir')).toBe('rtl');
      expect(await e.page.getByRole('heading', { name: e.words('presence.title'), exact: true }).count()).toBe(1);
      await scene.shootAll('1-opened');

      // 2. Both type Arabic: the reporter a sentence at the end, the editor a dateline at the start.
      await r.typeInBody('end', REPORTER_ONLINE);
      await e.typeInBody('start', EDITOR_ONLINE);
      const online = EDITOR_ONLINE + BODY + REPORTER_ONLINE;
      for (const person of people) await person.waitForBody('both online additions', (text) => text === online);
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
      for (const person of people) await person.waitForSaved();
      await scene.shootAll('2-online');

      // 3. The reporter goes offline. In this Chromium, setOffline (CDP network emulation, offline)
      // also closes the open WebSocket, so socket.io disconnects at once: the status says so, and the
      // server sees the reporter leave (the editor's "who is here" drops them). Were the socket kept
      // open, the status would stay "Saved" and the wait below would fail saying so.
      expect(r.errors).toEqual([]);
      const offlineFrom = r.errors.length;
      await r.context.setOffline(true);
      const offlineNone = r.words('save.offlineNone');
      await r.waitForSaveStatus(offlineNone, (status) => status === offlineNone);
      await presenceOf(e, r.user.displayName).waitFor({ state: 'detached' });
      await scene.shootAll('3-offline');

      // 4. Both type on: the reporter's changes wait in the page, the editor's are stored.
      await r.typeInBody('end', REPORTER_OFFLINE);
      await e.typeInBody('end', `\n${EDITOR_OFFLINE}`);
      const countIn = (status: string) => Number(/\d+/.exec(status)?.[0]);
      const waiting = await r.waitForSaveStatus(
        'changes waiting',
        (status) => status === offlineWaiting(r, countIn(status)),
      );
      // One change per keystroke; fewer if the editor took two at once in one transaction.
      const count = countIn(waiting);
      expect(count).toBeGreaterThan(0);
      expect(count).toBeLessThanOrEqual([...REPORTER_OFFLINE].length);
      await e.waitForSaved();
      const storedMeanwhile = await pollUntil(
        "the server to store the editor's offline-period words",
        storedBody,
        (body) => body.includes(EDITOR_OFFLINE),
      );
      expect(storedMeanwhile).toBe(`${online}\n${EDITOR_OFFLINE}`);
      // Neither page has the other's new words yet.
      expect(await r.bodyText()).toBe(online + REPORTER_OFFLINE);
      expect(await e.bodyText()).toBe(`${online}\n${EDITOR_OFFLINE}`);
      await scene.shootAll('4-offline-typed');

      // 5. The reporter comes back: the waiting changes go out, "Saved", and both pages and the server agree.
      await r.context.setOffline(false);
      await r.waitForSaved();
      const backFrom = r.errors.length;
      const merged = await r.waitForBody("the editor's offline-period words", (text) => text.includes(EDITOR_OFFLINE));
      // The two insertions at the same place keep whole, in an order the Yjs client ids decide.
      expect([
        `${online}${REPORTER_OFFLINE}\n${EDITOR_OFFLINE}`,
        `${online}\n${EDITOR_OFFLINE}${REPORTER_OFFLINE}`,
      ]).toContain(merged);
      await e.waitForBody("exactly the reporter's text", (text) => text === merged);
      await pollUntil('the server to store the merged text', storedBody, (body) => body === merged);
      await presenceOf(e, r.user.displayName).waitFor();
      for (const person of people) await person.waitForSaved();
      expect(await r.bodyText()).toBe(merged);
      expect(await e.bodyText()).toBe(merged);
      await scene.shootAll('5-converged');

      // No page errors, but one expected while offline: each reconnection attempt socket.io makes
      // then fails at once, and Chromium logs the failed WebSocket handshake as a console error.
      const wsUrl = `${server.url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
      const offlineHandshake = `console.error: WebSocket connection to '${wsUrl}' failed: Error in connection establishment: net::ERR_INTERNET_DISCONNECTED (`;
      const whileOffline = r.errors.slice(offlineFrom, backFrom);
      expect(whileOffline.filter((error) => !error.startsWith(offlineHandshake))).toEqual([]);
      expect(r.errors.slice(backFrom)).toEqual([]);
      expect(e.errors).toEqual([]);
    });
  });
});
