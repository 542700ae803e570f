import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import * as Y from 'yjs';
import { DraftDocumentsRepository } from '#persistence';
import { DOCUMENT_FIELDS } from '#contracts';
import { bearer, createDesk, createDraft, createUser, type TestUser } from '../support/factories.js';
import { type CollabSocket, eventually, RawEditor, send, SocketPool } from '../support/raw-collab-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const SNIPPETS = ['مرحبا ', 'شباط ', '٤٥٪ ', '🇸🇾 ', '👩🏽‍💻', 'news ', 'العضو رقم 90 ', 'é'];

function randomEdit(text: Y.Text, rand: () => number): void {
  const length = text.length;
  if (length > 10 && rand() < 0.3) {
    const at = Math.floor(rand() * (length - 3));
    text.delete(at, 1 + Math.floor(rand() * 3));
  } else {
    text.insert(Math.floor(rand() * (length + 1)), SNIPPETS[Math.floor(rand() * SNIPPETS.length)]!);
  }
}

function seeded(seed: number): () => number {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
}

describe('live co-editing over /collab', () => {
  let server: TestServer;
  let desk: { id: string };
  let reporter: TestUser;
  let coAuthor: TestUser;
  let viewer: TestUser;
  let outsider: TestUser;
  const sockets = new SocketPool();
  const open = (user: TestUser) => sockets.open(server.url, user.token);
  const newDraft = async (body?: string) => ({ id: await createDraft(server.url, reporter, { body }) });

  beforeAll(async () => {
    server = await startTestServer({ env: { COLLAB_TEXT_SYNC_DEBOUNCE_MS: '20' } });
    desk = await createDesk(server.app);
    reporter = await createUser(server.app, server.url, 'reporter', [desk.id]);
    coAuthor = await createUser(server.app, server.url, 'editor', [desk.id]);
    viewer = await createUser(server.app, server.url, 'reporter', [desk.id]);
    outsider = await createUser(server.app, server.url, 'editor', []);
  });
  afterEach(() => {
    sockets.closeAll();
  });
  afterAll(async () => {
    await server.close();
  });

  it('opens a new draft with the text it was created with', async () => {
    const draft = await newDraft('أكّد الوزير أن الاجتماع كان مثمراً.');
    const editor = new RawEditor(await open(reporter), draft.id);
    const ack = await editor.join();
    expect(ack).toMatchObject({ ok: true, access: 'edit', review: { state: 'draft', revision: 0 } });
    // The only one present is the joiner itself.
    expect(ack.ok && ack.presence.map((entry) => [entry.sessionId, entry.userId])).toEqual([
      [ack.ok && ack.sessionId, reporter.id],
    ]);
    expect(editor.body.toString()).toBe('أكّد الوزير أن الاجتماع كان مثمراً.');
    expect(editor.doc.getText(DOCUMENT_FIELDS.headline).toString()).toBe('عنوان');
  });

  it('converges two concurrent editors, a late joiner, and the REST text', async () => {
    const draft = await newDraft();
    const a = new RawEditor(await open(reporter), draft.id);
    const b = new RawEditor(await open(coAuthor), draft.id);
    await Promise.all([a.join(), b.join()]);
    const randA = seeded(1);
    const randB = seeded(2);
    for (let round = 0; round < 40; round++) {
      randomEdit(a.body, randA);
      randomEdit(b.body, randB);
      if (round % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await Promise.all([a.flushed(), b.flushed()]);
    expect([...a.acks, ...b.acks].every((ack) => ack.ok)).toBe(true);
    await eventually(() => expect(a.body.toString()).toBe(b.body.toString()));

    const late = new RawEditor(await open(viewer), draft.id);
    const lateAck = await late.join();
    expect(lateAck).toMatchObject({ ok: true, access: 'view' });
    expect(late.body.toString()).toBe(a.body.toString());
    await eventually(async () => {
      const rest = await request(server.url)
        .get(`/api/drafts/${draft.id}`)
        .set(...bearer(reporter))
        .expect(200);
      expect(rest.body.body).toBe(a.body.toString());
    });
  });

  it('acks only stored updates and never echoes them to the sender', async () => {
    const draft = await newDraft('');
    const a = new RawEditor(await open(reporter), draft.id);
    const b = new RawEditor(await open(coAuthor), draft.id);
    await Promise.all([a.join(), b.join()]);
    const store = server.app.get(DraftDocumentsRepository);
    const storedBefore = await store.countUpdates(draft.id);
    a.body.insert(0, 'سطر أول');
    await a.flushed();
    expect(a.acks).toEqual([{ ok: true }]);
    expect(await store.countUpdates(draft.id)).toBe(storedBefore + 1);
    await eventually(() => expect(b.body.toString()).toBe('سطر أول'));
    expect(a.received).toEqual([]);
  });

  it('sends a burst stored together as merged updates, still never echoing a sender', async () => {
    const draft = await newDraft('');
    const editors = [
      new RawEditor(await open(reporter), draft.id),
      new RawEditor(await open(coAuthor), draft.id),
      new RawEditor(await open(reporter), draft.id),
    ];
    const watcher = new RawEditor(await open(viewer), draft.id);
    await Promise.all([...editors, watcher].map((client) => client.join()));
    // Sixty updates in one turn: they reach the server together and are committed in few batches.
    editors.forEach((editor, e) => {
      for (let i = 0; i < 20; i++) editor.body.insert(0, `${e}${SNIPPETS[i % SNIPPETS.length]}`);
    });
    await Promise.all(editors.map((editor) => editor.flushed()));
    expect(editors.flatMap((editor) => editor.acks)).toEqual(Array.from({ length: 60 }, () => ({ ok: true })));
    const typed = [0, 1, 2].flatMap((e) =>
      Array.from({ length: 20 }, (_, i) => `${e}${SNIPPETS[i % SNIPPETS.length]}`),
    );
    // Acked means stored; the others' updates may still be on their way to each client.
    await eventually(() => {
      const text = watcher.body.toString();
      expect(text).toHaveLength(typed.join('').length);
      for (const editor of editors) expect(editor.body.toString()).toBe(text);
    });
    expect(watcher.received.length).toBeLessThan(60);
    for (const editor of editors) {
      const authors = editor.received.flatMap((update) => [...Y.parseUpdateMeta(update).to.keys()]);
      expect(authors).not.toContain(editor.doc.clientID);
    }
  });

  it('lets a client that edited offline send its edits after joining again', async () => {
    const draft = await newDraft('أساس');
    const online = new RawEditor(await open(coAuthor), draft.id);
    await online.join();
    const offlineSocket = await open(reporter);
    const offline = new RawEditor(offlineSocket, draft.id);
    await offline.join();
    offlineSocket.disconnect();
    offline.body.insert(offline.body.length, ' — كُتب دون اتصال');
    online.body.insert(0, 'متصل: ');
    await online.flushed();

    const reconnected = await open(reporter);
    const again = new RawEditor(reconnected, draft.id, Y.encodeStateAsUpdate(offline.doc));
    await again.join();
    await again.flushed();
    expect(again.acks.every((ack) => ack.ok)).toBe(true);
    await eventually(() => expect(online.body.toString()).toBe('متصل: أساس — كُتب دون اتصال'));
    expect(again.body.toString()).toBe(online.body.toString());
  });

  describe('refusals leave the stored document as it was and relay nothing', () => {
    let draftId: string;
    let editor: CollabSocket;
    let observer: RawEditor;
    let before: { count: number; state: Uint8Array };

    const storedState = async () => {
      const store = server.app.get(DraftDocumentsRepository);
      const stored = await store.loadDocument(draftId);
      const doc = new Y.Doc();
      if (stored?.snapshot) Y.applyUpdate(doc, stored.snapshot);
      for (const u of stored?.updates ?? []) Y.applyUpdate(doc, u.data);
      return { count: await store.countUpdates(draftId), state: Y.encodeStateAsUpdate(doc) };
    };

    beforeAll(async () => {
      draftId = (await newDraft('نص محفوظ')).id;
    });
    beforeEach(async () => {
      editor = await open(reporter);
      await send(editor, 'join', { draftId });
      observer = new RawEditor(await open(coAuthor), draftId);
      await observer.join();
      before = await storedState();
    });
    afterEach(async () => {
      // A valid update afterwards must be the first thing the observer receives.
      const probe = new Y.Doc();
      Y.applyUpdate(probe, before.state);
      const known = Y.encodeStateVector(probe);
      probe.getText(DOCUMENT_FIELDS.body).insert(0, '✓');
      const probeUpdate = Y.encodeStateAsUpdate(probe, known);
      expect(await send(editor, 'update', { draftId, update: probeUpdate })).toEqual({ ok: true });
      await eventually(() => expect(observer.received.length).toBe(1));
      expect(observer.body.toString().startsWith('✓')).toBe(true);
    });

    const expectUnchanged = async () => {
      const after = await storedState();
      expect(after.count).toBe(before.count);
      expect(Buffer.from(after.state).equals(Buffer.from(before.state))).toBe(true);
    };

    it('refuses random bytes with INVALID_UPDATE', async () => {
      for (let i = 0; i < 20; i++) {
        const ack = await send(editor, 'update', { draftId, update: randomBytes(16 + i * 7) });
        expect(ack).toMatchObject({ ok: false, error: { code: 'INVALID_UPDATE' } });
      }
      await expectUnchanged();
    });

    it('refuses an oversized update with TOO_LARGE', async () => {
      const big = new Y.Doc();
      big.getText(DOCUMENT_FIELDS.body).insert(0, 'x'.repeat(300 * 1024));
      const ack = await send(editor, 'update', { draftId, update: Y.encodeStateAsUpdate(big) });
      expect(ack).toMatchObject({ ok: false, error: { code: 'TOO_LARGE' } });
      await expectUnchanged();
    });

    it('refuses a viewer’s update with FORBIDDEN', async () => {
      const viewerSocket = await open(viewer);
      expect(await send(viewerSocket, 'join', { draftId })).toMatchObject({ ok: true, access: 'view' });
      const doc = new Y.Doc();
      doc.getText(DOCUMENT_FIELDS.body).insert(0, 'تعديل غير مسموح');
      const ack = await send(viewerSocket, 'update', { draftId, update: Y.encodeStateAsUpdate(doc) });
      expect(ack).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      await expectUnchanged();
    });

    it('answers unknown and invisible drafts with the same NOT_FOUND, and updates before join with NOT_JOINED', async () => {
      const outsiderSocket = await open(outsider);
      const invisible = await send(outsiderSocket, 'join', { draftId });
      const unknown = await send(outsiderSocket, 'join', { draftId: '00000000-0000-4000-8000-000000000000' });
      const malformed = await send(outsiderSocket, 'join', { draftId: 'drop table' });
      expect(invisible).toEqual(unknown);
      expect(invisible).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect(malformed).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      const doc = new Y.Doc();
      doc.getText(DOCUMENT_FIELDS.body).insert(0, 'x');
      const ack = await send(outsiderSocket, 'update', { draftId, update: Y.encodeStateAsUpdate(doc) });
      expect(ack).toMatchObject({ ok: false, error: { code: 'NOT_JOINED' } });
      await expectUnchanged();
    });

    it('refuses malformed payloads with INVALID_PAYLOAD', async () => {
      for (const payload of [
        null,
        'text',
        [draftId],
        { draftId },
        { draftId, update: 'AAEC' },
        { draftId, update: [1, 2], x: 1 },
      ]) {
        const ack = await send(editor, 'update', payload);
        expect(ack).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
      }
      await expectUnchanged();
    });
  });

  it('counts updates by outcome, with their server-side ack latency, in /metrics', async () => {
    const draft = await newDraft('');
    const socket = await open(reporter);
    await send(socket, 'join', { draftId: draft.id });
    const doc = new Y.Doc();
    doc.getText(DOCUMENT_FIELDS.body).insert(0, 'قياس');
    expect(await send(socket, 'update', { draftId: draft.id, update: Y.encodeStateAsUpdate(doc) })).toEqual({
      ok: true,
    });
    await send(socket, 'update', { draftId: draft.id, update: new Uint8Array([255, 255, 255]) });
    const metrics = await request(server.url).get('/metrics').expect(200);
    expect(metrics.text).toMatch(/copydesk_collab_update_seconds_count\{outcome="ok"\} [1-9]/);
    expect(metrics.text).toMatch(/copydesk_collab_update_seconds_count\{outcome="INVALID_UPDATE"\} [1-9]/);
    expect(metrics.text).toMatch(/copydesk_collab_fanout_updates_total [1-9]/);
    expect(metrics.text).toMatch(/copydesk_collab_fanout_emits_total\{to="room"\} [1-9]/);
    // The group commit behind the acks: every committed update waited for its batch once.
    const sample = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(metrics.text)?.[1]);
    expect(sample('copydesk_collab_commit_seconds_count')).toBeGreaterThan(0);
    expect(sample('copydesk_collab_commit_updates_sum')).toBeGreaterThan(0);
    expect(sample('copydesk_collab_commit_wait_seconds_count')).toBe(sample('copydesk_collab_commit_updates_sum'));
    // The pool, as it is at the scrape: the connections it holds, and callers waiting for one.
    expect(
      sample('copydesk_db_pool_connections{state="busy"}') + sample('copydesk_db_pool_connections{state="idle"}'),
    ).toBeGreaterThan(0);
    expect(sample('copydesk_db_pool_waiting')).toBeGreaterThanOrEqual(0);
  });

  it('fails the handshake without a valid token', async () => {
    for (const token of [undefined, 'garbage', `${reporter.token}x`]) {
      const socket = sockets.connect(server.url, token);
      const error = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
      expect(error.message).toBe('unauthorized');
    }
  });
});
