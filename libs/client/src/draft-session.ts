/** One draft's Yjs document kept in sync over its client's /collab socket (docs/protocol.md, What the SDK does). */
import {
  DOCUMENT_FIELDS,
  type ClaimsEvent,
  type DraftClaim,
  type CollabLimits,
  type DraftAccess,
  type PresenceEntry,
  type PresenceRequest,
  type RelativePositionJson,
  type ReviewEvent,
  type ReviewStatus,
  type SessionEndCode,
} from '#contracts';
import * as Y from 'yjs';
import { awaitAck } from './ack-outcome.js';
import { ClaimList } from './claim-list.js';
import { toUint8Array } from './binary.js';
import type { CollabChannel } from './collab-channel.js';
import { cursorIndexIn, toWireCursor } from './cursor-position.js';
import { Deferred } from './deferred.js';
import type { DraftSessionEvents, DraftSessionOptions, PresenceInput } from './draft-session-events.js';
import { readJoinResult } from './join-result.js';
import { PendingUpdates } from './pending-updates.js';
import { PresenceRoster } from './presence-roster.js';
import { RejoinSchedule } from './rejoin-schedule.js';
import { CopydeskSessionError, type SessionError } from './session-error.js';
import { hasInsertionsMissingFrom } from './state-vector.js';
import { takeBackInsertions, type ClockSpan } from './take-back.js';
import { TypedEmitter } from './typed-emitter.js';

const DEFAULT_RESYNC_MS = 30_000;

/** The origin of a take-back transaction; `serverState` is where the server's copy stops. */
class TakeBack {
  constructor(readonly serverState: Uint8Array) {}
}

export class DraftSession extends TypedEmitter<DraftSessionEvents> {
  readonly doc: Y.Doc;
  readonly headline: Y.Text;
  readonly body: Y.Text;
  /** The transaction origin of everything that came from the server: the session itself. */
  readonly origin: DraftSession = this;

  private state: 'open' | 'failed' | 'closed' = 'open';
  private failure: SessionError | null = null;
  private joined = false;
  private joining = false;
  private everSynced = false;
  /** Bumped on every disconnect, so that answers from an earlier connection are ignored. */
  private epoch = 0;
  /**
   * A sent update was not stored: every later change builds on it, so changes queue until the
   * re-join, which sends everything the server lacks as one update.
   */
  private behind = false;
  /** A catch-up (what the server lacked, as one update) awaits its ack; changes made meanwhile follow it. */
  private catchingUp = false;
  /** Counts joins begun and catch-ups sent: a failed send made before the latest one is covered by it. */
  private syncPoint = 0;
  private serverLimits: CollabLimits | null = null;
  private accessLevel: DraftAccess | null = null;
  private ownSessionId: string | null = null;
  private reviewStatus: ReviewStatus | null = null;
  private lastPresence: PresenceRequest | null = null;
  private readonly pending = new PendingUpdates();
  private readonly roster = new PresenceRoster();
  private readonly claimList = new ClaimList();
  private readonly firstSync = new Deferred<void>();
  private readonly rejoins: RejoinSchedule;

  constructor(
    readonly draftId: string,
    private readonly channel: CollabChannel,
    options: DraftSessionOptions = {},
  ) {
    super();
    this.doc = options.doc ?? new Y.Doc();
    this.headline = this.doc.getText(DOCUMENT_FIELDS.headline);
    this.body = this.doc.getText(DOCUMENT_FIELDS.body);
    this.rejoins = new RejoinSchedule(
      () => void this.join(),
      options.resyncIntervalMs ?? DEFAULT_RESYNC_MS,
      options.retryBaseMs ?? 500,
      options.retryMaxMs ?? 30_000,
    );
    this.doc.on('update', this.onDocUpdate);
  }

  get access(): DraftAccess | null {
    return this.accessLevel;
  }

  get review(): ReviewStatus | null {
    return this.reviewStatus;
  }

