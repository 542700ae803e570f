import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { DOCUMENT_FIELDS, type Cursor, type PresenceEntry, type Role } from '#contracts';
import { DomainError, type PresenceRecord } from '#domain';
import type { AuthUser } from '#auth';
import type { DraftAccessService } from '#drafts';
import type { DraftEntity } from '#persistence';
import { PresenceService, type PresenceBroadcaster, type PresenceStore } from '#presence';
import { strict } from '../../../test/support/strict-fake.js';

const TIMEOUT_MS = 30_000;
const T0 = Date.parse('2026-02-10T09:00:00.000Z');

/** The shared store every instance writes to, in memory; it can be taken down like Redis. */
class FakeStore implements PresenceStore {
  readonly drafts = new Map<string, Map<string, PresenceRecord>>();
  down = false;

  async write(draftId: string, records: readonly PresenceRecord[]): Promise<string[]> {
    this.check();
    const draft = this.drafts.get(draftId) ?? new Map<string, PresenceRecord>();
    this.drafts.set(draftId, draft);
    const missing = records.filter((record) => !draft.has(record.entry.sessionId));
    for (const record of records) draft.set(record.entry.sessionId, record);
    return missing.map((record) => record.entry.sessionId);
  }
  async remove(draftId: string, sessionId: string): Promise<boolean> {
    this.check();
    return this.drafts.get(draftId)?.delete(sessionId) ?? false;
  }
  async removeStale(): Promise<boolean> {
    throw new Error('removeStale belongs to the sweep, which these tests do not start');
  }
  async read(draftId: string): Promise<PresenceRecord[]> {
    this.check();
    return [...(this.drafts.get(draftId)?.values() ?? [])];
  }
  sessions(draftId: string): string[] {
    return [...(this.drafts.get(draftId)?.keys() ?? [])].sort();
  }
  private check(): void {
    if (this.down) throw new Error('connect ECONNREFUSED 127.0.0.1:6379');
  }
}

/** What the edge would send to sockets: announcements in order. */
class RecordingBroadcaster implements PresenceBroadcaster {
  readonly sent: string[] = [];
  readonly entries: PresenceEntry[] = [];
  entry(draftId: string, entry: PresenceEntry, exceptConnectionId: string | null): void {
    this.entries.push(entry);
    this.sent.push(`entry ${draftId} ${entry.sessionId} except ${exceptConnectionId}`);
  }
  left(draftId: string, sessionId: string): void {
    this.sent.push(`left ${draftId} ${sessionId}`);
  }
}

/** Who may view which draft: the one question PresenceService asks DraftAccessService. */
class FakeAccess implements Pick<DraftAccessService, 'require'> {
  readonly viewers = new Map<string, Set<string>>();
  async require(user: AuthUser, draftId: string): ReturnType<DraftAccessService['require']> {
    if (!this.viewers.get(draftId)?.has(user.id)) throw new DomainError('NOT_FOUND', 'No such draft');
    return { draft: { id: draftId } as DraftEntity, access: 'view' };
  }
}

const user = (role: Role, displayName: string): AuthUser => ({
  id: randomUUID(),
  email: `${randomUUID().slice(0, 6)}@example.test`,
  displayName,
  role,
  deskIds: new Set(),
});
const cursorAt = (clock: number): Cursor => ({
  anchor: { type: null, tname: DOCUMENT_FIELDS.body, item: { client: 1, clock }, assoc: 0 },
  head: { type: null, tname: DOCUMENT_FIELDS.body, item: { client: 1, clock }, assoc: 0 },
});

function setUp(cursorIntervalMs = 0) {
  const store = new FakeStore();
  const broadcaster = new RecordingBroadcaster();
  const access = new FakeAccess();
  const warnings: string[] = [];
  const service = new PresenceService(
    strict<PresenceStore>('PresenceStore', store),
    { redis: null, timeoutMs: TIMEOUT_MS, cursorIntervalMs, logger: { warn: (_, message) => warnings.push(message) } },
    strict<DraftAccessService>('DraftAccessService', access),
  );
  service.useBroadcaster(broadcaster);
  return { service, store, broadcaster, access, warnings };
}

