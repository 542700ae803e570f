import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as Y from 'yjs';
import {
  DocumentManager,
  LocalRelay,
  readDocumentText,
  type Delivery,
  type DocumentManagerOptions,
  type DocumentRelay,
  type LiveDocument,
  type RelayMessage,
} from '#collab';
import type { DraftDocumentsRepository } from '#persistence';
import { eventually } from '../../../test/support/raw-collab-client.js';
import { openDocumentsTestBed, TEST_MANAGER_OPTIONS, typedAtEnd, type DocumentsTestBed } from './documents-test-bed.js';

const quietLogger = { warn: () => undefined, error: () => undefined };
const WRITER = 'writer-connection';

/** A store whose commits the test holds back or fails, delegating everything else to the real one. */
class FaultyStore {
  private held: Promise<void> | null = null;
  private releaseHeld: (() => void) | null = null;
  /** Commits still to fail; Infinity: storage is down. */
  failing = 0;
  /** What happened, in order: 'stored' for each commit the database answered. */
  readonly log: string[] = [];
  readonly store: DraftDocumentsRepository;

  constructor(real: DraftDocumentsRepository) {
    const append = (updates: Parameters<DraftDocumentsRepository['appendUpdates']>[0]) => this.append(real, updates);
    this.store = Object.assign(Object.create(real) as DraftDocumentsRepository, { appendUpdates: append });
  }

  private async append(
    real: DraftDocumentsRepository,
    updates: Parameters<DraftDocumentsRepository['appendUpdates']>[0],
  ) {
    await this.held;
    if (this.failing > 0) {
      this.failing--;
      throw new Error('connection terminated unexpectedly');
    }
    const outcomes = await real.appendUpdates(updates);
    this.log.push('stored');
    return outcomes;
  }

  hold(): void {
    this.held = new Promise((resolve) => (this.releaseHeld = resolve));
  }

  release(): void {
    this.releaseHeld?.();
    this.held = null;
  }
}

/** A relay that records what this instance announced to the others. */
class RecordingRelay implements DocumentRelay {
  readonly published: RelayMessage[] = [];
  async subscribe(): Promise<() => Promise<void>> {
    return async () => undefined;
  }
  async publish(message: RelayMessage): Promise<void> {
    this.published.push(message);
  }
  async close(): Promise<void> {}
}

/** What this instance's sessions were sent, per connection that would receive it. */
class RoomRecorder {
  readonly received: { to: string; update: Uint8Array }[] = [];
  constructor(private readonly connections: string[]) {}
  deliver(_draftId: string, deliveries: Delivery[]): void {
    for (const delivery of deliveries) {
      const to =
        delivery.to === 'room' ? this.connections.filter((c) => !delivery.except.includes(c)) : delivery.connectionIds;
      for (const connection of to) this.received.push({ to: connection, update: delivery.update });
    }
  }
  /** The body a session holds that joined with `joinState` and applied everything it was sent. */
  bodyOf(connection: string, joinState: Uint8Array): string {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, joinState);
    for (const { to, update } of this.received) if (to === connection) Y.applyUpdate(doc, update);
    return readDocumentText(doc).body;
  }
}

