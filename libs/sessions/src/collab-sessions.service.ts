import { Inject, Injectable } from '@nestjs/common';
import type { JoinRequest, JoinResult, PresenceRequest, UpdateRequest } from '#contracts';
import { AccessChanges, AuthService, type Authenticated } from '#auth';
import { DomainError, isDomainError } from '#domain';
import { LiveEditingService } from '#drafts';
import { PresenceService } from '#presence';
import { DraftClaimsService } from '#claims';
import { ReviewsService } from '#reviews';
import { AccessRecheck } from './access-recheck.js';
import type { CollabSession, HandshakeRefusal } from './collab-session.js';
import { ConnectionCounter } from './connection-counter.js';
import { ExpiryTimers } from './expiry-timers.js';
import type { SocketEdge } from './session-edge.js';
import { SESSIONS_OPTIONS, type SessionsOptions } from './sessions.options.js';

/**
 * The socket sessions of this instance, whatever carries them: open, join, update, presence,
 * leave, close, and what rights changes do to them. Its invariant is the order: editing access
 * is decided before presence shows anyone in a draft, and taken away before presence lets go.
 */
@Injectable()
export class CollabSessionsService {
  private readonly sessions = new Map<string, CollabSession>();
  private readonly connectionsPerUser: ConnectionCounter;
  private readonly expiry = new ExpiryTimers();
  private edge: SocketEdge | null = null;
  private recheck: AccessRecheck | null = null;

  constructor(
    private readonly auth: AuthService,
    private readonly editing: LiveEditingService,
    private readonly presence: PresenceService,
    private readonly claims: DraftClaimsService,
    private readonly reviews: ReviewsService,
    private readonly accessChanges: AccessChanges,
    @Inject(SESSIONS_OPTIONS) private readonly options: SessionsOptions,
  ) {
    this.connectionsPerUser = new ConnectionCounter(options.maxConnectionsPerUser);
  }

  /** Connects the socket edge: its rooms, connections, and the ports updates and presence leave by. */
  attach(edge: SocketEdge): void {
    this.edge = edge;
    this.editing.deliverUpdatesTo(edge.updates);
    this.presence.useBroadcaster(edge.presence);
    this.claims.useEvents(edge.claims);
    this.reviews.useEvents(edge.review);
    this.recheck = new AccessRecheck(this.auth, this.editing, this.presence, edge.rooms, edge.connections);
    this.accessChanges.listen((userIds) => {
      void this.recheckUsers(userIds);
      if (this.options.acrossInstances) edge.peers.tell(userIds);
    });
    edge.peers.listen((userIds) => void this.recheckUsers(userIds));
  }

  /** A new connection presenting `token`: its session, or why it is refused. */
  async open(connectionId: string, token: string | undefined, now: number): Promise<CollabSession | HandshakeRefusal> {
    let signedIn: Authenticated;
    try {
      signedIn = await this.auth.authenticateSession(token);
    } catch (error) {
      return isDomainError(error) && error.code === 'UNAVAILABLE' ? 'unavailable' : 'unauthorized';
    }
    const { user } = signedIn;
    if (!this.connectionsPerUser.tryOpen(user.id)) return 'too_many_connections';
    const session: CollabSession = {
      id: connectionId,
      token,
      expiresAt: signedIn.session.expiresAt.getTime(),
      editing: this.editing.openSession(connectionId, user, now),
      presence: this.presence.openSession(connectionId, user, now),
    };
    this.sessions.set(connectionId, session);
    // A socket makes no request that would notice its token expiring: a timer does.
    this.expiry.arm(connectionId, session.expiresAt, () => this.edge?.connections.end(connectionId, 'SESSION_EXPIRED'));
    return session;
  }

  /**
   * Joins (or resyncs): editing access first, then the room, then the claims (read once in the
   * room, so no change between the two is missed), then presence.
   */
  async join(session: CollabSession, request: JoinRequest, now: number): Promise<JoinResult> {
    const { deskId, ...outcome } = await this.editing.join(session.editing, request.draftId, now, request.stateVector);
    const edge = this.requireEdge();
    await edge.rooms.join(session.id, request.draftId);
    const claims = await this.claims.forJoin(request.draftId, deskId);
    // Gone while the document loaded: a presence entry now would outlive the connection.
    if (!edge.connections.isOpen(session.id)) {
      throw new DomainError('UNAVAILABLE', 'The connection closed while joining');
    }
    const presence = await this.presence.join(session.presence, request.draftId, now);
    return { ...outcome, sessionId: session.presence.id, presence, claims };
  }

  /**
   * Resolves once the update is durably stored (the ack goes then, never before). A LOCKED
   * refusal is preceded, on the same connection, by the review status that locked the body: the
   * room's `review` event may still be on its way from another instance.
   */
  async submit(session: CollabSession, request: UpdateRequest, now: number): Promise<void> {
    try {
      await this.editing.submit(session.editing, request.draftId, request.update, now);
    } catch (error) {
      if (isDomainError(error) && error.code === 'LOCKED') {
        const status = await this.reviews.currentStatus(request.draftId).catch(() => null);
        if (status) this.requireEdge().connections.tellReview(session.id, status);
      }
      throw error;
    }
  }

  setPresence(session: CollabSession, request: PresenceRequest, now: number): void {
    this.presence.update(session.presence, request, now);
  }

  async leave(session: CollabSession, draftId: string): Promise<void> {
    if (!this.editing.leave(session.editing, draftId)) {
      throw new DomainError('NOT_JOINED', 'You have not joined this draft');
    }
    await this.requireEdge().rooms.leave(session.id, draftId);
    await this.presence.leave(session.presence, draftId);
  }

  /** The connection closed: leave every draft and free its place in the user's count. */
  close(session: CollabSession): void {
    if (this.sessions.get(session.id) !== session) return;
    this.sessions.delete(session.id);
    this.expiry.clear(session.id);
    this.editing.leaveAll(session.editing);
    // Not awaited: the store write is best effort (the sweep covers a failure), the broadcast already went out.
    void this.presence.leaveAll(session.presence);
    this.connectionsPerUser.close(session.editing.user.id);
  }

  private async recheckUsers(userIds: string[]): Promise<void> {
    const affected = new Set(userIds);
    const sessions = [...this.sessions.values()].filter((session) => affected.has(session.editing.user.id));
    for (const session of sessions) {
      await this.recheck?.recheck(session).catch((error: unknown) => {
        this.options.logger.warn(
          { err: error, userId: session.editing.user.id },
          'rechecking a session’s access failed',
        );
      });
    }
  }

  private requireEdge(): SocketEdge {
    if (!this.edge) throw new DomainError('UNAVAILABLE', 'The server is starting');
    return this.edge;
  }
}
