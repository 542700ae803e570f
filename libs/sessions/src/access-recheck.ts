import type { AuthService, AuthUser } from '#auth';
import { isDomainError } from '#domain';
import type { LiveEditingService } from '#drafts';
import type { PresenceService } from '#presence';
import type { CollabSession } from './collab-session.js';
import type { SessionConnections, SessionRooms } from './session-edge.js';

/**
 * What open sessions may do once their users' rights change (desks, role, account, a draft's
 * authors, a sign-in session ended): a token that no longer holds closes the connection, which
 * is told why first (`session`); a draft no longer visible is left, editing first and then
 * presence (its own `presence:leave`, the last thing it hears there, tells it); changed access
 * takes effect at once and the connection is told (`access`).
 */
export class AccessRecheck {
  constructor(
    private readonly auth: Pick<AuthService, 'authenticate'>,
    private readonly editing: Pick<LiveEditingService, 'refreshAccess'>,
    private readonly presence: Pick<PresenceService, 'leave'>,
    private readonly rooms: SessionRooms,
    private readonly connections: SessionConnections,
  ) {}

  async recheck(session: CollabSession, now = Date.now()): Promise<void> {
    let user: AuthUser;
    try {
      user = await this.auth.authenticate(session.token);
    } catch (error) {
      // Signed out, revoked, disabled, new password or role, expired: its reconnect will be refused `unauthorized`.
      if (!isDomainError(error) || error.code !== 'UNAUTHORIZED') throw error;
      this.connections.end(session.id, now >= session.expiresAt ? 'SESSION_EXPIRED' : 'SESSION_REVOKED');
      return;
    }
    const { lost, changed } = await this.editing.refreshAccess(session.editing, user);
    for (const [draftId, access] of changed) this.connections.tellAccess(session.id, draftId, access);
    for (const draftId of lost) {
      // Announced while the connection is still in the room: its own leave is how it learns.
      await this.presence.leave(session.presence, draftId);
      await this.rooms.leave(session.id, draftId);
    }
  }
}