  /** This session's id in `presence` (its own entry), from the latest join; null before it. */
  get sessionId(): string | null {
    return this.ownSessionId;
  }

  /**
   * The draft's open claims by id, from the join answer and `claims` events. Each claim's
   * `anchor`/`head` resolve against `doc` (see `cursorIndex`), so highlights follow typing.
   */
  get claims(): ReadonlyMap<string, DraftClaim> {
    return this.claimList.all;
  }

  get presence(): ReadonlyMap<string, PresenceEntry> {
    return this.roster.all;
  }

  /** The server's limits from the latest join; null before it, or when the server did not send them. */
  get limits(): CollabLimits | null {
    return this.serverLimits;
  }

  /** Joined on the current connection: local changes go out as they are made (or right after a catch-up). */
  get isJoined(): boolean {
    return this.joined;
  }

  get isClosed(): boolean {
    return this.state === 'closed';
  }

  /** Local updates not durably acked yet (made offline, in flight, or waiting for a retry). */
  get pendingUpdates(): number {
    return this.pending.size;
  }

  /** The sequence number of the newest local update, as later reported by `acked`. */
  get lastLocalSeq(): number {
    return this.pending.lastSeq;
  }

  /** Resolves after the first join; rejects if it is refused (NOT_FOUND, ...) or the session closes first. */
  whenSynced(): Promise<void> {
    return this.firstSync.promise;
  }

  /** Resolves once every local update made so far is durably stored; rejects if one was refused or the join failed. */
  flushed(): Promise<void> {
    if (this.failure) return Promise.reject(new CopydeskSessionError(this.failure));
    return this.pending.waitFor();
  }

  /** Re-joins now, as the periodic resync does. */
  resync(): void {
    void this.join();
  }

  /** Sends a cursor and/or activity; remembered and sent again after every re-join. */
  async setPresence(input: PresenceInput): Promise<void> {
    const request: PresenceRequest = { draftId: this.draftId };
    if (input.cursor !== undefined) request.cursor = input.cursor && toWireCursor(this.body, input.cursor);
    if (input.activity !== undefined) request.activity = input.activity;
    this.lastPresence = { ...this.lastPresence, ...request };
    if (this.joined && this.channel.connected) await this.sendPresence(request);
  }

  /** Where a cursor of `presence` sits in the body now, or null if its text is gone. */
  cursorIndex(position: RelativePositionJson): number | null {
    return cursorIndexIn(this.doc, position);
  }

  /** Leaves the draft. Unacked local updates stay in the document only: await `flushed()` first to keep them. */
  async close(): Promise<void> {
    if (this.state === 'closed') return;
    const wasJoined = this.joined && this.channel.connected;
    this.state = 'closed';
    this.joined = false;
    this.rejoins.stop();
    this.doc.off('update', this.onDocUpdate);
    const closed: SessionError = { code: 'CLOSED', message: 'The session was closed', operation: 'leave' };
    this.firstSync.reject(new CopydeskSessionError(closed));
    this.pending.abandon(closed);
    if (wasJoined) await awaitAck('leave', () => this.channel.leave({ draftId: this.draftId }));
    this.channel.release(this.draftId);
  }

  // --- called by the client that owns the socket ---

  /** @internal */
  receiveConnect(): void {
    if (this.state !== 'open') return;
    this.emit('connection', 'connected');
    void this.join();
  }

  /** @internal */
  receiveDisconnect(): void {
    if (this.state !== 'open') return;
    this.epoch += 1;
    this.joined = false;
    this.joining = false;
    this.behind = false;
    this.catchingUp = false;
    this.rejoins.stop();
    this.emit('connection', 'disconnected');
  }

