import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import * as Y from 'yjs';
import { DraftDocumentsRepository } from '#persistence';
import { DOCUMENT_FIELDS } from '#contracts';
import { bearer, createDesk, createDraft, createUser, type TestUser } from '../support/factories.js';
import { eventually, send, SocketPool, type CollabSocket } from '../support/raw-collab-client.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/** Updates found to break drafts, as an attacker with edit rights or an unlucky client would send them. */
const SELF_ORIGIN_IN_FUTURE = '0101b2f2190084b2f21905016100'; // origin: its own client at clock 5
const SELF_RIGHT_ORIGIN_IN_FUTURE = '0101b2f2190044b2f21905016100'; // the same through rightOrigin
const MISSING_DEPENDENCIES = '0101b1bc2f0a040104626f6479017a00'; // client 777777 starting at clock 10

const bytes = (hex: string) => Uint8Array.from(Buffer.from(hex, 'hex'));

/** A local document whose changes are sent as raw updates, one per edit. */
class Typist {
  readonly doc = new Y.Doc();

  constructor(initial: Uint8Array) {
    Y.applyUpdate(this.doc, initial);
  }

  type(text: string, at = this.doc.getText(DOCUMENT_FIELDS.body).length): Uint8Array {
    const before = Y.encodeStateVector(this.doc);
    this.doc.getText(DOCUMENT_FIELDS.body).insert(at, text);
    return Y.encodeStateAsUpdate(this.doc, before);
  }
}

