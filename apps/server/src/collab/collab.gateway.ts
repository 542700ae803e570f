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
import type { Namespace } from 'socket.io';
import type { Ack, JoinResult } from '#contracts';
import { COLLAB_NAMESPACE } from '#contracts';
import type { AppConfig } from '#config';
import { AccessChanges, AuthService } from '#auth';
import { FanoutBatcher } from '#collab';
import { DomainError } from '#domain';
import { LiveEditingService } from '#drafts';
import { PresenceService } from '#presence';
import { MetricsService } from '../metrics/metrics.service.js';
import { APP_CONFIG, LOGGER } from '../tokens.js';
import { toAck } from './ack.js';
import { tokenOf, type CollabSocket } from './collab-socket.js';
import { emitDeliveries } from './update-deliveries.js';
import { RoomPresenceBroadcaster } from './room-presence-broadcaster.js';
import { roomOf } from './rooms.js';
import { SessionAccessWatch } from './session-access-watch.js';
import { parseJoin, parseLeave, parsePresence, parseUpdate } from './socket-payloads.js';

/** The /collab namespace (README, socket protocol): authenticates the handshake, then joins, updates, presence and leaves. */
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
    this.metrics.trackDocuments(() => this.editing.health);
    new SessionAccessWatch(namespace, this.auth, this.editing, this.presence, this.logger).start(
      this.accessChanges,
      this.config.redis.url !== null,
    );
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

  @SubscribeMessage('join')
  join(@ConnectedSocket() socket: CollabSocket, @MessageBody() payload: unknown): Promise<Ack<JoinResult>> {
    return toAck(this.logger, async () => {
      const request = parseJoin(payload);
      const outcome = await this.editing.join(socket.data.session, request.draftId, Date.now(), request.stateVector);
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
