import { afterAll, afterEach, beforeAll, expect, it } from '@jest/globals';
import request from 'supertest';
import { DOCUMENT_FIELDS, type Cursor, type PresenceEntry } from '#contracts';
import { killHard, startChildServer, type ChildServer } from '../support/child-server.js';
import { bearer, createDesk, createUser, type TestUser } from '../support/factories.js';
import { PresenceWatcher } from '../support/presence-watcher.js';
import { connectSocket, eventually, send, whenConnected, type CollabSocket } from '../support/raw-collab-client.js';
import { describeWithServices } from '../support/services.js';
import { startTestServer, TEST_JWT_SECRET, type TestServer } from '../support/test-server.js';

const TIMEOUT_MS = 2_000;
const ENV = { PRESENCE_TIMEOUT_MS: String(TIMEOUT_MS), PRESENCE_CURSOR_INTERVAL_MS: '20' };

describeWithServices(['postgres', 'redis'], 'presence across server instances on one PostgreSQL and Redis', () => {
  let first: TestServer;
  let second: TestServer;
  let alice: TestUser;
  let bob: TestUser;
  let checker: TestUser;
  const sockets: CollabSocket[] = [];
  let child: ChildServer | undefined;

  const watch = async (url: string, user: TestUser, draftId: string) => {
    const socket = connectSocket(url, user.token);
    sockets.push(socket);
    await whenConnected(socket);
    const watcher = new PresenceWatcher(socket, draftId);
    expect(await watcher.join()).toMatchObject({ ok: true });
    return watcher;
  };
  const newDraft = async () =>
    (
      await request(first.url)
        .post('/api/drafts')
        .set(...bearer(alice))
        .send({ language: 'ar', body: 'قال الوزير إن العجز بلغ ٤٫٥ مليار ليرة' })
        .expect(201)
    ).body.id as string;
  const restPresence = async (url: string, user: TestUser, draftId: string) =>
    (
      await request(url)
        .get(`/api/drafts/${draftId}/presence`)
        .set(...bearer(user))
        .expect(200)
    ).body as PresenceEntry[];

  beforeAll(async () => {
    first = await startTestServer({ redis: true, env: ENV });
    second = await startTestServer({ redis: true, database: first.config.database, env: ENV });
    const desk = await createDesk(first.app);
    alice = await createUser(first.app, first.url, 'reporter', [desk.id], 'عليا الحلبي');
    bob = await createUser(first.app, first.url, 'editor', [desk.id], 'Bob Editor');
    checker = await createUser(first.app, first.url, 'fact_checker', [desk.id], 'Chen Checker');
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    if (child) await killHard(child);
    child = undefined;
  });
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  it('shows three sessions (two users, one in two tabs) on two instances to each other, and over REST', async () => {
    const draftId = await newDraft();
    const aliceTab1 = await watch(first.url, alice, draftId);
    const aliceTab2 = await watch(second.url, alice, draftId);
    const bobView = await watch(second.url, bob, draftId);
    const views = [aliceTab1, aliceTab2, bobView];
    const sessionIds = views.map((view) => view.sessionId).sort();

    const expected = [
      { userId: alice.id, displayName: 'عليا الحلبي', role: 'reporter' },
      { userId: alice.id, displayName: 'عليا الحلبي', role: 'reporter' },
      { userId: bob.id, displayName: 'Bob Editor', role: 'editor' },
    ].sort((a, b) => a.userId.localeCompare(b.userId));
    for (const view of views) {
      await eventually(() => {
        expect(view.people()).toEqual(expected);
        expect([...view.roster.keys()].sort()).toEqual(sessionIds);
      });
      // Each sees the other two.
      expect(view.others()).toHaveLength(2);
    }
    for (const server of [first, second]) {
      const rest = await restPresence(server.url, checker, draftId);
      expect(rest.map((entry) => entry.sessionId).sort()).toEqual(sessionIds);
      expect(rest.map(({ userId, displayName, role }) => ({ userId, displayName, role }))).toEqual(
        expect.arrayContaining(expected),
      );
    }

    // A move on one instance reaches the other instance's sockets.
    const cursor: Cursor = {
      anchor: { tname: DOCUMENT_FIELDS.body, item: { client: 1, clock: 4 }, assoc: 0 },
      head: { tname: DOCUMENT_FIELDS.body, item: { client: 1, clock: 9 }, assoc: 0 },
    };
    expect(await send(aliceTab1.socket, 'presence', { draftId, cursor, activity: 'editing' })).toEqual({ ok: true });
    for (const view of [aliceTab2, bobView]) {
      await eventually(() =>
        expect(view.roster.get(aliceTab1.sessionId)).toMatchObject({ cursor, activity: 'editing' }),
      );
    }
    // And a leave on the second instance reaches the first.
    expect(await send(bobView.socket, 'leave', { draftId })).toEqual({ ok: true });
    await eventually(() => expect(aliceTab1.roster.has(bobView.sessionId)).toBe(false));
    expect((await restPresence(first.url, alice, draftId)).map((entry) => entry.sessionId).sort()).toEqual(
      [aliceTab1.sessionId, aliceTab2.sessionId].sort(),
    );
  });

  it('says goodbye at once for the sessions of an instance that stops gracefully', async () => {
    const third = await startTestServer({ redis: true, database: first.config.database, env: ENV });
    const draftId = await newDraft();
    const onFirst = await watch(first.url, bob, draftId);
    const leaving = await watch(third.url, alice, draftId);
    await eventually(() => expect(onFirst.roster.has(leaving.sessionId)).toBe(true));
    const stoppedAt = Date.now();
    await third.close();
    await eventually(() => expect(onFirst.leftAt(leaving.sessionId)).toBeDefined());
    // Well before any timeout could have noticed.
    expect(onFirst.leftAt(leaving.sessionId)! - stoppedAt).toBeLessThan(TIMEOUT_MS / 2);
    expect((await restPresence(first.url, bob, draftId)).map((entry) => entry.sessionId)).toEqual([onFirst.sessionId]);
  });

  it('clears the sessions of an instance killed with SIGKILL from the survivors within the timeout', async () => {
    child = await startChildServer({
      ...ENV,
      DATABASE_URL: (first.config.database as { url: string }).url,
      REDIS_URL: process.env.REDIS_URL!,
      JWT_SECRET: TEST_JWT_SECRET,
    });
    const draftId = await newDraft();
    const onFirst = await watch(first.url, bob, draftId);
    const onSecond = await watch(second.url, alice, draftId);
    const doomed = [await watch(child.url, alice, draftId), await watch(child.url, checker, draftId)];
    for (const view of [onFirst, onSecond]) await eventually(() => expect(view.roster.size).toBe(4));
    expect((await restPresence(first.url, bob, draftId)).length).toBe(4);

    const killedAt = Date.now();
    await killHard(child);
    child = undefined;
    for (const view of [onFirst, onSecond]) {
      await eventually(() => {
        for (const gone of doomed) expect(view.leftAt(gone.sessionId)).toBeDefined();
      }, 5 * TIMEOUT_MS);
      for (const gone of doomed) expect(view.leftAt(gone.sessionId)! - killedAt).toBeLessThanOrEqual(TIMEOUT_MS);
      expect([...view.roster.keys()].sort()).toEqual([onFirst.sessionId, onSecond.sessionId].sort());
      // Exactly one survivor announced each departure.
      for (const gone of doomed) {
        expect(view.events.filter((e) => e.kind === 'leave' && e.sessionId === gone.sessionId)).toHaveLength(1);
      }
    }
    for (const server of [first, second]) {
      const rest = await restPresence(server.url, bob, draftId);
      expect(rest.map((entry) => entry.sessionId).sort()).toEqual([onFirst.sessionId, onSecond.sessionId].sort());
    }
    // The survivors' own sessions were never taken for dead.
    expect(onFirst.leftAt(onSecond.sessionId)).toBeUndefined();
    expect(onSecond.leftAt(onFirst.sessionId)).toBeUndefined();
  });
});