  /**
   * @internal A handshake failed. Only a refusal by the server (socket.io then stops
   * reconnecting) matters here; a network failure is retried by socket.io itself.
   */
  receiveConnectError(reason: string, refusedByServer: boolean): void {
    if (this.state !== 'open' || !refusedByServer) return;
    const error: SessionError =
      reason === 'unauthorized'
        ? { code: 'UNAUTHORIZED', message: 'The server refused the token', operation: 'connect' }
        : { code: 'CONNECTION_REFUSED', message: reason, operation: 'connect' };
    this.firstSync.reject(new CopydeskSessionError(error));
    this.emit('error', error);
  }

  /**
   * @internal The server is closing the connection: the sign-in it opened with has ended. The
   * document stays usable offline; changes go out once the client connects with a new token.
   */
  receiveSessionEnded(code: SessionEndCode, message: string): void {
    if (this.state !== 'open') return;
    const error: SessionError = { code, message, operation: 'connect' };
    this.firstSync.reject(new CopydeskSessionError(error));
    this.emit('error', error);
  }

  /** @internal */
  receiveUpdate(raw: unknown): void {
    if (this.state === 'closed') return;
    const update = toUint8Array(raw);
    if (!update) {
      const message = 'An update event without a binary update';
      this.emit('error', { code: 'INVALID_RESPONSE', message, operation: 'remote-update' });
    } else if (this.applyRemote(update)) {
      this.emit('update', { update, source: 'relay' });
    }
  }

  /** @internal */
  receivePresence(entry: PresenceEntry): void {
    if (this.state === 'closed') return;
    this.roster.upsert(entry);
    this.emit('presence', entry);
  }

  /** @internal */
  receivePresenceLeave(sessionId: string): void {
    if (this.state === 'closed') return;
    if (this.roster.remove(sessionId)) this.emit('presence:leave', { sessionId });
    // Our own session left without asking: the server took it out of the draft (its rights
    // changed). Join again now, to learn where we stand (NOT_FOUND, or a new access level).
    if (sessionId === this.ownSessionId && this.state === 'open' && this.joined) {
      this.joined = false;
      void this.join();
    }
  }

  /** @internal The server changed our access (losing the draft altogether shows as our own presence leave). */
  receiveAccess(access: DraftAccess): void {
    if (this.state === 'closed' || access === this.accessLevel) return;
    this.accessLevel = access;
    this.emit('access', { access });
  }

  /** @internal */
  receiveClaims(event: ClaimsEvent): void {
    if (this.state === 'closed') return;
    this.claimList.apply(event);
    this.emit('claims', { changed: event.changed, closed: event.closed });
  }

  /** @internal */
  receiveReview(event: ReviewEvent): void {
    if (this.state === 'closed') return;
    // An older server sends no embargo: none known.
    this.reviewStatus = { state: event.state, revision: event.revision, embargoUntil: event.embargoUntil ?? null };
    this.emit('review', event);
  }

  // --- synchronisation ---

  /**
   * A local change goes out as its own update while nothing is missing on the server before it;
   * otherwise it queues and goes with the next catch-up. One larger than the server accepts is
   * not sent at all: see `refuseTooLarge`.
   */
  private readonly onDocUpdate = (
    update: Uint8Array,
    origin: unknown,
    _doc: Y.Doc,
    transaction: Y.Transaction,
  ): void => {
    if (origin === this || this.state !== 'open') return;
    const seq = this.pending.add();
    if (origin instanceof TakeBack) {
      // The taken-back items keep clock numbers the server has never seen, and later changes
      // build on them: they go (emptied) to the server as a catch-up.
      if (this.sendsLive) this.sendMissing(origin.serverState);
      return;
    }
    const span: ClockSpan = { from: transaction.beforeState, to: transaction.afterState };
    const limit = this.serverLimits?.maxUpdateBytes;
    if (limit !== undefined && update.byteLength > limit) {
      const message =
        `A change of ${update.byteLength} bytes is larger than the ${limit} bytes the server accepts in one ` +
        'update: it was not sent, and what it inserted was taken out of the document again';
      return this.refuseTooLarge([seq], span, message);
    }
    if (this.sendsLive) void this.send(update, [seq], span, false);
  };