/** A record another instance wrote for one of its sessions, last vouched for at `seenAt`. */
const remoteRecord = (sessionId: string, displayName: string, seenAt: number): PresenceRecord => ({
  seenAt,
  entry: {
    sessionId,
    userId: randomUUID(),
    displayName,
    role: 'editor',
    color: '#1d4ed8',
    cursor: null,
    activity: 'reviewing',
    joinedAt: new Date(T0 - 60_000).toISOString(),
    lastActiveAt: new Date(seenAt).toISOString(),
  },
});

/** Lets fire-and-forget store writes land. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('PresenceService', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('answers a join with everyone present on every instance, itself included, identity from the token', async () => {
    const { service, store, broadcaster } = setUp();
    const draftId = randomUUID();
    await store.write(draftId, [
      remoteRecord('remote-live', 'سلمى', T0 - 1_000),
      remoteRecord('remote-dead', 'شبح', T0 - 2 * TIMEOUT_MS),
    ]);
    const reporter = user('reporter', 'عليا');
    const session = service.openSession('socket-1', reporter, T0);

    const present = await service.join(session, draftId, T0);

    expect(present.map((entry) => [entry.displayName, entry.sessionId])).toEqual([
      ['سلمى', 'remote-live'],
      ['عليا', session.id],
    ]);
    expect(present[1]).toMatchObject({
      userId: reporter.id,
      role: 'reporter',
      cursor: null,
      activity: 'idle',
      joinedAt: new Date(T0).toISOString(),
    });
    expect(broadcaster.sent).toEqual([`entry ${draftId} ${session.id} except socket-1`]);
    await settle();
    expect(store.sessions(draftId)).toContain(session.id);
  });

  it('keeps the entry on a re-join and announces nothing new', async () => {
    const { service, broadcaster } = setUp();
    const draftId = randomUUID();
    const session = service.openSession('socket-1', user('editor', 'رامي'), T0);
    const first = await service.join(session, draftId, T0);
    const again = await service.join(session, draftId, T0 + 5_000);
    expect(again).toEqual(first);
    expect(broadcaster.sent).toHaveLength(1);
  });

  it('shows this instance’s own entry over an older copy in the store', async () => {
    const { service, store } = setUp();
    const draftId = randomUUID();
    const session = service.openSession('socket-1', user('editor', 'رامي'), T0);
    await service.join(session, draftId, T0);
    await settle();
    store.down = true; // the move's write is lost: the store keeps the entry as it was at join
    service.update(session, { draftId, activity: 'editing' }, T0 + 1_000);
    store.down = false;
    const [entry] = await service.join(service.openSession('socket-2', user('reporter', 'x'), T0), draftId, T0 + 2_000);
    expect(entry).toMatchObject({ sessionId: session.id, activity: 'editing' });
  });

  it('still answers a join and a leave with the store down, from what this instance knows, and says so in the log', async () => {
    const { service, store, broadcaster, warnings } = setUp();
    const draftId = randomUUID();
    store.down = true;
    const session = service.openSession('socket-1', user('reporter', 'عليا'), T0);
    const present = await service.join(session, draftId, T0);
    expect(present.map((entry) => entry.sessionId)).toEqual([session.id]);
    await service.leave(session, draftId);
    await settle();
    expect(broadcaster.sent.at(-1)).toBe(`left ${draftId} ${session.id}`);
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings.every((message) => message === 'presence store unavailable')).toBe(true);
  });

  it('refuses presence for a draft the session has not joined', () => {
    const { service } = setUp();
    const session = service.openSession('socket-1', user('reporter', 'عليا'), T0);
    expect(() => service.update(session, { draftId: randomUUID(), activity: 'editing' }, T0)).toThrow(
      expect.objectContaining({ code: 'NOT_JOINED' }),
    );
  });

  it.each<[string, { cursor?: Cursor | null; activity?: 'editing' | 'idle' }, number]>([
    ['a cursor move', { cursor: cursorAt(3) }, 1],
    ['an activity change', { activity: 'editing' }, 1],
    ['both at once (one announcement)', { cursor: cursorAt(3), activity: 'editing' }, 1],
    ['the same activity again', { activity: 'idle' }, 0],
    ['the same cursor as before (none)', { cursor: null }, 0],
    ['nothing', {}, 0],
  ])('announces %s to the others: %i time(s)', async (_, change, times) => {
    const { service, broadcaster } = setUp();
    const draftId = randomUUID();
    const session = service.openSession('socket-1', user('reporter', 'عليا'), T0);
    await service.join(session, draftId, T0);
    service.update(session, { draftId, ...change }, T0 + 1_000);
    expect(broadcaster.sent.slice(1)).toEqual(Array(times).fill(`entry ${draftId} ${session.id} except socket-1`));
    if (times > 0)
      expect(broadcaster.entries.at(-1)).toMatchObject({ ...change, lastActiveAt: new Date(T0 + 1_000).toISOString() });
  });

  it('coalesces fast cursor moves to one per interval, the last position always sent; activity goes at once', () => {
    jest.useFakeTimers({ now: T0 });
    const { service, broadcaster } = setUp(50);
    const draftId = randomUUID();
    const session = service.openSession('socket-1', user('reporter', 'عليا'), T0);
    void service.join(session, draftId, T0);
    const cursors = () => broadcaster.entries.slice(1).map((entry) => entry.cursor && entry.cursor.anchor.item);

    for (let clock = 1; clock <= 5; clock++) service.update(session, { draftId, cursor: cursorAt(clock) }, Date.now());
    expect(cursors()).toEqual([{ client: 1, clock: 1 }]);
    jest.advanceTimersByTime(50);
    expect(cursors()).toEqual([
      { client: 1, clock: 1 },
      { client: 1, clock: 5 },
    ]);

    service.update(session, { draftId, cursor: cursorAt(6) }, Date.now());
    service.update(session, { draftId, activity: 'editing' }, Date.now());
    // The activity went out at once and carried the pending cursor: nothing is left to send.
    expect(broadcaster.entries.at(-1)).toMatchObject({ activity: 'editing', cursor: cursorAt(6) });
    const sent = broadcaster.sent.length;
    jest.advanceTimersByTime(500);
    expect(broadcaster.sent).toHaveLength(sent);
    void service.leaveAll(session);
  });

  it('says goodbye once on leave, and leaveAll leaves every draft', async () => {
    const { service, store, broadcaster } = setUp();
    const [first, second] = [randomUUID(), randomUUID()];
    const session = service.openSession('socket-1', user('editor', 'رامي'), T0);
    await service.join(session, first, T0);
    await service.join(session, second, T0);
    await service.leave(session, first);
    await service.leave(session, first);
    expect(broadcaster.sent.filter((line) => line.startsWith('left'))).toEqual([`left ${first} ${session.id}`]);
    expect(() => service.update(session, { draftId: first, activity: 'editing' }, T0)).toThrow(
      expect.objectContaining({ code: 'NOT_JOINED' }),
    );
    await service.leaveAll(session);
    expect(broadcaster.sent.filter((line) => line.startsWith('left'))).toEqual([
      `left ${first} ${session.id}`,
      `left ${second} ${session.id}`,
    ]);
    await settle();
    expect([store.sessions(first), store.sessions(second)]).toEqual([[], []]);
    expect(service.stats).toEqual({ sessions: 0, drafts: 0 });
  });

  it('lists a draft’s presence only to those who may view it', async () => {
    const { service, access } = setUp();
    const draftId = randomUUID();
    const viewer = user('fact_checker', 'هدى');
    access.viewers.set(draftId, new Set([viewer.id]));
    const session = service.openSession('socket-1', user('editor', 'رامي'), T0);
    await service.join(session, draftId, T0);
    expect((await service.listFor(viewer, draftId, T0)).map((entry) => entry.sessionId)).toEqual([session.id]);
    await expect(service.listFor(user('reporter', 'x'), draftId, T0)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('on a graceful stop says goodbye for every session here, and takes no new joins', async () => {
    const { service, store, broadcaster } = setUp();
    const [first, second] = [randomUUID(), randomUUID()];
    const a = service.openSession('socket-a', user('editor', 'رامي'), T0);
    const b = service.openSession('socket-b', user('reporter', 'عليا'), T0);
    await service.join(a, first, T0);
    await service.join(b, first, T0);
    await service.join(b, second, T0);
    expect(service.stats).toEqual({ sessions: 3, drafts: 2 });
    await settle();

    await service.beforeApplicationShutdown();

    expect(broadcaster.sent.filter((line) => line.startsWith('left')).sort()).toEqual(
      [`left ${first} ${a.id}`, `left ${first} ${b.id}`, `left ${second} ${b.id}`].sort(),
    );
    expect([store.sessions(first), store.sessions(second)]).toEqual([[], []]);
    expect(service.stats).toEqual({ sessions: 0, drafts: 0 });
    await expect(service.join(a, first, T0)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });
});