describe('sending updates to the room before their commit', () => {
  let bed: DocumentsTestBed;
  let userId: string;

  beforeAll(async () => {
    bed = await openDocumentsTestBed();
    userId = bed.userId;
  });
  afterAll(() => bed.dispose());

  /** A manager relaying early over a faulty store, a draft open in it, and a writer's own copy. */
  async function openDraft(overrides: Partial<DocumentManagerOptions> = {}) {
    const faults = new FaultyStore(bed.store);
    const relay = new RecordingRelay();
    const manager = new DocumentManager(
      faults.store,
      relay,
      { ...TEST_MANAGER_OPTIONS, idleUnloadMs: 60_000, earlyRelay: true, commitRetryMs: 5, ...overrides },
      quietLogger,
    );
    const room = new RoomRecorder([WRITER, 'reader']);
    manager.fanout.deliverTo(room);
    const draftId = await bed.newDraft({ headline: 'عنوان', body: 'نص' });
    const live = (await manager.acquire(draftId))!;
    const writer = new Y.Doc();
    Y.applyUpdate(writer, manager.syncFor(live).update);
    const joinState = manager.syncFor(live).update;
    const submit = (text: string, doc = writer) =>
      manager.submit(live, typedAtEnd(doc, text), { userId, connectionId: WRITER });
    // The first update of a loaded draft goes commit-first: it tells whether the draft takes updates.
    await submit(' أول');
    return { faults, relay, manager, room, draftId, live, writer, joinState, submit };
  }

  const storedBody = async (draftId: string) => {
    const reader = new DocumentManager(bed.store, new LocalRelay(), TEST_MANAGER_OPTIONS, quietLogger);
    try {
      const live = (await reader.acquire(draftId))!;
      const body = readDocumentText(live.doc).body;
      reader.release(live);
      return body;
    } finally {
      await reader.close();
    }
  };

  const close = async (manager: DocumentManager, live: LiveDocument) => {
    manager.release(live);
    await manager.close();
  };

  it('sends an admitted update to the room before its commit, and acks the sender only after it', async () => {
    const { faults, relay, manager, room, draftId, live, joinState, submit } = await openDraft();
    const relayedBefore = relay.published.length;
    faults.hold();
    let acked = false;
    const ack = submit(' ثان').then((seq) => ((acked = true), seq));
    await eventually(() => expect(room.bodyOf('reader', joinState)).toBe('نص أول ثان'));
    expect(acked).toBe(false);
    expect(await storedBody(draftId)).toBe('نص أول');
    // Other instances hear only what is stored.
    expect(relay.published.length).toBe(relayedBefore);
    expect(manager.health.earlyRelay.sent).toBe(1);
    // A session joining now gets it too, though it is not stored yet.
    const joiner = new Y.Doc();
    const answer = manager.syncFor(live);
    Y.applyUpdate(joiner, answer.update);
    expect(readDocumentText(joiner).body).toBe('نص أول ثان');
    // Its state vector counts them too, so a client never re-sends what is on its way.
    expect(Y.decodeStateVector(answer.stateVector)).toEqual(Y.decodeStateVector(Y.encodeStateVector(joiner)));
    const sentEarly = room.received.length;
    faults.release();
    expect(await ack).toBe(3);
    expect(relay.published.map((m) => m.seq)).toContain(3);
    expect(await storedBody(draftId)).toBe('نص أول ثان');
    // The room got it once, early: the commit did not send it again.
    await new Promise((resolve) => setImmediate(resolve));
    expect(room.received.length).toBe(sentEarly);
    await close(manager, live);
  });

  it('keeps trying a relayed update whose commit failed, and acks a re-send of it only once it is stored', async () => {
    const { faults, manager, room, draftId, live, writer, joinState } = await openDraft();
    faults.failing = 3;
    const update = typedAtEnd(writer, ' ثالث');
    const first = manager.submit(live, update, { userId, connectionId: WRITER });
    await eventually(() => expect(room.bodyOf('reader', joinState)).toBe('نص أول ثالث'));
    // The SDK re-sends what was not acked; the copy must wait for the stored one.
    let resendAcked = false;
    const resend = manager.submit(live, update, { userId, connectionId: WRITER }).then((seq) => {
      resendAcked = true;
      return seq;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(resendAcked).toBe(false);
    expect(await first).toBe(3);
    expect(await resend).toBeNull();
    expect(faults.failing).toBe(0);
    expect(await storedBody(draftId)).toBe('نص أول ثالث');
    const [{ head_seq }]: { head_seq: string }[] = await bed.database.dataSource.query(
      'SELECT head_seq FROM drafts WHERE id = $1',
      [draftId],
    );
    expect(Number(head_seq)).toBe(3);
    await close(manager, live);
  });

  it('drops the document when storage stays down, stores nothing built on what was given up, and converges on the re-send', async () => {
    const { faults, manager, room, draftId, live, writer, joinState } = await openDraft();
    faults.failing = Infinity;
    const lost = typedAtEnd(writer, ' رابع');
    const onTop = typedAtEnd(writer, ' خامس');
    const outcomes = await Promise.allSettled([
      manager.submit(live, lost, { userId, connectionId: WRITER }),
      manager.submit(live, onTop, { userId, connectionId: WRITER }),
    ]);
    expect(outcomes.map((o) => (o.status === 'rejected' ? (o.reason as { code: string }).code : o.value))).toEqual([
      'UNAVAILABLE',
      'UNAVAILABLE',
    ]);
    expect(room.bodyOf('reader', joinState)).toBe('نص أول رابع خامس');
    expect(live.closed).toBe(true);
    expect(manager.health.earlyRelay.givenUp).toBe(2);
    faults.failing = 0;
    expect(await storedBody(draftId)).toBe('نص أول');
    // The clients re-join and send what the server lacks, as one update (DraftSession does).
    const again = (await manager.acquire(draftId))!;
    const { stateVector } = manager.syncFor(again);
    await manager.submit(again, Y.encodeStateAsUpdate(writer, stateVector), { userId, connectionId: WRITER });
    expect(await storedBody(draftId)).toBe('نص أول رابع خامس');
    manager.release(again);
    await close(manager, live);
  });

  it('refuses an update whose commit is still held when its document was dropped, rather than store it after a gap', async () => {
    const { faults, manager, draftId, live, writer } = await openDraft();
    faults.failing = Infinity;
    const first = manager.submit(live, typedAtEnd(writer, ' ٦'), { userId, connectionId: WRITER });
    const second = manager.submit(live, typedAtEnd(writer, ' ٧'), { userId, connectionId: WRITER });
    await expect(first).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    await expect(second).rejects.toMatchObject({ code: expect.stringMatching(/^(UNAVAILABLE|NOT_JOINED)$/) });
    faults.failing = 0;
    expect(await storedBody(draftId)).toBe('نص أول');
    await close(manager, live);
  });

  it('sends nothing refused: an update building on what the server lacks never reaches the room', async () => {
    const { manager, room, live, writer } = await openDraft();
    await new Promise((resolve) => setImmediate(resolve));
    const before = room.received.length;
    const offline = new Y.Doc();
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(writer));
    typedAtEnd(offline, ' مفقود'); // never sent
    const dependent = typedAtEnd(offline, ' تابع');
    await expect(manager.submit(live, dependent, { userId, connectionId: WRITER })).rejects.toMatchObject({
      code: 'RESYNC_REQUIRED',
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(room.received.length).toBe(before);
    await close(manager, live);
  });

  it('orders a review lock with relayed updates: stored before the transition reads, none sent early until the lock is known', async () => {
    const { faults, manager, room, draftId, live, joinState, submit } = await openDraft();
    faults.hold();
    const relayed = submit(' قبل');
    await eventually(() => expect(room.bodyOf('reader', joinState)).toBe('نص أول قبل'));
    const order = faults.log;
    order.length = 0;
    let afterLock: Promise<unknown> = Promise.resolve();
    const transition = manager.fence(draftId, async () => {
      order.push('transition reads');
      const text = readDocumentText(live.doc).body;
      await bed.database.dataSource.query(`UPDATE drafts SET review_state = 'approved' WHERE id = $1`, [draftId]);
      const current = new Y.Doc();
      Y.applyUpdate(current, manager.syncFor(live).update);
      afterLock = manager.submit(live, typedAtEnd(current, ' بعد'), { userId, connectionId: WRITER });
      return text;
    });
    // While fenced, an update goes commit-first: the room hears of it only once it is stored.
    const duringFence = submit(' أثناء').then(
      () => 'stored',
      (error: { code?: string }) => error.code,
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(order).toEqual([]);
    expect(room.bodyOf('reader', joinState)).toBe('نص أول قبل');
    faults.release();
    const read = await transition;
    await relayed;
    expect(order.slice(0, 2)).toEqual(['stored', 'transition reads']);
    expect(read.startsWith('نص أول قبل')).toBe(true);
    expect(['stored', 'LOCKED']).toContain(await duringFence);
    await expect(afterLock).rejects.toMatchObject({ code: 'LOCKED' });
    await new Promise((resolve) => setImmediate(resolve));
    // Whatever the room was sent is stored, and nothing else.
    const stored = await storedBody(draftId);
    expect(stored.startsWith('نص أول قبل')).toBe(true);
    expect(room.bodyOf('reader', joinState)).toBe(stored);

    // Unlocked again: the first update is commit-first, the next ones go early again.
    await manager.fence(draftId, () =>
      bed.database.dataSource.query(`UPDATE drafts SET review_state = 'draft' WHERE id = $1`, [draftId]),
    );
    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, manager.syncFor(live).update);
    await manager.submit(live, typedAtEnd(fresh, ' من جديد'), { userId, connectionId: WRITER });
    faults.hold();
    const early = manager.submit(live, typedAtEnd(fresh, ' مبكر'), { userId, connectionId: WRITER });
    await eventually(() => expect(room.bodyOf('reader', joinState)).toBe(`${stored} من جديد مبكر`));
    faults.release();
    await early;
    await close(manager, live);
  });

  it('stays commit-first when early relay is off', async () => {
    const { faults, room, manager, live, joinState, submit } = await openDraft({ earlyRelay: false });
    faults.hold();
    const ack = submit(' ثان');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(room.bodyOf('reader', joinState)).toBe('نص أول');
    faults.release();
    await ack;
    await eventually(() => expect(room.bodyOf('reader', joinState)).toBe('نص أول ثان'));
    await close(manager, live);
  });
});
