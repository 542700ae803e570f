import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as Y from 'yjs';
import { DOCUMENT_FIELDS } from '#contracts';
import {
  DocumentManager,
  type DocumentManagerOptions,
  encodeInitialDocument,
  readDocumentText,
  type DocumentRelay,
  type AppliedUpdate,
  type RelayHandler,
  type RelayMessage,
} from '#collab';
import type { Database, DraftDocumentsRepository } from '#persistence';
import { eventually } from '../../../test/support/raw-collab-client.js';
import { openDocumentsTestBed, TEST_MANAGER_OPTIONS, typedAtEnd, type DocumentsTestBed } from './documents-test-bed.js';

const quietLogger = { warn: () => undefined, error: () => undefined };

/** A relay between managers in one process that can lose messages on purpose. */
class TestRelay implements DocumentRelay {
  private readonly peers = new Set<TestRelay>();
  private readonly handlers = new Map<string, Set<RelayHandler>>();
  dropNext = 0;

  link(other: TestRelay): void {
    this.peers.add(other);
    other.peers.add(this);
  }
  async subscribe(draftId: string, handler: RelayHandler) {
    const set = this.handlers.get(draftId) ?? new Set();
    set.add(handler);
    this.handlers.set(draftId, set);
    return async () => void set.delete(handler);
  }
  async publish(message: RelayMessage): Promise<void> {
    if (this.dropNext > 0) {
      this.dropNext--;
      return;
    }
    for (const peer of this.peers) for (const handler of peer.handlers.get(message.draftId) ?? []) handler(message);
  }
  async close(): Promise<void> {}
}

const WRITER = 'writer-connection';

