import { describe, expect, it } from '@jest/globals';
import {
  DOCUMENT_FIELDS,
  type Ack,
  type AckError,
  type CollabLimits,
  type JoinRequest,
  type JoinResult,
  type PresenceRequest,
  type UpdateRequest,
} from '#contracts';
import * as Y from 'yjs';
import type { CollabChannel } from './collab-channel.js';
import { DraftSession } from './draft-session.js';
import type { DraftSessionOptions, RetryingEvent } from './draft-session-events.js';
import type { SessionError } from './session-error.js';

/**
 * The server side of the protocol in memory: one document, relays to the other joined channels.
 * Like the real server it refuses an update that builds on changes it lacks (RESYNC_REQUIRED)
 * and one larger than its limit (TOO_LARGE), storing nothing.
 */
class FakeServer {
  readonly doc = new Y.Doc();
  readonly channels: FakeChannel[] = [];
  readonly received: { event: string; request: unknown }[] = [];
  /** Refusals for the next calls of an event, in order. */
  readonly refusals = new Map<string, AckError[]>();
  /** Refusals for the nth call of an event (1 = the first call from now). */
  private readonly refusalsAt = new Map<string, AckError>();
  private readonly calls = new Map<string, number>();
  access: JoinResult['access'] = 'edit';
  limits: CollabLimits = { maxUpdateBytes: 64 * 1024, maxDocumentBytes: 1024 * 1024 };
  /** False: answer joins as a server from before `limits` was in the join answer. */
  tellsLimits = true;
  /** The review status the join answer carries (an older server's had no `embargoUntil`). */
  review: Record<string, unknown> = { state: 'draft', revision: 1, embargoUntil: null };

  constructor(initialBody = '') {
    this.doc.clientID = 0;
    if (initialBody) this.doc.getText(DOCUMENT_FIELDS.body).insert(0, initialBody);
  }

  connect(options: DraftSessionOptions = {}): { session: DraftSession; channel: FakeChannel } {
    const channel = new FakeChannel(this);
    this.channels.push(channel);
    const session = new DraftSession('d1', channel, { resyncIntervalMs: 0, retryBaseMs: 5, ...options });
    channel.session = session;
    return { session, channel };
  }

  refuse(event: string, code: AckError['code']): void {
    this.refusals.set(event, [...(this.refusals.get(event) ?? []), { code, message: code }]);
  }

  updatesReceived(): number {
    return this.received.filter((r) => r.event === 'update').length;
  }

  joinsReceived(): number {
    return this.received.filter((r) => r.event === 'join').length;
  }

  /** Why the server would refuse to store this update, if it would. */
  check(update: Uint8Array): AckError | undefined {
    if (update.byteLength > this.limits.maxUpdateBytes) return { code: 'TOO_LARGE', message: 'too large' };
    const has = Y.decodeStateVector(Y.encodeStateVector(this.doc));
    for (const [client, clock] of Y.parseUpdateMeta(update).from) {
      if (clock > (has.get(client) ?? 0)) return { code: 'RESYNC_REQUIRED', message: 'resync' };
    }
    return undefined;
  }

  refuseCall(event: string, nth: number, code: AckError['code']): void {
    this.refusalsAt.set(`${event}#${(this.calls.get(event) ?? 0) + nth}`, { code, message: code });
  }

  take(event: string, request: unknown): AckError | undefined {
    this.received.push({ event, request });
    const call = (this.calls.get(event) ?? 0) + 1;
    this.calls.set(event, call);
    return this.refusalsAt.get(`${event}#${call}`) ?? this.refusals.get(event)?.shift();
  }
}

class FakeChannel implements CollabChannel {
  connected = false;
  joined = false;
  released = false;
  session!: DraftSession;

  constructor(private readonly server: FakeServer) {}

  open(): void {
    this.connected = true;
    this.session.receiveConnect();
  }

  drop(): void {
    this.connected = false;
    this.joined = false;
    this.session.receiveDisconnect();
  }