describe('live drafts survive hostile, broken and unlucky updates', () => {
  let testDb: TestDatabase;
  let server: TestServer;
  let store: DraftDocumentsRepository;
  let reporter: TestUser;
  const sockets = new SocketPool();

  const env = {
    COLLAB_TEXT_SYNC_DEBOUNCE_MS: '20',
    // Unload as soon as the last session leaves, so every check after a leave reads the store.
    COLLAB_IDLE_UNLOAD_MS: '0',
    COLLAB_UPDATES_PER_SECOND: '20',
    COLLAB_UPDATE_BURST: '40',
  };
  const start = async () => {
    server = await startTestServer({ database: testDb.config, env });
    store = server.app.get(DraftDocumentsRepository);
  };
  const newDraft = (body?: string) => createDraft(server.url, reporter, { body });
  const joined = async (draftId: string): Promise<{ socket: CollabSocket; typist: Typist }> => {
    const socket = await sockets.open(server.url, reporter.token);
    const ack = await send(socket, 'join', { draftId });
    if (!ack.ok) throw new Error(`join failed: ${ack.error.code}`);
    return { socket, typist: new Typist(new Uint8Array(ack.update)) };
  };
  const restText = async (draftId: string) =>
    (
      await request(server.url)
        .get(`/api/drafts/${draftId}`)
        .set(...bearer(reporter))
        .expect(200)
    ).body as { headline: string; body: string };
  /** Leaves and waits until the draft is unloaded: folded into a snapshot, nothing left in the log. */
  const leaveAndUnload = async (draftId: string) => {
    sockets.closeAll();
    await eventually(async () => expect(await store.countUpdates(draftId)).toBe(0));
  };

  beforeAll(async () => {
    testDb = await createTestDatabase();
    await start();
    const desk = await createDesk(server.app);
    reporter = await createUser(server.app, server.url, 'reporter', [desk.id]);
  });
  afterEach(() => sockets.closeAll());
  afterAll(async () => {
    await server?.close();
    await testDb?.dispose();
  });

  it.each([
    ['origin', SELF_ORIGIN_IN_FUTURE],
    ['rightOrigin', SELF_RIGHT_ORIGIN_IN_FUTURE],
  ])(
    'refuses an item whose %s is its own future clock, stores nothing, and the draft loads after a restart',
    async (_, hex) => {
      const draftId = await newDraft();
      const { socket, typist } = await joined(draftId);
      const stored = await store.countUpdates(draftId);
      expect(await send(socket, 'update', { draftId, update: bytes(hex) })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_UPDATE' },
      });
      expect(await store.countUpdates(draftId)).toBe(stored);
      expect(await send(socket, 'update', { draftId, update: typist.type(' بعد') })).toEqual({ ok: true });
      await leaveAndUnload(draftId);

      await server.close();
      await start();
      const again = await joined(draftId);
      expect(again.typist.doc.getText(DOCUMENT_FIELDS.body).toString()).toBe('نص البداية بعد');
      expect(await send(again.socket, 'update', { draftId, update: again.typist.type('!') })).toEqual({ ok: true });
      await eventually(async () => expect((await restText(draftId)).body).toBe('نص البداية بعد!'));
      await request(server.url).get('/health/ready').expect(200);
    },
  );

  it('keeps a typed NUL in the document and shows U+FFFD in the plain text, which keeps following', async () => {
    const draftId = await newDraft('');
    const { socket, typist } = await joined(draftId);
    expect(await send(socket, 'update', { draftId, update: typist.type('قبل\u0000بعد') })).toEqual({ ok: true });
    await eventually(async () => expect((await restText(draftId)).body).toBe('قبل\uFFFDبعد'));
    expect(await send(socket, 'update', { draftId, update: typist.type(' ثم') })).toEqual({ ok: true });
    await eventually(async () => expect((await restText(draftId)).body).toBe('قبل\uFFFDبعد ثم'));
    await leaveAndUnload(draftId);
    const again = await joined(draftId);
    expect(again.typist.doc.getText(DOCUMENT_FIELDS.body).toString()).toBe('قبل\u0000بعد ثم');
  });

  it('refuses an update with missing dependencies as RESYNC_REQUIRED, and the draft still compacts', async () => {
    const draftId = await newDraft();
    const { socket } = await joined(draftId);
    const stored = await store.countUpdates(draftId);
    expect(await send(socket, 'update', { draftId, update: bytes(MISSING_DEPENDENCIES) })).toMatchObject({
      ok: false,
      error: { code: 'RESYNC_REQUIRED' },
    });
    expect(await store.countUpdates(draftId)).toBe(stored);
    await leaveAndUnload(draftId);
  });

  it('refuses, RESYNC_REQUIRED, the rest of a burst that builds on rate-limited updates, then takes the catch-up', async () => {
    const draftId = await newDraft('');
    const { socket, typist } = await joined(draftId);
    const initial = await store.countUpdates(draftId);
    const updates = Array.from({ length: 300 }, (_, i) => typist.type(String(i % 10)));
    const acks = await Promise.all(updates.map((update) => send(socket, 'update', { draftId, update })));
    const codes = acks.map((ack) => (ack.ok ? 'ok' : ack.error.code));
    // The budget's burst went through pipelined, each building on the one before.
    expect(codes.slice(0, 40)).toEqual(Array(40).fill('ok'));
    const firstRefused = codes.indexOf('RATE_LIMITED');
    expect(firstRefused).toBeGreaterThanOrEqual(40);
    // After a refusal nothing more is stored: what follows builds on what was refused.
    expect(codes.slice(firstRefused)).not.toContain('ok');
    // Once the budget refills, the next edit builds on refused ones: nothing is stored.
    const next = typist.type('!');
    await eventually(async () => {
      const ack = await send(socket, 'update', { draftId, update: next });
      expect(ack).toMatchObject({ ok: false, error: { code: 'RESYNC_REQUIRED' } });
    });
    const stored = acks.filter((ack) => ack.ok).length;
    expect(await store.countUpdates(draftId)).toBe(initial + stored);

    // What a client does on RESYNC_REQUIRED: join again with its state vector, send what is missing.
    const rejoin = await send(socket, 'join', { draftId, stateVector: Y.encodeStateVector(typist.doc) });
    if (!rejoin.ok) throw new Error(rejoin.error.code);
    const missing = Y.encodeStateAsUpdate(typist.doc, new Uint8Array(rejoin.stateVector));
    await eventually(async () =>
      expect(await send(socket, 'update', { draftId, update: missing })).toEqual({ ok: true }),
    );
    await leaveAndUnload(draftId);
    const again = await joined(draftId);
    expect(again.typist.doc.getText(DOCUMENT_FIELDS.body).toString()).toBe(
      typist.doc.getText(DOCUMENT_FIELDS.body).toString(),
    );
    expect(again.typist.doc.getText(DOCUMENT_FIELDS.body).length).toBe(301);
  });

  it('limits the size of a live document: past COLLAB_MAX_DOCUMENT_BYTES an insert is TOO_LARGE, a delete still goes', async () => {
    const draftId = await newDraft('');
    const { socket, typist } = await joined(draftId);
    const outcomes: string[] = [];
    for (let i = 0; i < 12; i++) {
      const ack = await send(socket, 'update', { draftId, update: typist.type('x'.repeat(250_000)) });
      outcomes.push(ack.ok ? 'ok' : ack.error.code);
    }
    expect(outcomes.slice(0, 8)).toEqual(Array(8).fill('ok'));
    expect(outcomes.slice(8)).toEqual(Array(4).fill('TOO_LARGE'));
    // A full draft can still be cut down.
    const fresh = await joined(draftId);
    const before = Y.encodeStateVector(fresh.typist.doc);
    fresh.typist.doc.getText(DOCUMENT_FIELDS.body).delete(0, 1_000_000);
    const cut = Y.encodeStateAsUpdate(fresh.typist.doc, before);
    expect(await send(fresh.socket, 'update', { draftId, update: cut })).toEqual({ ok: true });
    await eventually(async () => expect((await restText(draftId)).body.length).toBe(1_000_000));
  });

  it('answers a 5 MB update TOO_LARGE and keeps the connection', async () => {
    const draftId = await newDraft();
    const { socket, typist } = await joined(draftId);
    const huge = typist.type('ب'.repeat(2_500_000));
    expect(huge.byteLength).toBeGreaterThan(5_000_000);
    expect(await send(socket, 'update', { draftId, update: huge })).toMatchObject({
      ok: false,
      error: { code: 'TOO_LARGE' },
    });
    expect(socket.connected).toBe(true);
    const rejoin = await send(socket, 'join', { draftId });
    if (!rejoin.ok) throw new Error(rejoin.error.code);
    const fresh = new Typist(new Uint8Array(rejoin.update));
    expect(await send(socket, 'update', { draftId, update: fresh.type('.') })).toEqual({ ok: true });
  });

  it('rate-limits joins per session', async () => {
    const draftId = await newDraft();
    const socket = await sockets.open(server.url, reporter.token);
    const acks = await Promise.all(Array.from({ length: 40 }, () => send(socket, 'join', { draftId })));
    const codes = acks.map((ack) => (ack.ok ? 'ok' : ack.error.code));
    expect(codes.filter((code) => code === 'ok').length).toBeGreaterThanOrEqual(20);
    expect(codes).toContain('RATE_LIMITED');
    expect(new Set(codes)).toEqual(new Set(['ok', 'RATE_LIMITED']));
  });

  describe('a stored row that does not integrate (written before these checks, or by a bug)', () => {
    const storeRaw = async (draftId: string, update: Uint8Array) => {
      await server.database.dataSource.query(
        `WITH bumped AS (UPDATE drafts SET head_seq = head_seq + 1 WHERE id = $1 RETURNING head_seq)
         INSERT INTO draft_updates (draft_id, seq, data) SELECT $1, head_seq, $2 FROM bumped`,
        [draftId, Buffer.from(update)],
      );
    };

    it('is set aside into quarantine, logged and counted, and the draft loads and compacts without it', async () => {
      const draftId = await newDraft();
      const { socket, typist } = await joined(draftId);
      expect(await send(socket, 'update', { draftId, update: typist.type(' أ') })).toEqual({ ok: true });
      await leaveAndUnload(draftId);
      // Behind the server's back, as an older version would have stored them.
      await storeRaw(draftId, bytes(SELF_ORIGIN_IN_FUTURE));
      await storeRaw(draftId, bytes(MISSING_DEPENDENCIES));
      const tail = new Typist(Y.encodeStateAsUpdate(typist.doc));
      await storeRaw(draftId, tail.type(' ب'));

      const again = await joined(draftId);
      expect(again.typist.doc.getText(DOCUMENT_FIELDS.body).toString()).toBe('نص البداية أ ب');
      expect(await store.countQuarantined(draftId)).toBe(2);
      const metrics = await request(server.url).get('/metrics').expect(200);
      expect(metrics.text).toMatch(/^copydesk_collab_quarantined_updates_total 2$/m);
      expect(await send(again.socket, 'update', { draftId, update: again.typist.type(' ج') })).toEqual({ ok: true });
      await leaveAndUnload(draftId);
      await eventually(async () => expect((await restText(draftId)).body).toBe('نص البداية أ ب ج'));
    });

    it('a snapshot that cannot load answers UNAVAILABLE for that draft only, and readiness reports it', async () => {
      const broken = await newDraft();
      await server.database.dataSource.query(`INSERT INTO draft_snapshots (draft_id, seq, state) VALUES ($1, 1, $2)`, [
        broken,
        Buffer.from(bytes(SELF_ORIGIN_IN_FUTURE)),
      ]);
      const socket = await sockets.open(server.url, reporter.token);
      expect(await send(socket, 'join', { draftId: broken })).toMatchObject({
        ok: false,
        error: { code: 'UNAVAILABLE' },
      });
      const ready = await request(server.url).get('/health/ready').expect(200);
      expect(ready.body).toMatchObject({ checks: { documents: 'degraded' }, documents: { failedToLoad: 1 } });
      const healthy = await newDraft();
      expect(await send(socket, 'join', { draftId: healthy })).toMatchObject({ ok: true });
    });
  });
});
