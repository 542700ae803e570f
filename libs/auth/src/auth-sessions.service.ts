import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { AuthSessionView } from '#contracts';
import { DomainError } from '#domain';
import { AuthSessionsRepository, type AuthSessionRecord, type SignInRecord } from '#persistence';
import { AccessChanges } from './access-changes.js';
import type { AuthSession, AuthUser } from './auth-user.js';
import type { ClientContext } from './client-context.js';
import { SecurityEventLog } from './security-event-log.js';
import { TokenService, type AccessTokenClaims } from './token.service.js';

/** Who a live sign-in speaks for: what was read for it, the session already checked. */
export type SignedIn = Omit<SignInRecord, 'session'>;

/** `last_seen_at` moves at most this often: a write a minute per session, not one per request. */
const TOUCH_EVERY_MS = 60_000;

/**
 * Why a session ended (auth_sessions.revoked_reason): signed out, revoked from the list, ended
 * by a password change, or by an admin disabling the account, setting a password or a role.
 */
export type SessionEndReason =
  'logout' | 'revoked' | 'password_changed' | 'password_reset' | 'role_changed' | 'user_disabled';

/**
 * Sign-in sessions (docs/security.md, Sessions): a login starts one and its token names it; every
 * authenticated request and socket handshake checks it is live, so ending it takes effect at once.
 * Ending sessions announces an access change, which closes their sockets on every instance.
 */
@Injectable()
export class AuthSessions {
  constructor(
    private readonly sessions: AuthSessionsRepository,
    private readonly tokens: TokenService,
    private readonly events: SecurityEventLog,
    private readonly accessChanges: AccessChanges,
  ) {}

  /** A new session for a user who has just proved who they are, and the access token that carries it. */
  async start(
    user: { id: string; tokenVersion: number },
    client: ClientContext,
  ): Promise<{ token: string; session: AuthSession }> {
    const id = randomUUID();
    // Signed first: the session expires with the token, whose `exp` the signer sets.
    const { token, expiresAt } = await this.tokens.issue(user.id, user.tokenVersion, id);
    await this.sessions.insert({
      id,
      userId: user.id,
      userAgent: client.userAgent,
      clientAddress: client.address,
      expiresAt,
    });
    return { token, session: { id, expiresAt } };
  }

  /**
   * The user and desks a token's claims speak for, read in one round trip: null unless the user
   * exists and is enabled, the token carries their current token version, and the session it
   * names is theirs and live at `now` (neither revoked nor expired). Notes that the session was seen.
   */
  async signedIn(claims: Pick<AccessTokenClaims, 'sub' | 'sid' | 'tv'>, now: Date): Promise<SignedIn | null> {
    const found = await this.sessions.readSignIn(claims.sub, claims.sid);
    if (!found || found.user.disabledAt || found.user.tokenVersion !== claims.tv) return null;
    const { session } = found;
    if (!session || session.revokedAt || session.expiresAt <= now) return null;
    if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
      await this.sessions.touch(session.id, now, new Date(now.getTime() - TOUCH_EVERY_MS));
    }
    return { user: found.user, deskIds: found.deskIds };
  }

  /** The user's live sessions, newest first, the one asking marked `current`. */
  async list(user: AuthUser, current: AuthSession, now: Date): Promise<AuthSessionView[]> {
    return (await this.sessions.live(user.id, now)).map((session) => toView(session, current.id));
  }

  /** Ends the session the request came with (`POST /api/auth/logout`). */
  async logout(user: AuthUser, current: AuthSession, client: ClientContext, now: Date): Promise<void> {
    await this.sessions.revoke(user.id, current.id, 'logout', now);
    await this.events.record({
      kind: 'logout',
      actorId: user.id,
      subjectUserId: user.id,
      client,
      details: { sessionId: current.id },
    });
    this.accessChanges.notify([user.id]);
  }

  /** Ends one of the user's own live sessions; anyone else's, or one already ended, is NOT_FOUND. */
  async revoke(
    user: AuthUser,
    sessionId: string,
    current: AuthSession,
    client: ClientContext,
    now: Date,
  ): Promise<void> {
    if (!(await this.sessions.revoke(user.id, sessionId, 'revoked', now))) {
      throw new DomainError('NOT_FOUND', 'No such session');
    }
    await this.events.record({
      kind: 'session_revoked',
      actorId: user.id,
      subjectUserId: user.id,
      client,
      details: { sessionId, current: sessionId === current.id },
    });
    this.accessChanges.notify([user.id]);
  }

  /** Ends every live session of the user but `exceptId`; resolves with the ids ended. */
  async endAll(userId: string, reason: SessionEndReason, now: Date, exceptId: string | null = null): Promise<string[]> {
    const ended = await this.sessions.revokeAll(userId, reason, now, exceptId);
    if (ended.length > 0) this.accessChanges.notify([userId]);
    return ended;
  }
}

function toView(session: AuthSessionRecord, currentId: string): AuthSessionView {
  return {
    id: session.id,
    current: session.id === currentId,
    userAgent: session.userAgent,
    clientAddress: session.clientAddress,
    createdAt: session.createdAt.toISOString(),
    lastSeenAt: session.lastSeenAt.toISOString(),
    expiresAt: session.expiresAt.toISOString(),
  };
}