  async join(request: JoinRequest): Promise<Ack<JoinResult>> {
    await Promise.resolve();
    const refusal = this.server.take('join', request);
    if (refusal) return { ok: false, error: refusal };
    this.joined = true;
    const answer = {
      ok: true as const,
      sessionId: 's-self',
      // Binary arrives as a Buffer in Node.
      update: Buffer.from(Y.encodeStateAsUpdate(this.server.doc, request.stateVector)),
      stateVector: Buffer.from(Y.encodeStateVector(this.server.doc)),
      access: this.server.access,
      review: this.server.review as unknown as JoinResult['review'],
      presence: [],
      claims: [],
    };
    if (this.server.tellsLimits) return { ...answer, limits: this.server.limits };
    return answer as unknown as Ack<JoinResult>; // an older server's answer, without limits
  }

  async update(request: UpdateRequest): Promise<Ack> {
    await Promise.resolve();
    const refusal = this.server.take('update', request);
    if (refusal) return { ok: false, error: refusal };
    if (!this.joined) return { ok: false, error: { code: 'NOT_JOINED', message: 'join first' } };
    const refused = this.server.check(request.update);
    if (refused) return { ok: false, error: refused };
    Y.applyUpdate(this.server.doc, request.update);
    for (const other of this.server.channels) {
      if (other !== this && other.joined) other.session.receiveUpdate(Buffer.from(request.update));
    }
    return { ok: true };
  }

  async presence(request: PresenceRequest): Promise<Ack> {
    this.server.take('presence', request);
    return { ok: true };
  }

  async leave(request: { draftId: string }): Promise<Ack> {
    this.server.take('leave', request);
    this.joined = false;
    return { ok: true };
  }

  release(): void {
    this.released = true;
  }
}

