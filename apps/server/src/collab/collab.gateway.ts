import { Inject } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  type OnGatewayDisconnect,
  type OnGatewayInit,
} from '@nestjs/websockets';
import type { Logger } from 'pino';
import type { Namespace, Socket } from 'socket.io';
import type { Ack, ClientToServerEvents, JoinResult, ServerToClientEvents } from '#contracts';
import { COLLAB_NAMESPACE } from '#contracts';
import type { AppConfig } from '#config';
import { AccessChanges, AuthService, type AuthUser } from '#auth';
import { FanoutBatcher } from '#collab';
import { DomainError, isDomainError } from '#domain';
import { LiveEditingService, type EditingSession } from '#drafts';
import { PresenceService, type PresenceSession } from '#presence';
import { MetricsService } from '../metrics/metrics.service.js';
import { APP_CONFIG, LOGGER } from '../tokens.js';
import { toAck } from './ack.js';
import { emitDeliveries } from './update-deliveries.js';
import { RoomPresenceBroadcaster } from './room-presence-broadcaster.js';
import { roomOf } from './rooms.js';
import { parseJoin, parseLeave, parsePresence, parseUpdate } from './socket-payloads.js';

interface SocketData {
  session: EditingSession;
  presence: PresenceSession;
}

type CollabSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** Instances tell each other (socket.io server-side events) whose rights changed. */
const ACCESS_CHANGED = 'access-changed';

const tokenOf = (socket: Socket): string | undefined => {
  const token: unknown = socket.handshake.auth?.token;
  return typeof token === 'string' ? token : undefined;
};

/** The /collab namespace (PROTOCOL.md): authenticates the handshake, then joins, updates, presence and leaves. */
@WebSocketGateway({ namespace: COLLAB_NAMESPACE })
export class CollabGateway implements OnGatewayInit<Namespace>, OnGatewayDisconnect<CollabSocket> {
  private readonly connectionsPerUser = new Map<string, number>();
  private fanout!: FanoutBatcher;

  constructor(
    private readonly auth: AuthService,
    private readonly editing: LiveEditingService,
    private readonly presence: PresenceService,
    private readonly accessChanges: AccessChanges,
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  afterInit(namespace: Namespace): void {
    this.fanout = new FanoutBatcher(
      (draftId, deliveries, updates) => {
        emitDeliveries(namespace, draftId, deliveries);
        this.metrics.fanoutUpdates.inc(updates);
        for (const delivery of deliveries) this.metrics.fanoutEmits.inc({ to: delivery.to });
      },
      (error, draftId) => this.logger.error({ err: error, draftId }, 'sending stored updates failed'),
    );
    this.editing.useFanout((draftId, update) => this.fanout.add(draftId, update));
    // Rights changed through this instance: check its sessions, and have the others check theirs.
    this.accessChanges.listen((userIds) => {
      void this.recheckAccess(namespace, userIds);
      if (this.config.redis.url) namespace.serverSideEmit(ACCESS_CHANGED, userIds);
    });
    namespace.on(ACCESS_CHANGED, (userIds: unknown) => {
      if (Array.isArray(userIds))
        void this.recheckAccess(
          namespace,
          userIds.filter((id) => typeof id === 'string'),
        );
    });
    this.presence.useBroadcaster(
      new RoomPresenceBroadcaster(namespace, (kind) => this.metrics.presenceBroadcasts.inc({ kind })),
    );
    // Nothing reaches a handler before this has vouched for the token.
    namespace.use((socket, next) => {
      this.auth
        .authenticate(tokenOf(socket))
        .then((user) => {
          const open = this.connectionsPerUser.get(user.id) ?? 0;
          if (open >= this.config.collab.maxConnectionsPerUser) return next(new Error('too_many_connections'));
          this.connectionsPerUser.set(user.id, open + 1);
          const data = (socket as CollabSocket).data;
          data.session = this.editing.openSession(socket.id, user, Date.now());
          data.presence = this.presence.openSession(socket.id, user, Date.now());
          next();
        })
        .catch(() => next(new Error('unauthorized')));
    });
  }

  handleDisconnect(socket: CollabSocket): void {
    const { session, presence } = socket.data;
    if (!session) return;
    this.editing.leaveAll(session);
    // Not awaited: the store write is best effort (the sweep covers a failure), the broadcast already went out.
    void this.presence.leaveAll(presence);
    const open = (this.connectionsPerUser.get(session.user.id) ?? 1) - 1;
    if (open > 0) this.connectionsPerUser.set(session.user.id, open);
    else this.connectionsPerUser.delete(session.user.id);
  }

  /** This instance's sessions of these users, decided again: revoked tokens are disconnected, lost drafts left. */
  private async recheckAccess(namespace: Namespace, userIds: string[]): Promise<void> {
    const affected = new Set(userIds);
    const sockets = [...namespace.sockets.values()] as CollabSocket[];
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
      // Disabled, new password or role, expired: the reconnect will be refused `unauthorized`.
      if (isDomainError(error) && error.code === 'UNAUTHORIZED') socket.disconnect(true);
      else throw error;
      return;
    }
    for (const draftId of await this.editing.refreshAccess(socket.data.session, user)) {
      await socket.leave(roomOf(draftId));
      await this.presence.leave(socket.data.presence, draftId);
    }
  }

  @SubscribeMessage('join')
  join(@ConnectedSocket() socket: CollabSocket, @MessageBody() payload: unknown): Promise<Ack<JoinResult>> {
    return toAck(this.logger, async () => {
      const request = parseJoin(payload);
      const outcome = await this.editing.join(socket.data.session, request.draftId, request.stateVector);
      await socket.join(roomOf(request.draftId));
      // Gone while the document loaded: an entry now would outlive the socket.
      if (socket.disconnected) throw new DomainError('UNAVAILABLE', 'The connection closed while joining');
      const presence = await this.presence.join(socket.data.presence, request.draftId, Date.now());
      return { ...outcome, sessionId: socket.data.presence.id, presence };
    });
  }

  @SubscribeMessage('update')
  update(@ConnectedSocket() socket: CollabSocket, @MessageBody() payload: unknown): Promise<Ack> {
    const stopTimer = this.metrics.collabUpdates.startTimer();
    const ack = toAck(this.logger, async () => {
      const request = parseUpdate(payload);
      // Once stored, the others get it on the next turn (see useFanout): the ack goes first.
      await this.editing.submit(socket.data.session, request.draftId, request.update, Date.now());
      return {};
    });
    return ack.then((result) => {
      stopTimer({ outcome: result.ok ? 'ok' : result.error.code });
      return result;
    });
  }

  @SubscribeMessage('presence')
  setPresence(@ConnectedSocket() socket: CollabSocket, @MessageBody() payload: unknown): Promise<Ack> {
    return toAck(this.logger, async () => {
      this.presence.update(socket.data.presence, parsePresence(payload), Date.now());
      return {};
    });
  }

  @SubscribeMessage('leave')
  leave(@ConnectedSocket() socket: CollabSocket, @MessageBody() payload: unknown): Promise<Ack> {
    return toAck(this.logger, async () => {
      const { draftId } = parseLeave(payload);
      if (!this.editing.leave(socket.data.session, draftId)) {
        throw new DomainError('NOT_JOINED', 'You have not joined this draft');
      }
      await socket.leave(roomOf(draftId));
      await this.presence.leave(socket.data.presence, draftId);
      return {};
    });
  }
}