describe('DocumentManager on a real database', () => {
  let bed: DocumentsTestBed;
  let database: Database;
  let store: DraftDocumentsRepository;
  let userId: string;

  const newDraft = (body = '') => bed.newDraft(body ? { headline: '', body } : undefined);
  /** The live document as a fresh load from the store would build it, encoded. */
  const reloadedEncoding = async (draftId: string) => {
    const stored = (await store.loadDocument(draftId))!;
    const doc = new Y.Doc();
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const update of stored.updates) Y.applyUpdate(doc, update.data);
    return Buffer.from(Y.encodeStateAsUpdate(doc));
  };
  const hex = (value: string) => Uint8Array.from(Buffer.from(value, 'hex'));

  const managerOn = (relay: DocumentRelay, overrides: Partial<DocumentManagerOptions> = {}) =>
    new DocumentManager(store, relay, { ...TEST_MANAGER_OPTIONS, ...overrides }, quietLogger);

  beforeAll(async () => {
    bed = await openDocumentsTestBed();
    ({ database, store, userId } = bed);
  });
  afterAll(async () => {
    await bed.dispose();
  });

  it('loads a document once however many acquire it at the same moment', async () => {
    const draftId = await newDraft();
    const manager = managerOn(new TestRelay());
    const lives = await Promise.all(Array.from({ length: 20 }, () => manager.acquire(draftId)));
    expect(new Set(lives).size).toBe(1);
    expect(lives[0]!.sessions).toBe(20);
    expect(await manager.acquire('00000000-0000-4000-8000-000000000000')).toBeNull();
    await manager.close();
  });

  it('numbers updates per draft, group-commits concurrent ones, and compacts without losing any', async () => {
    const draftId = await newDraft();
    const manager = managerOn(new TestRelay(), { compactEvery: 25 });
    const live = (await manager.acquire(draftId))!;
    const writers = Array.from({ length: 5 }, () => new Y.Doc());
    const seqs: (number | null)[] = [];
    for (let round = 0; round < 20; round++) {
      const batch = writers.map((doc, i) =>
        manager.submit(live, typedAtEnd(doc, `[${i}:${round}]`), { userId, connectionId: WRITER }),
      );
      seqs.push(...(await Promise.all(batch)));
    }
    expect([...seqs].sort((a, b) => a! - b!)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    await eventually(async () => expect(await store.countUpdates(draftId)).toBeLessThan(100));

    // Everything acked is in what a fresh load sees: snapshot plus the rest of the log.
    const stored = (await store.loadDocument(draftId))!;
    expect(stored.snapshotSeq).toBeGreaterThan(0);
    const reloaded = new Y.Doc();
    if (stored.snapshot) Y.applyUpdate(reloaded, stored.snapshot);
    for (const update of stored.updates) Y.applyUpdate(reloaded, update.data);
    const text = reloaded.getText(DOCUMENT_FIELDS.body).toString();
    for (let i = 0; i < 5; i++) for (let round = 0; round < 20; round++) expect(text).toContain(`[${i}:${round}]`);
    expect(text).toBe(live.doc.getText(DOCUMENT_FIELDS.body).toString());
    await eventually(async () => {
      const [row] = await database.dataSource.query('SELECT body FROM drafts WHERE id = $1', [draftId]);
      expect(row.body).toBe(text);
    });
    manager.release(live);
    await manager.close();
  });

  it('gives joiners that hold nothing one shared encoding of the document until it changes', async () => {
    const draftId = await newDraft();
    const writerDoc = new Y.Doc();
    const first = managerOn(new TestRelay(), { idleUnloadMs: 0 });
    const live = (await first.acquire(draftId))!;
    await first.submit(live, typedAtEnd(writerDoc, 'أول '), { userId, connectionId: WRITER });
    first.release(live);
    await first.close(); // unloading leaves a fresh snapshot and an empty log

    const manager = managerOn(new TestRelay());
    const reloaded = (await manager.acquire(draftId))!;
    const stored = (await store.loadDocument(draftId))!;
    expect(stored.updates).toEqual([]);
    // Answered from the stored snapshot and its stored state vector, before the document is integrated.
    const cold = manager.syncFor(reloaded);
    expect(Buffer.from(cold.update).equals(Buffer.from(stored.snapshot!))).toBe(true);
    const fromSnapshot = new Y.Doc();
    Y.applyUpdate(fromSnapshot, stored.snapshot!);
    expect(Buffer.from(cold.stateVector).equals(Buffer.from(Y.encodeStateVector(fromSnapshot)))).toBe(true);
    expect(reloaded.doc.getText(DOCUMENT_FIELDS.body).toString()).toBe('أول ');
    expect(manager.syncFor(reloaded, Y.encodeStateVector(new Y.Doc())).update).toBe(cold.update);

    await manager.submit(reloaded, typedAtEnd(writerDoc, 'ثان'), { userId, connectionId: WRITER });
    const after = manager.syncFor(reloaded);
    expect(after.update).not.toBe(cold.update);
    const joiner = new Y.Doc();
    Y.applyUpdate(joiner, after.update);
    expect(joiner.getText(DOCUMENT_FIELDS.body).toString()).toBe('أول ثان');
    expect(manager.syncFor(reloaded).update).toBe(after.update);
    // A client holding part of it still gets exactly the rest.
    const partial = new Y.Doc();
    Y.applyUpdate(partial, cold.update);
    Y.applyUpdate(partial, manager.syncFor(reloaded, Y.encodeStateVector(partial)).update);
    expect(partial.getText(DOCUMENT_FIELDS.body).toString()).toBe('أول ثان');
    manager.release(reloaded);
    await manager.close();

    // A snapshot stored before state vectors were (no state_vector) loads the old way, eagerly.
    await database.dataSource.query('UPDATE draft_snapshots SET state_vector = NULL WHERE draft_id = $1', [draftId]);
    const legacy = managerOn(new TestRelay());
    const legacyLive = (await legacy.acquire(draftId))!;
    const legacySync = legacy.syncFor(legacyLive);
    const legacyJoiner = new Y.Doc();
    Y.applyUpdate(legacyJoiner, legacySync.update);
    expect(legacyJoiner.getText(DOCUMENT_FIELDS.body).toString()).toBe('أول ثان');
    expect(Buffer.from(legacySync.stateVector).equals(Buffer.from(Y.encodeStateVector(legacyJoiner)))).toBe(true);
    legacy.release(legacyLive);
    await legacy.close();
  });

  it('fills a gap from the store when a relayed update never arrives', async () => {
    const draftId = await newDraft();
    const relayA = new TestRelay();
    const relayB = new TestRelay();
    relayA.link(relayB);
    const a = managerOn(relayA, { compactEvery: 1_000 });
    const b = managerOn(relayB, { compactEvery: 1_000 });
    const applied = { a: [] as AppliedUpdate[], b: [] as AppliedUpdate[] };
    a.use({ name: 'recorder', afterApply: (update) => update.draftId === draftId && applied.a.push(update) });
    b.use({ name: 'recorder', afterApply: (update) => update.draftId === draftId && applied.b.push(update) });
    const onA = (await a.acquire(draftId))!;
    const onB = (await b.acquire(draftId))!;
    const writer = new Y.Doc();
    await a.submit(onA, typedAtEnd(writer, 'one '), { userId, connectionId: WRITER });
    relayA.dropNext = 1; // lost in transit
    await a.submit(onA, typedAtEnd(writer, 'two '), { userId, connectionId: WRITER });
    await a.submit(onA, typedAtEnd(writer, 'three'), { userId, connectionId: WRITER });
    await eventually(() => expect(onB.doc.getText(DOCUMENT_FIELDS.body).toString()).toBe('one two three'));
    expect(onB.watermark).toBe(3);
    // Extensions see what their document applied: A its writer's updates, B the relayed and the repaired.
    expect(applied.a.map((u) => [u.origin, u.connectionId, u.seq])).toEqual([
      ['client', WRITER, 1],
      ['client', WRITER, 2],
      ['client', WRITER, 3],
    ]);
    expect(applied.b.map((u) => [u.origin, u.connectionId])).toEqual([
      ['relay', null],
      ['relay', null],
      ['relay', null],
    ]);
    expect(applied.b.map((u) => u.seq).sort()).toEqual([1, 2, 3]);
    const sessionOnB = new Y.Doc();
    for (const { update } of applied.b) Y.applyUpdate(sessionOnB, update);
    expect(sessionOnB.getText(DOCUMENT_FIELDS.body).toString()).toBe('one two three');
    a.release(onA);
    b.release(onB);
    await Promise.all([a.close(), b.close()]);
  });

  it('catches up with the store when a lost relay message leaves no gap (nothing followed it)', async () => {
    const draftId = await newDraft();
    const relayA = new TestRelay();
    const relayB = new TestRelay();
    relayA.link(relayB);
    const a = managerOn(relayA);
    const b = managerOn(relayB, { catchUpMs: 20 });
    const onA = (await a.acquire(draftId))!;
    const onB = (await b.acquire(draftId))!;
    relayA.dropNext = 1; // lost in transit, say while Redis restarted
    await a.submit(onA, typedAtEnd(new Y.Doc(), 'وحيد'), { userId, connectionId: WRITER });
    expect(onB.hasGap).toBe(false);
    await eventually(() => expect(onB.watermark).toBe(1));
    expect(readDocumentText(onB.doc).body).toBe('وحيد');
    a.release(onA);
    b.release(onB);
    await Promise.all([a.close(), b.close()]);
  });

  it('stays what its stored log builds when formatted text is edited remotely between text syncs', async () => {
    // Found by the fuzz suite: reading the text through Y.Text made Yjs clean up formatting in
    // local transactions of the server's own, which nothing stored.
    const draftId = await newDraft('first body');
    const manager = managerOn(new TestRelay(), { compactEvery: 1_000 });
    const live = (await manager.acquire(draftId))!;
    // Two clients with fixed ids, so every run sends the same bytes.
    const writer = new Y.Doc();
    writer.clientID = 1001;
    const other = new Y.Doc();
    other.clientID = 1002;
    for (const doc of [writer, other]) Y.applyUpdate(doc, encodeInitialDocument({ headline: '', body: 'first body' }));
    const change = (doc: Y.Doc, apply: (body: Y.Text) => void) => {
      const before = Y.encodeStateVector(doc);
      apply(doc.getText(DOCUMENT_FIELDS.body));
      return Y.encodeStateAsUpdate(doc, before);
    };
    const typed = change(writer, (body) => body.insert(10, '.')); // the server's text sync reads it
    Y.applyUpdate(other, typed);
    const bold = change(writer, (body) => body.format(8, 2, { bold: true }));
    const cut = change(other, (body) => body.delete(0, 11)); // at the same time: the bold marks stay, around nothing
    Y.applyUpdate(other, bold);
    const updates = [typed, bold, cut, change(other, (body) => body.insert(0, 'new'))];
    for (const update of updates) {
      await manager.submit(live, update, { userId, connectionId: WRITER });
      await eventually(async () => {
        const [row] = await database.dataSource.query('SELECT text_seq FROM drafts WHERE id = $1', [draftId]);
        expect(Number(row.text_seq)).toBe(live.watermark);
      });
    }
    expect(Buffer.from(Y.encodeStateAsUpdate(live.doc))).toEqual(await reloadedEncoding(draftId));
    manager.release(live);
    await manager.close();
  });

  it('refuses an update that sends ids the document holds with other content', async () => {
    // Found by the fuzz suite: a bit flip moved an insert one clock on; taken, its new last id
    // collided with its author's next edit, and the live document, joiners and reloads disagreed.
    const draftId = await newDraft();
    const manager = managerOn(new TestRelay(), { compactEvery: 1_000 });
    const live = (await manager.acquire(draftId))!;
    const submit = (update: string) => manager.submit(live, hex(update), { userId, connectionId: WRITER });
    await submit('0101b3c50600040108686561646c696e650f6d696e6973746572e29fa630e29fa700');
    await submit('0101d4870b00040108686561646c696e650dd8aed8a8d8b1e29fa631e29fa700');
    const shifted = '0101b3c50601040108686561646c696e650f6d696e6973746572e29fa630e29fa700';
    await expect(submit(shifted)).rejects.toMatchObject({ code: 'INVALID_UPDATE' });
    // Its author's and the other client's next edits go on as if it never came.
    await submit('0101d4870b0644d4870b000dd8aed8a8d8b1e29fa632e29fa700');
    await submit('0101b3c5060bc4b3c50600b3c506010dd8aed8a8d8b1e29fa633e29fa700');
    // Sent again whole (a retry after a lost ack): taken, and only what is new is stored.
    await submit('0101b3c50600040108686561646c696e650f6d696e6973746572e29fa630e29fa700');
    const joiner = new Y.Doc();
    Y.applyUpdate(joiner, manager.syncFor(live).update);
    expect(Buffer.from(Y.encodeStateAsUpdate(joiner))).toEqual(Buffer.from(Y.encodeStateAsUpdate(live.doc)));
    expect(Buffer.from(Y.encodeStateAsUpdate(live.doc))).toEqual(await reloadedEncoding(draftId));
    expect(await store.countUpdates(draftId)).toBe(4);
    manager.release(live);
    await manager.close();
  });

  it('refuses updates to a draft whose review state locks the body, storing nothing', async () => {
    const draftId = await newDraft();
    const manager = managerOn(new TestRelay());
    const live = (await manager.acquire(draftId))!;
    await database.dataSource.query(`UPDATE drafts SET review_state = 'approved' WHERE id = $1`, [draftId]);
    await expect(
      manager.submit(live, typedAtEnd(new Y.Doc(), 'late change'), { userId, connectionId: WRITER }),
    ).rejects.toMatchObject({
      code: 'LOCKED',
    });
    expect(await store.countUpdates(draftId)).toBe(0);
    expect(live.doc.getText(DOCUMENT_FIELDS.body).toString()).toBe('');
    manager.release(live);
    await manager.close();
  });
});