async function until(condition: () => boolean, what: string, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

function collect<T>(session: DraftSession, event: 'error' | 'retrying' | 'synced'): T[] {
  const seen: T[] = [];
  session.on(event, (payload) => seen.push(payload as T));
  return seen;
}

describe('DraftSession', () => {
  it('joins with its state vector and takes the server text', async () => {
    const server = new FakeServer('مرحبا');
    const { session, channel } = server.connect();
    const synced = collect<{ resync: boolean; access: string }>(session, 'synced');
    channel.open();
    await session.whenSynced();
    expect(session.body.toString()).toBe('مرحبا');
    expect(synced).toEqual([expect.objectContaining({ resync: false, access: 'edit' })]);
    expect(session.review).toEqual({ state: 'draft', revision: 1, embargoUntil: null });
    expect(server.received[0]!.request).toEqual({ draftId: 'd1', stateVector: expect.any(Uint8Array) });
  });

  it('knows a scheduled draft’s embargo from the join answer and the review event; an older server’s has none', async () => {
    const server = new FakeServer('');
    server.review = { state: 'scheduled', revision: 4, embargoUntil: '2026-03-01T08:00:00.000Z' };
    const { session, channel } = server.connect();
    const heard: unknown[] = [];
    session.on('review', (event) => heard.push(event));
    channel.open();
    await session.whenSynced();
    expect(session.review).toEqual({ state: 'scheduled', revision: 4, embargoUntil: '2026-03-01T08:00:00.000Z' });
    const reopened = {
      draftId: 'd1',
      state: 'in_review' as const,
      revision: 5,
      embargoUntil: null,
      by: 'u1',
      byName: 'Editor',
      at: '2026-02-20T08:00:00.000Z',
    };
    session.receiveReview(reopened);
    expect(session.review).toEqual({ state: 'in_review', revision: 5, embargoUntil: null });
    expect(heard).toEqual([reopened]);
    // A server from before the embargo was in the review status.
    session.receiveReview({ ...reopened, state: 'approved', revision: 6, embargoUntil: undefined as unknown as null });
    expect(session.review).toEqual({ state: 'approved', revision: 6, embargoUntil: null });
    server.review = { state: 'approved', revision: 6 };
    session.resync();
    await until(() => server.joinsReceived() === 2, 'the resync');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(session.review).toEqual({ state: 'approved', revision: 6, embargoUntil: null });
  });

  it('sends nothing after a join when the server lacks nothing, deletions included', async () => {
    const server = new FakeServer('hello world');
    const { session, channel } = server.connect();
    channel.open();
    await session.whenSynced();
    session.body.delete(0, 6);
    await session.flushed();
    expect(server.updatesReceived()).toBe(1);
    session.resync();
    await until(() => server.received.filter((r) => r.event === 'join').length === 2, 'the resync');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(server.updatesReceived()).toBe(1);
  });

  it('sends each local change, counts it until acked, and relays to the others', async () => {
    const server = new FakeServer('');
    const a = server.connect();
    const b = server.connect();
    a.channel.open();
    b.channel.open();
    await Promise.all([a.session.whenSynced(), b.session.whenSynced()]);
    const acked: number[][] = [];
    a.session.on('acked', (event) => acked.push(event.seqs));
    a.session.body.insert(0, 'خبر news');
    expect(a.session.pendingUpdates).toBe(1);
    await a.session.flushed();
    expect(a.session.pendingUpdates).toBe(0);
    expect(acked).toEqual([[a.session.lastLocalSeq]]);
    expect(b.session.body.toString()).toBe('خبر news');
    // A remote update is applied with the session as origin and never sent back.
    expect(b.session.pendingUpdates).toBe(0);
    expect(server.updatesReceived()).toBe(1);
  });

  it('keeps offline edits and sends them as one update after joining', async () => {
    const server = new FakeServer('base');
    const { session, channel } = server.connect();
    session.body.insert(0, 'offline ');
    session.body.insert(0, 'two ');
    expect(session.pendingUpdates).toBe(2);
    const flushed = session.flushed();
    channel.open();
    await flushed;
    expect(server.updatesReceived()).toBe(1);
    expect(server.doc.getText(DOCUMENT_FIELDS.body).toString()).toBe(session.body.toString());
    expect(session.body.toString()).toContain('two offline ');
    expect(session.body.toString()).toContain('base');
  });

  it('keeps a change refused as UNAVAILABLE and delivers it on retry', async () => {
    const server = new FakeServer('');
    const { session, channel } = server.connect();
    channel.open();
    await session.whenSynced();
    const retrying = collect<SessionError>(session, 'retrying');
    const errors = collect<SessionError>(session, 'error');
    server.refuse('update', 'UNAVAILABLE');
    session.body.insert(0, 'important');
    await session.flushed();
    expect(retrying.map((r) => r.code)).toEqual(['UNAVAILABLE']);
    expect(errors).toEqual([]);
    expect(server.doc.getText(DOCUMENT_FIELDS.body).toString()).toBe('important');
  });

  it('reports a refused change and rejects flushed()', async () => {
    const server = new FakeServer('');
    const { session, channel } = server.connect();
    channel.open();
    await session.whenSynced();
    const errors = collect<SessionError>(session, 'error');
    server.refuse('update', 'LOCKED');
    session.body.insert(0, 'too late');
    await expect(session.flushed()).rejects.toMatchObject({ code: 'LOCKED' });
    expect(errors).toEqual([{ code: 'LOCKED', message: 'LOCKED', operation: 'update' }]);
    expect(session.pendingUpdates).toBe(0);
  });

  it('re-joins after a disconnect and converges with what happened meanwhile', async () => {
    const server = new FakeServer('start');
    const a = server.connect();
    const b = server.connect();
    a.channel.open();
    b.channel.open();
    await Promise.all([a.session.whenSynced(), b.session.whenSynced()]);
    a.channel.drop();
    a.session.body.insert(5, ' (a offline)');
    b.session.body.insert(0, 'b: ');
    await b.session.flushed();
    const synced = collect<{ resync: boolean }>(a.session, 'synced');
    a.channel.open();
    await a.session.flushed();
    await until(() => a.session.body.toString() === b.session.body.toString(), 'convergence');
    expect(synced).toEqual([expect.objectContaining({ resync: true })]);
    expect(server.doc.getText(DOCUMENT_FIELDS.body).toString()).toBe('b: start (a offline)');
  });

  it('re-joins at once when the server answers NOT_JOINED', async () => {
    const server = new FakeServer('');
    const { session, channel } = server.connect();
    channel.open();
    await session.whenSynced();
    channel.joined = false; // the server forgot the join
    session.body.insert(0, 'x');
    await session.flushed();
    expect(server.doc.getText(DOCUMENT_FIELDS.body).toString()).toBe('x');
    expect(server.received.filter((r) => r.event === 'join')).toHaveLength(2);
  });

  it('joins again at once when the server says its own session left, and learns where it stands', async () => {
    const server = new FakeServer('نص');
    const { session, channel } = server.connect();
    const errors = collect<SessionError>(session, 'error');
    channel.open();
    await session.whenSynced();
    expect(session.sessionId).toBe('s-self');
    const joins = () => server.received.filter((r) => r.event === 'join').length;

    // Someone else leaving is only presence.
    session.receivePresenceLeave('s-other');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(joins()).toBe(1);

    // Lowered rights: the re-join brings the new access level.
    server.access = 'view';
    session.receivePresenceLeave('s-self');
    await until(() => session.access === 'view', 'the new access level');

    // No rights left: the re-join is refused and the session fails.
    server.refuse('join', 'NOT_FOUND');
    session.receivePresenceLeave('s-self');
    await until(() => errors.length === 1, 'the refusal');
    expect(errors[0]).toMatchObject({ code: 'NOT_FOUND', operation: 'join' });
    expect(joins()).toBe(3);
  });

  it('fails when the join is refused', async () => {
    const server = new FakeServer('');
    const { session, channel } = server.connect();
    const errors = collect<SessionError>(session, 'error');
    server.refuse('join', 'NOT_FOUND');
    channel.open();
    await expect(session.whenSynced()).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(errors.map((e) => e.code)).toEqual(['NOT_FOUND']);
    await expect(session.flushed()).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it.each([
    ['unauthorized', 'UNAUTHORIZED'],
    ['too_many_connections', 'CONNECTION_REFUSED'],
  ])('reports a handshake refused as %s', async (reason, code) => {
    const server = new FakeServer('');
    const { session } = server.connect();
    const errors = collect<SessionError>(session, 'error');
    session.receiveConnectError('websocket error', false); // socket.io retries this one itself
    session.receiveConnectError(reason, true);
    await expect(session.whenSynced()).rejects.toMatchObject({ code });
    expect(errors.map((e) => e.code)).toEqual([code]);
  });

  it('resyncs periodically', async () => {
    const server = new FakeServer('');
    const { session, channel } = server.connect({ resyncIntervalMs: 10 });
    channel.open();
    await until(() => server.received.filter((r) => r.event === 'join').length >= 3, 'three joins');
    await session.close();
  });

  it('sends cursors as relative positions that follow the text', async () => {
    const server = new FakeServer('hello world');
    const { session, channel } = server.connect();
    channel.open();
    await session.whenSynced();
    await session.setPresence({ cursor: { anchor: 6, head: 11 }, activity: 'editing' });
    const sent = server.received.find((r) => r.event === 'presence')!.request as PresenceRequest;
    expect(sent.activity).toBe('editing');
    session.body.insert(0, '>> ');
    expect(session.cursorIndex(sent.cursor!.anchor)).toBe(9);
    expect(session.cursorIndex(sent.cursor!.head)).toBe(14);
  });

  it('routes presence events and resends its own presence after a re-join', async () => {
    const server = new FakeServer('');
    const { session, channel } = server.connect();
    expect(session.sessionId).toBeNull();
    channel.open();
    await session.whenSynced();
    expect(session.sessionId).toBe('s-self');
    const left: string[] = [];
    session.on('presence:leave', (event) => left.push(event.sessionId));
    const entry = {
      sessionId: 's2',
      userId: 'u2',
      displayName: 'سامر',
      role: 'fact_checker' as const,
      color: '#abcdef',
      cursor: null,
      activity: 'reviewing' as const,
      joinedAt: 'now',
      lastActiveAt: 'now',
    };
    session.receivePresence(entry);
    expect(session.presence.get('s2')).toEqual(entry);
    await session.setPresence({ activity: 'idle' });
    channel.drop();
    channel.open();
    await until(() => server.received.filter((r) => r.event === 'presence').length === 2, 'presence resent');
    expect(left).toEqual(['s2']); // the re-join ack listed nobody
  });

  it('leaves and releases on close, and rejects what still waits', async () => {
    const server = new FakeServer('');
    const { session, channel } = server.connect();
    channel.open();
    await session.whenSynced();
    channel.connected = false; // updates can no longer go out
    session.body.insert(0, 'unsent');
    const flushed = session.flushed();
    channel.connected = true;
    await session.close();
    await expect(flushed).rejects.toMatchObject({ code: 'CLOSED' });
    expect(server.received.at(-1)?.event).toBe('leave');
    expect(channel.released).toBe(true);
    expect(session.isClosed).toBe(true);
  });
});

describe('DraftSession when the server lacks what an update builds on (RESYNC_REQUIRED)', () => {
  const typeEach = (session: DraftSession, text: string) => {
    for (const char of text) session.body.insert(session.body.length, char); // one transaction each
  };

  it('re-joins once for a pipelined burst refused RESYNC_REQUIRED, holding new changes until then', async () => {
    const server = new FakeServer('');
    const { session, channel } = server.connect();
    channel.open();
    await session.whenSynced();
    const retrying = collect<RetryingEvent>(session, 'retrying');
    const errors = collect<SessionError>(session, 'error');
    let sentWhenTyped = -1;
    session.on('retrying', () => {
      if (retrying.length !== 5) return;
      // Refused, the burst is missing on the server: a change now waits for the re-join.
      session.body.insert(session.body.length, 'f');
      sentWhenTyped = server.updatesReceived();
    });
    server.refuse('update', 'RESYNC_REQUIRED'); // the other four build on the first: the server refuses them too
    typeEach(session, 'abcde');
    await session.flushed();
    expect(server.doc.getText(DOCUMENT_FIELDS.body).toString()).toBe('abcdef');
    expect(session.body.toString()).toBe('abcdef');
    expect(server.joinsReceived()).toBe(2);
    expect(sentWhenTyped).toBe(5);
    expect(server.updatesReceived()).toBe(6); // the burst, then one catch-up with 'f' in it
    expect(retrying.map((r) => [r.code, r.retryInMs])).toEqual([
      ['RESYNC_REQUIRED', 0],
      ...Array.from({ length: 4 }, () => ['RESYNC_REQUIRED', null]),
    ]);
    expect(errors).toEqual([]);
    expect(session.pendingUpdates).toBe(0);
  });

  it('converges without losing a keystroke when part of a burst is refused RATE_LIMITED', async () => {
    const server = new FakeServer('');
    const { session, channel } = server.connect();
    channel.open();
    await session.whenSynced();
    const retrying = collect<RetryingEvent>(session, 'retrying');
    server.refuseCall('update', 4, 'RATE_LIMITED');
    typeEach(session, 'copydesk!!');
    await session.flushed();
    expect(server.doc.getText(DOCUMENT_FIELDS.body).toString()).toBe('copydesk!!');
    expect(server.joinsReceived()).toBe(2);
    expect(server.updatesReceived()).toBe(11);
    expect(retrying.map((r) => r.code)).toEqual(['RATE_LIMITED', ...Array(6).fill('RESYNC_REQUIRED')]);
    expect(retrying[0]!.retryInMs).toBeGreaterThan(0); // the rate limit's backoff, not at once
    expect(retrying.slice(1).every((r) => r.retryInMs === null)).toBe(true);
  });

  it('backs off when the server keeps answering RESYNC_REQUIRED', async () => {
    const server = new FakeServer('');
    const { session, channel } = server.connect({ retryBaseMs: 20 });
    channel.open();
    await session.whenSynced();
    const retrying = collect<RetryingEvent>(session, 'retrying');
    for (let i = 0; i < 4; i++) server.refuse('update', 'RESYNC_REQUIRED');
    session.body.insert(0, 'x');
    await session.flushed();
    expect(server.doc.getText(DOCUMENT_FIELDS.body).toString()).toBe('x');
    const delays = retrying.map((r) => r.retryInMs ?? -1);
    expect(delays[0]).toBe(0);
    expect(delays.slice(1)).toEqual([expect.any(Number), expect.any(Number), expect.any(Number)]);
    // Half to all of 20, 40, 80 ms: each repeat waits longer.
    expect(delays[1]).toBeGreaterThanOrEqual(10);
    expect(delays[2]).toBeGreaterThanOrEqual(20);
    expect(delays[3]).toBeGreaterThanOrEqual(40);
    expect(server.joinsReceived()).toBe(5);
  });
});

describe('DraftSession and the server limits', () => {
  const small: CollabLimits = { maxUpdateBytes: 1_000, maxDocumentBytes: 1_000_000 };

  it('refuses a local change larger than the server accepts without sending it, and takes it back', async () => {
    const server = new FakeServer('start');
    server.limits = small;
    const a = server.connect();
    const b = server.connect();
    a.channel.open();
    b.channel.open();
    await Promise.all([a.session.whenSynced(), b.session.whenSynced()]);
    expect(a.session.limits).toEqual(small);
    const errors = collect<SessionError>(a.session, 'error');

    a.session.body.insert(5, ` ${'y'.repeat(5_000)}`);

    // Refused at once, before insert() returns: reported by the event, not waited for by flushed().
    expect(a.session.body.toString()).toBe('start');
    expect(errors).toEqual([
      {
        code: 'TOO_LARGE',
        operation: 'update',
        message: expect.stringMatching(/^A change of \d{4,} bytes is larger than the 1000 bytes the server accepts/),
      },
    ]);
    a.session.body.insert(5, '!');
    await a.session.flushed();
    expect(server.doc.getText(DOCUMENT_FIELDS.body).toString()).toBe('start!');
    await until(() => b.session.body.toString() === 'start!', 'the relay');
    const sent = server.received.filter((r) => r.event === 'update').map((r) => (r.request as UpdateRequest).update);
    expect(sent.every((update) => update.byteLength < 100)).toBe(true);
    expect(server.joinsReceived()).toBe(2); // one per session: nothing re-joined
    expect(errors).toHaveLength(1);
  });

  it('refuses offline edits too large to catch up with once, and stays usable without a loop', async () => {
    const server = new FakeServer('base');
    server.limits = small;
    const { session, channel } = server.connect();
    const errors = collect<SessionError>(session, 'error');
    // Made before the first join: the session does not know the limit yet.
    session.body.insert(0, 'z'.repeat(3_000));
    session.body.insert(0, '> ');
    const flushed = session.flushed();
    channel.open();
    await expect(flushed).rejects.toMatchObject({ code: 'TOO_LARGE' });
    await until(() => session.pendingUpdates === 0, 'the emptied catch-up');
    expect(errors.map((e) => e.code)).toEqual(['TOO_LARGE']);
    expect(errors[0]!.message).toMatch(/^The changes the server lacks come to \d{4,} bytes, more than the 1000 bytes/);
    expect(session.body.toString()).toBe('base');
    expect(server.updatesReceived()).toBe(1);

    session.body.insert(4, '!');
    await session.flushed();
    session.resync();
    await until(() => server.joinsReceived() === 2, 'the resync');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.doc.getText(DOCUMENT_FIELDS.body).toString()).toBe('base!');
    expect(server.updatesReceived()).toBe(2);
    expect(errors).toHaveLength(1);
  });

  it('takes back a change the server refused as TOO_LARGE when it did not tell its limits', async () => {
    const server = new FakeServer('');
    server.limits = small;
    server.tellsLimits = false;
    const { session, channel } = server.connect();
    channel.open();
    await session.whenSynced();
    expect(session.limits).toBeNull();
    const errors = collect<SessionError>(session, 'error');
    session.body.insert(0, 'q'.repeat(3_000));
    await expect(session.flushed()).rejects.toMatchObject({ code: 'TOO_LARGE' });
    await until(() => session.pendingUpdates === 0, 'the emptied structs sent');
    expect(session.body.toString()).toBe('');
    session.body.insert(0, 'ok');
    await session.flushed();
    expect(server.doc.getText(DOCUMENT_FIELDS.body).toString()).toBe('ok');
    expect(errors.map((e) => e.code)).toEqual(['TOO_LARGE']);
    expect(server.updatesReceived()).toBe(3); // the refused paste, its emptied structs, 'ok'
    expect(server.joinsReceived()).toBe(1);
  });
});
