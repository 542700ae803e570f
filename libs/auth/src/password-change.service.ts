import { Injectable } from '@nestjs/common';
import type { ChangePasswordRequest } from '#contracts';
import { checkNewPassword, DomainError, invalidField } from '#domain';
import { UsersRepository } from '#persistence';
import { AuthSessions } from './auth-sessions.service.js';
import type { AuthSession, AuthUser } from './auth-user.js';
import type { ClientContext } from './client-context.js';
import { PasswordHasher } from './password-hasher.js';
import { SecurityEventLog } from './security-event-log.js';

/**
 * A user changing their own password (`POST /api/auth/password`): the current one first, then
 * the policy, then every other session ends. The token version is left alone, so the session
 * that asked stays signed in; the others end by their session rows, on every instance at once.
 */
@Injectable()
export class PasswordChangeService {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly sessions: AuthSessions,
    private readonly events: SecurityEventLog,
  ) {}

  async change(
    user: AuthUser,
    current: AuthSession,
    request: ChangePasswordRequest,
    client: ClientContext,
    now: Date,
  ): Promise<void> {
    const account = await this.users.findById(user.id);
    if (!account) throw new DomainError('UNAUTHORIZED', 'The access token is invalid or has expired');
    if (!(await this.hasher.verify(account.passwordHash, request.currentPassword))) {
      await this.events.record({ kind: 'password_change_failed', actorId: user.id, subjectUserId: user.id, client });
      // 400, not 401: the token is fine, and a client that signs out on 401 must not on a typo.
      throw invalidField('currentPassword', 'is not your current password');
    }
    await checkNewPassword(
      request.newPassword,
      { email: account.email, displayName: account.displayName },
      'newPassword',
    );
    await this.users.update(user.id, { passwordHash: await this.hasher.hash(request.newPassword) }, false);
    const ended = await this.sessions.endAll(user.id, 'password_changed', now, current.id);
    await this.events.record({
      kind: 'password_changed',
      actorId: user.id,
      subjectUserId: user.id,
      client,
      details: { endedSessions: ended.length },
    });
  }
}
