import { Injectable } from '@nestjs/common';
import type { Role } from '#contracts';
import type { UserEntity } from '#persistence';
import { AuthSessions, type SessionEndReason } from './auth-sessions.service.js';
import type { AuthUser } from './auth-user.js';
import type { ClientContext } from './client-context.js';
import { SecurityEventLog, type SecurityEventInput } from './security-event-log.js';

type Actor = AuthUser | 'system';

/** What an admin asked to change (the fields of AccountsService's UpdateUserInput that matter here). */
export interface AccountChange {
  displayName?: string;
  role?: Role;
  password?: string;
  disabled?: boolean;
}

/**
 * What changes to accounts and desks set off once they are stored: their security log entries
 * and, for a change that revokes the user's tokens, the end of every session they have open.
 */
@Injectable()
export class AccountEvents {
  constructor(
    private readonly log: SecurityEventLog,
    private readonly sessions: AuthSessions,
  ) {}

  async userCreated(actor: Actor, user: UserEntity, deskIds: readonly string[], client: ClientContext): Promise<void> {
    await this.record(actor, client, 'user_created', user.id, { email: user.email, role: user.role, deskIds });
  }

  /** `before` is the user as it was; the change was stored with its tokens revoked when `revoked`. */
  async userUpdated(
    actor: Actor,
    before: UserEntity,
    change: AccountChange,
    revoked: boolean,
    client: ClientContext,
  ): Promise<void> {
    const reason = sessionEndReason(change);
    const ended = revoked && reason ? (await this.sessions.endAll(before.id, reason, new Date())).length : 0;
    const subject = before.id;
    if (change.displayName !== undefined && change.displayName !== before.displayName) {
      await this.record(actor, client, 'user_renamed', subject, { from: before.displayName, to: change.displayName });
    }
    if (change.role !== undefined) {
      await this.record(actor, client, 'role_changed', subject, {
        from: before.role,
        to: change.role,
        endedSessions: ended,
      });
    }
    if (change.password !== undefined) {
      await this.record(actor, client, 'password_reset', subject, { endedSessions: ended });
    }
    if (change.disabled === true) {
      await this.record(actor, client, 'user_disabled', subject, { endedSessions: ended });
    } else if (change.disabled === false) {
      await this.record(actor, client, 'user_enabled', subject, {});
    }
  }

  async deskCreated(actor: Actor, desk: { id: string; name: string }, client: ClientContext): Promise<void> {
    await this.record(actor, client, 'desk_created', null, { deskId: desk.id, name: desk.name });
  }

  async memberAdded(actor: Actor, deskId: string, userId: string, client: ClientContext): Promise<void> {
    await this.record(actor, client, 'desk_member_added', userId, { deskId });
  }

  async memberRemoved(actor: Actor, deskId: string, userId: string, client: ClientContext): Promise<void> {
    await this.record(actor, client, 'desk_member_removed', userId, { deskId });
  }

  private record(
    actor: Actor,
    client: ClientContext,
    kind: SecurityEventInput['kind'],
    subjectUserId: string | null,
    details: Record<string, unknown>,
  ): Promise<void> {
    return this.log.record({ kind, actorId: actor === 'system' ? null : actor.id, subjectUserId, client, details });
  }
}

/** Disabling says most about why sessions ended, then a password set by an admin, then a role. */
function sessionEndReason(change: AccountChange): SessionEndReason | null {
  if (change.disabled === true) return 'user_disabled';
  if (change.password !== undefined) return 'password_reset';
  if (change.role !== undefined) return 'role_changed';
  return null;
}
