import { describe, expect, it } from '@jest/globals';
import type { Ack, AckError, JoinRequest, JoinResult, PresenceRequest, UpdateRequest } from '#contracts';
import * as Y from 'yjs';
import type { CollabChannel } from './collab-channel.js';
import { DraftSession } from './draft-session.js';
import type { DraftSessionOptions } from './draft-session-events.js';
import type { SessionError } from './session-error.js';

/** The server side of PROTOCOL.md in memory: one document, relays to the other joined channels. */
class FakeServer {
  readonly doc = new Y.Doc();
  readonly channels: FakeChannel[] = [];
  readonly received: { event: string; request: unknown }[] = [];
  /** Refusals for the next calls of an event, in order. */
  readonly refusals = new Map<string, AckError[]>();
  access: JoinResult['access'] = 'edit';

  constructor(initialBody = '') {
    this.doc.clientID = 0;
    if (initialBody) this.doc.getText('body').insert(0, initialBody);
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

  take(event: string, request: unknown): AckError | undefined {
    this.received.push({ event, request });
    return this.refusals.get(event)?.shift();
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
    return {
      ok: true,
      sessionId: 's-self',
      // Binary arrives as a Buffer in Node.
      update: Buffer.from(Y.encodeStateAsUpdate(this.server.doc, request.stateVector)),
      stateVector: Buffer.from(Y.encodeStateVector(this.server.doc)),
      access: this.server.access,
      review: { state: 'draft', revision: 1 },
      presence: [],
    };
  }

  async update(request: UpdateRequest): Promise<Ack> {
    await Promise.resolve();
    const refusal = this.server.take('update', request);
    if (refusal) return { ok: false, error: refusal };
    if (!this.joined) return { ok: false, error: { code: 'NOT_JOINED', message: 'join first' } };
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
    expect(session.review).toEqual({ state: 'draft', revision: 1 });
    expect(server.received[0]!.request).toEqual({ draftId: 'd1', stateVector: expect.any(Uint8Array) });
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
    expect(server.doc.getText('body').toString()).toBe(session.body.toString());
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
    expect(server.doc.getText('body').toString()).toBe('important');
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
    expect(server.doc.getText('body').toString()).toBe('b: start (a offline)');
  });

  it('re-joins at once when the server answers NOT_JOINED', async () => {
    const server = new FakeServer('');
    const { session, channel } = server.connect();
    channel.open();
    await session.whenSynced();
    channel.joined = false; // the server forgot the join
    session.body.insert(0, 'x');
    await session.flushed();
    expect(server.doc.getText('body').toString()).toBe('x');
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
