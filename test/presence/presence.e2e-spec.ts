import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DOCUMENT_FIELDS, type Cursor, type PresenceEntry } from '#contracts';
import { CopydeskClient, type DraftSession } from '#client';
import { bearer, createDesk, createUser, type TestUser } from '../support/factories.js';
import { PresenceWatcher } from '../support/presence-watcher.js';
import { connectSocket, eventually, send, whenConnected, type CollabSocket } from '../support/raw-collab-client.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const TIMEOUT_MS = 2_000;
const CURSOR_INTERVAL_MS = 100;

const cursorAt = (clock: number): Cursor => ({
  anchor: { tname: DOCUMENT_FIELDS.body, item: { client: 42, clock }, assoc: 0 },
  head: { tname: DOCUMENT_FIELDS.body, item: { client: 42, clock }, assoc: 0 },
});

describe('presence over /collab on one instance', () => {
  let server: TestServer;
  let alice: TestUser;
  let bob: TestUser;
  let checker: TestUser;
  let outsider: TestUser;
  const sockets: CollabSocket[] = [];
  const clients: CopydeskClient[] = [];

  const open = async (user: TestUser, url = server.url) => {
    const socket = connectSocket(url, user.token);
    sockets.push(socket);
    await whenConnected(socket);
    return socket;
  };
  const watch = async (user: TestUser, draftId: string) => {
    const watcher = new PresenceWatcher(await open(user), draftId);
    expect(await watcher.join()).toMatchObject({ ok: true });
    return watcher;
  };
  const newDraft = async (body = 'قال الوزير إن العجز بلغ ٤٫٥ مليار ليرة') =>
    (
      await request(server.url)
        .post('/api/drafts')
        .set(...bearer(alice))
        .send({ language: 'ar', headline: 'عنوان', body })
        .expect(201)
    ).body.id as string;
  const restPresence = async (user: TestUser, draftId: string) =>
    (
      await request(server.url)
        .get(`/api/drafts/${draftId}/presence`)
        .set(...bearer(user))
        .expect(200)
    ).body as PresenceEntry[];

  beforeAll(async () => {
    server = await startTestServer({
      env: {
        PRESENCE_TIMEOUT_MS: String(TIMEOUT_MS),
        PRESENCE_CURSOR_INTERVAL_MS: String(CURSOR_INTERVAL_MS),
        COLLAB_TEXT_SYNC_DEBOUNCE_MS: '20',
      },
    });
    const desk = await createDesk(server.app);
    alice = await createUser(server.app, server.url, 'reporter', [desk.id], 'عليا');
    bob = await createUser(server.app, server.url, 'editor', [desk.id], 'Bob Editor');
    checker = await createUser(server.app, server.url, 'fact_checker', [desk.id], 'Chen Checker');
    outsider = await createUser(server.app, server.url, 'editor', [], 'Olga Outsider');
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    await Promise.all(clients.splice(0).map((client) => client.close()));
  });
  afterAll(async () => {
    await server.close();
  });

  it('lists every session in the join ack, its own included, with the identity of the token', async () => {
    const draftId = await newDraft();
    const tab1 = new PresenceWatcher(await open(alice), draftId);
    const first = await tab1.join();
    expect(first).toMatchObject({ ok: true, sessionId: expect.any(String) });
    if (!first.ok) return;
    expect(first.presence).toEqual([
      {
        sessionId: first.sessionId,
        userId: alice.id,
        displayName: 'عليا',
        role: 'reporter',
        color: expect.stringMatching(/^#[0-9a-f]{6}$/),
        cursor: null,
        activity: 'idle',
        joinedAt: expect.any(String),
        lastActiveAt: expect.any(String),
      },
    ]);

    const tab2 = await watch(alice, draftId);
    const bobView = await watch(bob, draftId);
    const checkerView = await watch(checker, draftId);
    expect(tab2.sessionId).not.toBe(tab1.sessionId);
    const everyone = [
      { userId: alice.id, displayName: 'عليا', role: 'reporter' },
      { userId: alice.id, displayName: 'عليا', role: 'reporter' },
      { userId: bob.id, displayName: 'Bob Editor', role: 'editor' },
      { userId: checker.id, displayName: 'Chen Checker', role: 'fact_checker' },
    ].sort((a, b) => a.userId.localeCompare(b.userId));
    // The latest joiner learns from its ack, the others from `presence` events.
    for (const view of [tab1, tab2, bobView, checkerView]) {
      await eventually(() => expect(view.people()).toEqual(everyone));
    }
    // Two tabs, one user: two entries, one colour.
    const aliceEntries = [...checkerView.roster.values()].filter((entry) => entry.userId === alice.id);
    expect(aliceEntries).toHaveLength(2);
    expect(aliceEntries[0]!.color).toBe(aliceEntries[1]!.color);

    // REST answers the same list.
    const rest = await restPresence(checker, draftId);
    expect(rest.map((entry) => entry.sessionId).sort()).toEqual([...checkerView.roster.keys()].sort());
    expect(rest).toEqual(expect.arrayContaining([...checkerView.roster.values()]));
  });

  it('announces moves and activity to the others, never back to the sender', async () => {
    const draftId = await newDraft();
    const mover = await watch(alice, draftId);
    const viewer = await watch(bob, draftId);
    expect(await send(mover.socket, 'presence', { draftId, cursor: cursorAt(3) })).toEqual({ ok: true });
    await eventually(() => expect(viewer.roster.get(mover.sessionId)?.cursor).toEqual(cursorAt(3)));
    expect(await send(mover.socket, 'presence', { draftId, activity: 'reviewing' })).toEqual({ ok: true });
    await eventually(() => expect(viewer.roster.get(mover.sessionId)?.activity).toBe('reviewing'));
    const entry = viewer.roster.get(mover.sessionId)!;
    expect(Date.parse(entry.lastActiveAt)).toBeGreaterThanOrEqual(Date.parse(entry.joinedAt));
    expect(mover.movesOf(mover.sessionId)).toEqual([]);
  });

  it('coalesces a fast typist: at most one cursor broadcast per interval, the last position always sent', async () => {
    const draftId = await newDraft();
    const typist = await watch(alice, draftId);
    const viewer = await watch(bob, draftId);
    const started = Date.now();
    for (let clock = 1; clock <= 30; clock++) {
      expect(await send(typist.socket, 'presence', { draftId, cursor: cursorAt(clock) })).toEqual({ ok: true });
    }
    const elapsed = Date.now() - started;
    await eventually(() => expect(viewer.roster.get(typist.sessionId)?.cursor).toEqual(cursorAt(30)));
    const received = viewer.movesOf(typist.sessionId).length;
    // Leading edge, one per interval while moving, trailing edge.
    expect(received).toBeLessThanOrEqual(Math.ceil(elapsed / CURSOR_INTERVAL_MS) + 2);
    expect(received).toBeLessThan(30);
  });

  it('sends activity changes at once, but coalesces a client that flaps them', async () => {
    const draftId = await newDraft();
    const flapper = await watch(alice, draftId);
    const viewer = await watch(bob, draftId);
    const activities = ['editing', 'reviewing', 'idle'] as const;
    for (let i = 0; i < 60; i++) {
      expect(await send(flapper.socket, 'presence', { draftId, activity: activities[i % 3] })).toEqual({ ok: true });
    }
    await eventually(() => expect(viewer.roster.get(flapper.sessionId)?.activity).toBe(activities[59 % 3]));
    const received = viewer.movesOf(flapper.sessionId).length;
    expect(received).toBeGreaterThanOrEqual(20); // the burst went out at once
    expect(received).toBeLessThan(60);
  });

  it('shows a client that claims another identity with its own', async () => {
    const draftId = await newDraft();
    const viewer = await watch(bob, draftId);
    const spoofer = await watch(checker, draftId);
    const ack = await send(spoofer.socket, 'presence', {
      draftId,
      cursor: cursorAt(1),
      activity: 'editing',
      userId: bob.id,
      displayName: 'Bob Editor',
      role: 'admin',
      color: '#000000',
      sessionId: viewer.sessionId,
    });
    expect(ack).toEqual({ ok: true });
    await eventually(() => expect(viewer.roster.get(spoofer.sessionId)?.activity).toBe('editing'));
    const shown = viewer.roster.get(spoofer.sessionId)!;
    expect(shown).toMatchObject({ userId: checker.id, displayName: 'Chen Checker', role: 'fact_checker' });
    expect(shown.color).not.toBe('#000000');
    // Bob's own entry was not touched.
    expect(viewer.roster.get(viewer.sessionId)).toMatchObject({ userId: bob.id, cursor: null, activity: 'idle' });
    const rest = await restPresence(bob, draftId);
    expect(rest.find((entry) => entry.sessionId === spoofer.sessionId)).toMatchObject({ userId: checker.id });
    expect(rest.filter((entry) => entry.userId === bob.id)).toHaveLength(1);
  });

  it('refuses presence for a draft the socket has not joined, and malformed presence', async () => {
    const joined = await newDraft();
    const other = await newDraft();
    const socket = (await watch(alice, joined)).socket;
    const notJoined = { ok: false, error: { code: 'NOT_JOINED', message: expect.any(String) } };
    expect(await send(socket, 'presence', { draftId: other, cursor: cursorAt(1) })).toEqual(notJoined);
    // An outsider cannot set presence in a draft it may not see (it could never join it).
    const outsiderSocket = await open(outsider);
    expect(await send(outsiderSocket, 'presence', { draftId: joined, activity: 'editing' })).toEqual(notJoined);
    expect(await send(outsiderSocket, 'join', { draftId: joined })).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect(await send(outsiderSocket, 'presence', { draftId: joined, activity: 'editing' })).toEqual(notJoined);
    // After leaving, no more.
    expect(await send(socket, 'leave', { draftId: joined })).toEqual({ ok: true });
    expect(await send(socket, 'presence', { draftId: joined, activity: 'idle' })).toEqual(notJoined);
    expect(await restPresence(bob, other)).toEqual([]);

    const rejoined = await watch(alice, joined);
    const invalid = { ok: false, error: { code: 'INVALID_PAYLOAD', message: expect.any(String) } };
    const position = cursorAt(1).anchor;
    for (const payload of [
      { draftId: joined, activity: 'sleeping' },
      { draftId: joined, cursor: 'here' },
      { draftId: joined, cursor: { anchor: 1, head: 2 } },
      { draftId: joined, cursor: { anchor: position } },
      { draftId: joined, cursor: { anchor: position, head: position, extra: 1 } },
      { draftId: joined, cursor: { anchor: { ...position, evil: 'x'.repeat(10_000) }, head: position } },
      { draftId: joined, cursor: { anchor: { tname: 'x'.repeat(1_000) }, head: position } },
      { draftId: joined, cursor: { anchor: { item: { client: -1, clock: 0 } }, head: position } },
      { draftId: joined, cursor: [position, position] },
      { draftId: joined, extra: true },
      [joined],
      null,
    ]) {
      expect(await send(rejoined.socket, 'presence', payload)).toEqual(invalid);
    }
    // A cursor may be taken away.
    expect(await send(rejoined.socket, 'presence', { draftId: joined, cursor: null })).toEqual({ ok: true });
  });

  it('answers GET /api/drafts/:id/presence only to those who may see the draft', async () => {
    const draftId = await newDraft();
    const view = await watch(alice, draftId);
    expect(await restPresence(checker, draftId)).toEqual([view.roster.get(view.sessionId)]);
    for (const [user, id] of [
      [outsider, draftId],
      [alice, '00000000-0000-4000-8000-000000000000'],
      [alice, 'not-a-draft'],
    ] as const) {
      const response = await request(server.url)
        .get(`/api/drafts/${id}/presence`)
        .set(...bearer(user))
        .expect(404);
      expect(response.body.error.code).toBe('NOT_FOUND');
    }
    await request(server.url).get(`/api/drafts/${draftId}/presence`).expect(401);
  });

  it('says goodbye on leave and on disconnect, well within the timeout', async () => {
    const draftId = await newDraft();
    const viewer = await watch(bob, draftId);
    const leaver = await watch(alice, draftId);
    const dropper = await watch(checker, draftId);
    await eventually(() => expect(viewer.roster.size).toBe(3));

    expect(await send(leaver.socket, 'leave', { draftId })).toEqual({ ok: true });
    await eventually(() => expect(viewer.leftAt(leaver.sessionId)).toBeDefined());

    const closedAt = Date.now();
    dropper.socket.disconnect();
    await eventually(() => expect(viewer.leftAt(dropper.sessionId)).toBeDefined());
    expect(viewer.leftAt(dropper.sessionId)! - closedAt).toBeLessThan(TIMEOUT_MS);
    expect((await restPresence(bob, draftId)).map((entry) => entry.sessionId)).toEqual([viewer.sessionId]);
  });

  it('drops a client that goes silent (no FIN, no RST) within the timeout', async () => {
    const draftId = await newDraft();
    const viewer = await watch(bob, draftId);
    const port = Number(new URL(server.url).port);
    const proxy = new TcpProxy('127.0.0.1', port);
    await proxy.start();
    try {
      const silent = new PresenceWatcher(await open(alice, `http://127.0.0.1:${proxy.port}`), draftId);
      expect(await silent.join()).toMatchObject({ ok: true });
      await eventually(() => expect(viewer.roster.has(silent.sessionId)).toBe(true));

      const frozenAt = Date.now();
      proxy.freeze();
      await eventually(() => expect(viewer.leftAt(silent.sessionId)).toBeDefined(), 3 * TIMEOUT_MS);
      expect(viewer.leftAt(silent.sessionId)! - frozenAt).toBeLessThanOrEqual(TIMEOUT_MS);
      expect((await restPresence(bob, draftId)).map((entry) => entry.sessionId)).toEqual([viewer.sessionId]);
    } finally {
      await proxy.cut();
    }
  });

  it('keeps a remote cursor before the same word while someone types earlier in the body', async () => {
    const body = 'قال الوزير إن العجز بلغ ٤٫٥ مليار ليرة';
    const draftId = await newDraft(body);
    const sessionOf = async (user: TestUser): Promise<DraftSession> => {
      const client = new CopydeskClient({ baseUrl: server.url, token: user.token });
      clients.push(client);
      const session = client.openDraft(draftId, { resyncIntervalMs: 0 });
      await session.whenSynced();
      return session;
    };
    const writer = await sessionOf(alice);
    const reader = await sessionOf(bob);
    // Alice again, in another tab.
    const typist = await sessionOf(alice);

    const word = 'العجز';
    await writer.setPresence({ cursor: { anchor: body.indexOf(word), head: body.indexOf(word) + word.length } });
    const remoteCursor = async () => {
      let entry: PresenceEntry | undefined;
      await eventually(() => {
        entry = reader.presence.get(writer.sessionId!);
        expect(entry?.cursor).not.toBeNull();
      });
      return entry!.cursor!;
    };
    const cursor = await remoteCursor();
    expect(reader.cursorIndex(cursor.anchor)).toBe(body.indexOf(word));

    // Someone else types at the start of the body, more than once.
    typist.body.insert(0, 'عاجل: ');
    typist.body.insert(0, '🇸🇾 ');
    await typist.flushed();
    await eventually(() => expect(reader.body.toString()).toBe(typist.body.toString()));
    const text = reader.body.toString();
    expect(text).not.toBe(body);
    expect(reader.cursorIndex(cursor.anchor)).toBe(text.indexOf(word));
    expect(reader.cursorIndex(cursor.head)).toBe(text.indexOf(word) + word.length);
    expect(text.slice(reader.cursorIndex(cursor.anchor)!, reader.cursorIndex(cursor.head)!)).toBe(word);
  });
});