  private get sendsLive(): boolean {
    return this.joined && this.channel.connected && !this.joining && !this.behind && !this.catchingUp;
  }

  /** Joins (or, when already joined, resyncs): takes what the server has, sends what it lacks. */
  private async join(): Promise<void> {
    if (this.state !== 'open' || this.joining || !this.channel.connected) return;
    this.joining = true;
    this.syncPoint += 1;
    const epoch = this.epoch;
    const stateVector = Y.encodeStateVector(this.doc);
    const outcome = await awaitAck('join', () => this.channel.join({ draftId: this.draftId, stateVector }));
    if (epoch !== this.epoch || this.state !== 'open') return; // a reconnect joins again
    this.joining = false;
    if (outcome.kind === 'retry') return this.retryLater(outcome.error);
    const result = outcome.kind === 'ok' ? readJoinResult(outcome.value) : null;
    if (!result) {
      const malformed: SessionError = { code: 'INVALID_RESPONSE', message: 'Malformed join ack', operation: 'join' };
      return this.failJoin(outcome.kind === 'fail' ? outcome.error : malformed);
    }
    if (result.update.byteLength > 0 && this.applyRemote(result.update)) {
      this.emit('update', { update: result.update, source: 'join' });
    }
    this.joined = true;
    this.behind = false;
    this.serverLimits = result.limits;
    this.ownSessionId = result.sessionId;
    this.accessLevel = result.access;
    this.reviewStatus = result.review;
    const claimChanges = this.claimList.replace(result.claims);
    if (claimChanges.changed.length > 0 || claimChanges.closed.length > 0) this.emit('claims', claimChanges);
    for (const change of this.roster.replace(result.presence)) {
      if (change.kind === 'leave') this.emit('presence:leave', { sessionId: change.sessionId });
      else this.emit('presence', change.entry);
    }
    const resync = this.everSynced;
    this.everSynced = true;
    this.emit('synced', { access: result.access, review: result.review, resync, bytes: result.update.byteLength });
    this.firstSync.resolve();
    this.rejoins.resyncLater();
    if (this.lastPresence) void this.sendPresence(this.lastPresence).catch(() => undefined);
    this.sendMissing(result.stateVector);
  }

  /**
   * Sends, as one update (a catch-up), the changes the server lacks: offline edits, failed sends,
   * changes queued behind a refusal. It covers every open local update, in flight ones included.
   */
  private sendMissing(serverStateVector: Uint8Array): void {
    if (this.state !== 'open') return;
    const localStateVector = Y.encodeStateVector(this.doc);
    const needed =
      this.pending.size > 0 ||
      (this.accessLevel === 'edit' && hasInsertionsMissingFrom(localStateVector, serverStateVector));
    if (!needed) return;
    this.syncPoint += 1;
    const covered = this.pending.openUpTo(this.pending.lastSeq);
    const span: ClockSpan = { from: Y.decodeStateVector(serverStateVector), to: Y.decodeStateVector(localStateVector) };
    const update = Y.encodeStateAsUpdate(this.doc, serverStateVector);
    const limit = this.serverLimits?.maxUpdateBytes;
    if (limit !== undefined && update.byteLength > limit) {
      const message =
        `The changes the server lacks come to ${update.byteLength} bytes, more than the ${limit} bytes it accepts ` +
        'in one update: they were not sent, and what they inserted was taken out of the document again';
      return this.refuseTooLarge(covered, span, message);
    }
    void this.send(update, covered, span, true);
  }

