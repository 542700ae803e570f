import type { Logger } from 'pino';
import type { Namespace } from 'socket.io';
import type { AccessChanges, AuthService, AuthUser } from '#auth';
import { isDomainError } from '#domain';
import type { LiveEditingService } from '#drafts';
import type { PresenceService } from '#presence';
import { tokenOf, type CollabSocket } from './collab-socket.js';
import { roomOf } from './rooms.js';

/** Instances tell each other (socket.io server-side events, over Redis) whose rights changed. */
const ACCESS_CHANGED = 'access-changed';

/**
 * Decides again what open sockets may do when users' rights change (desks, role, account, a
 * draft's authors), on this instance and, through the adapter, on every other: a revoked token's
 * sockets are disconnected, drafts no longer visible are left, lowered access takes effect at once.
 */
export class SessionAccessWatch {
  constructor(
    private readonly namespace: Namespace,
    private readonly auth: AuthService,
    private readonly editing: LiveEditingService,
    private readonly presence: PresenceService,
    private readonly logger: Logger,
  ) {}

  /** `acrossInstances`: there is a Redis adapter to tell the other instances through. */
  start(changes: AccessChanges, acrossInstances: boolean): void {
    changes.listen((userIds) => {
      void this.recheckUsers(userIds);
      if (acrossInstances) this.namespace.serverSideEmit(ACCESS_CHANGED, userIds);
    });
    this.namespace.on(ACCESS_CHANGED, (userIds: unknown) => {
      if (Array.isArray(userIds)) void this.recheckUsers(userIds.filter((id) => typeof id === 'string'));
    });
  }

  private async recheckUsers(userIds: string[]): Promise<void> {
    const affected = new Set(userIds);
    const sockets = [...this.namespace.sockets.values()] as CollabSocket[];
    for (const socket of sockets) {
      if (!socket.data.session || !affected.has(socket.data.session.user.id)) continue;
      await this.recheckSocket(socket).catch((error: unknown) =>
        this.logger.warn({ err: error, userId: socket.data.session.user.id }, 'rechecking a session’s access failed'),
      );
    }
  }

  private async recheckSocket(socket: CollabSocket): Promise<void> {
    let user: AuthUser;
    try {
      user = await this.auth.authenticate(tokenOf(socket));
    } catch (error) {
      // Disabled, new password or role, expired: its reconnect will be refused `unauthorized`.
      if (isDomainError(error) && error.code === 'UNAUTHORIZED') socket.disconnect(true);
      else throw error;
      return;
    }
    for (const draftId of await this.editing.refreshAccess(socket.data.session, user)) {
      // Announced while the socket is still in the room: its own `presence:leave` tells the client
      // it was taken out (the SDK re-joins at once and learns NOT_FOUND).
      await this.presence.leave(socket.data.presence, draftId);
      await socket.leave(roomOf(draftId));
    }
  }
}
