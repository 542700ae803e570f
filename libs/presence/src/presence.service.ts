import { Inject, Injectable, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { PresenceEntry, PresenceRequest } from '#contracts';
import {
  DomainError,
  presenceEntries,
  presenceTimings,
  reducePresence,
  type PresenceAction,
  type PresenceChange,
  type PresenceRecord,
  type PresenceTimings,
} from '#domain';
import type { AuthUser } from '#auth';
import { DraftAccessService } from '#drafts';
import { CursorCoalescer } from './cursor-coalescer.js';
import { LocalPresence } from './local-presence.js';
import { SILENT_BROADCASTER, type PresenceBroadcaster } from './presence-broadcaster.js';
import { PresenceSession } from './presence-session.js';
import { PresenceUpkeep } from './presence-upkeep.js';
import { PRESENCE_OPTIONS, type PresenceOptions } from './presence.options.js';
import { PRESENCE_STORE, type PresenceStore } from './presence-store.js';

/**
 * Who is in a draft, on every instance: entries per session with identity from the token,
 * cursor and activity; changes announced at once, cursor moves coalesced per session.
 */
@Injectable()
export class PresenceService implements OnModuleInit, BeforeApplicationShutdown {
  private readonly timings: PresenceTimings;
  private readonly local = new LocalPresence();
  /** Session id -> its socket, so that a broadcast skips the sender. */
  private readonly connections = new Map<string, string>();
  private readonly coalescer: CursorCoalescer;
  private readonly upkeep: PresenceUpkeep;
  private broadcaster: PresenceBroadcaster = SILENT_BROADCASTER;
  private closing = false;

  constructor(
    @Inject(PRESENCE_STORE) private readonly store: PresenceStore,
    @Inject(PRESENCE_OPTIONS) private readonly options: PresenceOptions,
    private readonly access: DraftAccessService,
  ) {
    this.timings = presenceTimings(options.timeoutMs);
    this.coalescer = new CursorCoalescer(options.cursorIntervalMs, (draftId, sessionId) =>
      this.publish(draftId, sessionId),
    );
    this.upkeep = new PresenceUpkeep(
      this.local,
      this.store,
      this.timings,
      {
        swept: (draftId, sessionId) => this.broadcaster.left(draftId, sessionId),
        restored: (draftId, record) => this.broadcaster.entry(draftId, record.entry, null),
      },
      options.logger,
    );
  }

  /** The edge tells us how to reach clients once its socket server exists. */
  useBroadcaster(broadcaster: PresenceBroadcaster): void {
    this.broadcaster = broadcaster;
  }

  onModuleInit(): void {
    this.upkeep.start();
  }

  openSession(connectionId: string, user: AuthUser, now: number): PresenceSession {
    const identity = { userId: user.id, displayName: user.displayName, role: user.role };
    return new PresenceSession(connectionId, identity, now);
  }

  /** Adds the session's entry (a re-join keeps it) and resolves with everyone present, itself included. */
  async join(session: PresenceSession, draftId: string, now: number): Promise<PresenceEntry[]> {
    if (this.closing) throw new DomainError('UNAVAILABLE', 'The server is shutting down');
    const changes = this.apply(draftId, { type: 'join', sessionId: session.id, identity: session.identity, at: now });
    session.drafts.add(draftId);
    this.connections.set(session.id, session.connectionId);
    for (const change of changes) if (change.kind === 'entry') this.publish(draftId, session.id);
    return this.entries(draftId, now);
  }

  /**
   * A cursor move (coalesced) and/or an activity change (at once, unless the session flaps it).
   * NOT_JOINED unless the session joined the draft.
   */
  update(session: PresenceSession, request: PresenceRequest, now: number): void {
    const { draftId } = request;
    if (!session.drafts.has(draftId)) throw new DomainError('NOT_JOINED', 'Join the draft before sending presence');
    const moved =
      request.cursor !== undefined &&
      this.apply(draftId, { type: 'move', sessionId: session.id, cursor: request.cursor, at: now }).length > 0;
    const activity =
      request.activity !== undefined &&
      this.apply(draftId, { type: 'activity', sessionId: session.id, activity: request.activity, at: now }).length > 0;
    if (activity && session.urgentBudget.tryTake(now)) {
      // The entry that goes out now carries the latest cursor too: nothing stays pending.
      this.coalescer.sentNow(draftId, session.id);
      this.publish(draftId, session.id);
    } else if (moved || activity) {
      // A flapping activity is news no more urgent than a cursor: it waits its turn like one.
      this.coalescer.moved(draftId, session.id);
    }
  }

  async leave(session: PresenceSession, draftId: string): Promise<void> {
    session.drafts.delete(draftId);
    this.coalescer.forget(draftId, session.id);
    const changes = this.apply(draftId, { type: 'leave', sessionId: session.id });
    if (changes.length === 0) return;
    this.broadcaster.left(draftId, session.id);
    await this.store.remove(draftId, session.id).catch((error: unknown) => this.storeFailed(error, 'remove'));
  }

  async leaveAll(session: PresenceSession): Promise<void> {
    await Promise.all([...session.drafts].map((draftId) => this.leave(session, draftId)));
    this.connections.delete(session.id);
  }

  /** GET /api/drafts/:id/presence: for anyone who may view the draft. */
  async listFor(user: AuthUser, draftId: string, now: number): Promise<PresenceEntry[]> {
    await this.access.require(user, draftId, 'view');
    return this.entries(draftId, now);
  }

  get stats(): { sessions: number; drafts: number } {
    return { sessions: this.local.sessionCount, drafts: this.local.draftIds().length };
  }

  /** A graceful stop says goodbye for every session here instead of leaving them to time out. */
  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    this.upkeep.stop();
    this.coalescer.close();
    const departures = this.local
      .draftIds()
      .flatMap((draftId) => [...this.local.state(draftId).keys()].map((sessionId) => ({ draftId, sessionId })));
    this.local.clear();
    await Promise.all(
      departures.map(async ({ draftId, sessionId }) => {
        this.broadcaster.left(draftId, sessionId);
        await this.store.remove(draftId, sessionId).catch((error: unknown) => this.storeFailed(error, 'remove'));
      }),
    );
  }

  /** Everyone present: the store's live entries, with this instance's own (fresher) ones on top. */
  private async entries(draftId: string, now: number): Promise<PresenceEntry[]> {
    let stored: PresenceRecord[] = [];
    try {
      stored = await this.store.read(draftId);
    } catch (error) {
      // Without the store we still know our own sessions: a partial list beats a failed join.
      this.storeFailed(error, 'read');
    }
    const everyone = new Map(stored.map((record) => [record.entry.sessionId, record]));
    const alive = reducePresence(everyone, { type: 'expire', now, staleAfterMs: this.timings.staleAfterMs });
    const merged = new Map(alive.state);
    for (const [sessionId, record] of this.local.state(draftId)) merged.set(sessionId, record);
    return presenceEntries(merged);
  }

  private apply(draftId: string, action: PresenceAction): PresenceChange[] {
    const outcome = this.local.apply(draftId, action);
    if (!outcome.ok) throw new DomainError(outcome.error, 'Join the draft before sending presence');
    return outcome.changes;
  }

  /** Stores the session's current entry and tells the draft's other sockets on every instance. */
  private publish(draftId: string, sessionId: string): void {
    const record = this.local.record(draftId, sessionId);
    if (!record) return;
    // Written without waiting: the heartbeat re-writes it anyway, so a failed write heals itself.
    this.store.write(draftId, [record]).catch((error: unknown) => this.storeFailed(error, 'write'));
    this.broadcaster.entry(draftId, record.entry, this.connections.get(sessionId) ?? null);
  }

  private storeFailed(error: unknown, operation: string): void {
    this.options.logger.warn({ err: error, operation }, 'presence store unavailable');
  }
}