  /**
   * Sends an update standing for the local updates `covered` (which inserted `span`) and settles
   * them by its ack. While a catch-up is on its way, later changes queue and then follow it as
   * one update, so a refused catch-up has nothing sent after it that depends on it.
   */
  private async send(update: Uint8Array, covered: number[], span: ClockSpan, catchUp: boolean): Promise<void> {
    const epoch = this.epoch;
    const syncPoint = this.syncPoint;
    if (catchUp) this.catchingUp = true;
    const outcome = await awaitAck('update', () => this.channel.update({ draftId: this.draftId, update }));
    if (this.state === 'closed') return;
    const current = epoch === this.epoch;
    if (catchUp && current) this.catchingUp = false;
    if (outcome.kind === 'ok') {
      this.rejoins.succeeded();
      const acked = this.pending.settle(covered);
      if (acked.length > 0) this.emit('acked', { seqs: acked, pendingUpdates: this.pending.size });
      if (catchUp && current && this.sendsLive) this.sendMissing(Y.encodeStateVector(span.to));
    } else if (outcome.kind === 'retry' || outcome.error.code === 'NOT_JOINED') {
      // The document keeps the change; the next join sends whatever the server lacks.
      if (!current) return; // the reconnect joins again
      if (outcome.error.code === 'NOT_JOINED') this.joined = false;
      if (syncPoint === this.syncPoint) {
        this.behind = true;
        this.retryLater(outcome.error);
      } else {
        // A join or catch-up begun after this send covers it (and re-joins if it fails too):
        // a refused burst costs one re-join, not one per ack.
        this.emit('retrying', { ...outcome.error, retryInMs: null });
      }
    } else {
      this.pending.fail(covered, outcome.error);
      // Kept, the refused insertions would be sent again with every catch-up and refused again.
      if (outcome.error.code === 'TOO_LARGE' && this.state === 'open') this.takeBack(span);
      this.emit('error', outcome.error);
    }
  }

  /**
   * Refuses, without sending it, an update larger than the server accepts: the local updates it
   * stands for fail with TOO_LARGE and what they inserted is taken out of the document again
   * (what they deleted stays deleted), so the document keeps nothing the server will never take
   * and later changes still sync.
   */
  private refuseTooLarge(covered: number[], span: ClockSpan, message: string): void {
    const error: SessionError = { code: 'TOO_LARGE', message, operation: 'update' };
    this.pending.fail(covered, error);
    this.takeBack(span);
    this.emit('error', error);
  }

  private takeBack(span: ClockSpan): void {
    takeBackInsertions(this.doc, span, new TakeBack(Y.encodeStateVector(span.from)));
  }

  private async sendPresence(request: PresenceRequest): Promise<void> {
    const outcome = await awaitAck('presence', () => this.channel.presence(request));
    if (outcome.kind !== 'ok') throw new CopydeskSessionError(outcome.error);
  }

  private applyRemote(update: Uint8Array): boolean {
    try {
      Y.applyUpdate(this.doc, update, this);
      return true;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.emit('error', { code: 'INVALID_UPDATE', message, operation: 'remote-update' });
      return false;
    }
  }

  /** The server will not have us (NOT_FOUND, FORBIDDEN, ...): stop; the document stays usable offline. */
  private failJoin(error: SessionError): void {
    this.state = 'failed';
    this.failure = error;
    this.joined = false;
    this.accessLevel = null;
    this.rejoins.stop();
    this.pending.fail(this.pending.openUpTo(this.pending.lastSeq), error);
    this.firstSync.reject(new CopydeskSessionError(error));
    this.emit('error', error);
  }

  /**
   * Schedules a re-join for a retryable failure. NOT_JOINED (the server forgot us) and
   * RESYNC_REQUIRED (it lacks changes ours build on) re-join at once, with backoff on repeats.
   */
  private retryLater(error: SessionError): void {
    const canRetry = this.state === 'open' && this.channel.connected;
    const immediately = error.code === 'NOT_JOINED' || error.code === 'RESYNC_REQUIRED';
    const retryInMs = canRetry ? this.rejoins.retry(immediately) : null;
    this.emit('retrying', { ...error, retryInMs });
  }
}
