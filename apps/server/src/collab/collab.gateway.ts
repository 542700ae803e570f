import { Inject } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  type OnGatewayDisconnect,
  type OnGatewayInit,
} from '@nestjs/websockets';
import type { OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import type { AppConfig } from '#config';
import type { Namespace } from 'socket.io';
import type { Ack, JoinResult } from '#contracts';
import { COLLAB_NAMESPACE } from '#contracts';
import { CollabSessionsService } from '#sessions';
import { MetricsService } from '../metrics/metrics.service.js';
import { APP_CONFIG, LOGGER } from '../tokens.js';
import { SlowConsumerGuard } from './slow-consumer-guard.js';
import { toAck } from './ack.js';
import { tokenOf, type CollabSocket } from './collab-socket.js';
import { socketEdge } from './socket-edge.js';
import { parseJoin, parseLeave, parsePresence, parseUpdate } from './socket-payloads.js';

/**
 * The /collab namespace (docs/protocol.md): checks what sockets send and hands it to the sessions
 * service; what a session may do, and in which order, is decided there.
 */
@WebSocketGateway({ namespace: COLLAB_NAMESPACE })
export class CollabGateway
  implements OnGatewayInit<Namespace>, OnGatewayDisconnect<CollabSocket>, OnApplicationShutdown
{
  private slowConsumers: SlowConsumerGuard | null = null;

  constructor(
    private readonly sessions: CollabSessionsService,
    private readonly metrics: MetricsService,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  afterInit(namespace: Namespace): void {
    this.sessions.attach(socketEdge(namespace, this.metrics));
    this.slowConsumers = new SlowConsumerGuard(namespace, this.config.collab.maxOutboundBytes, (socket, backlog) => {
      this.metrics.slowConsumersCut.inc();
      this.logger.warn(
        { socketId: socket.id, backlogBytes: backlog },
        'a connection fell too far behind its drafts: cut off, it re-joins with its state vector',
      );
    });
    this.slowConsumers.start();
    // Nothing reaches a handler before the sessions service has vouched for the token.
    namespace.use((socket, next) => {
      this.sessions.open(socket.id, tokenOf(socket), Date.now()).then((opened) => {
        if (typeof opened === 'string') return next(new Error(opened));
        (socket as CollabSocket).data.session = opened;
        // Closed while its token was checked: no disconnect event will come to free its place.
        if (socket.conn.readyState !== 'open') return this.sessions.close(opened);
        next();
      }, next);
    });
  }

  onApplicationShutdown(): void {
    this.slowConsumers?.stop();
  }

  handleDisconnect(socket: CollabSocket): void {
    if (socket.data.session) this.sessions.close(socket.data.session);
  }

  @SubscribeMessage('join')
  join(@ConnectedSocket() socket: CollabSocket, @MessageBody() payload: unknown): Promise<Ack<JoinResult>> {
    return toAck(this.logger, () => this.sessions.join(socket.data.session, parseJoin(payload), Date.now()));
  }

  @SubscribeMessage('update')
  async update(@ConnectedSocket() socket: CollabSocket, @MessageBody() payload: unknown): Promise<Ack> {
    const stopTimer = this.metrics.collabUpdates.startTimer();
    // Once stored, the others get it on the next turn (the fan-out extension): the ack goes first.
    const ack = await toAck(this.logger, async () => {
      await this.sessions.submit(socket.data.session, parseUpdate(payload), Date.now());
      return {};
    });
    stopTimer({ outcome: ack.ok ? 'ok' : ack.error.code });
    return ack;
  }

  @SubscribeMessage('presence')
  presence(@ConnectedSocket() socket: CollabSocket, @MessageBody() payload: unknown): Promise<Ack> {
    return toAck(this.logger, async () => {
      this.sessions.setPresence(socket.data.session, parsePresence(payload), Date.now());
      return {};
    });
  }

  @SubscribeMessage('leave')
  leave(@ConnectedSocket() socket: CollabSocket, @MessageBody() payload: unknown): Promise<Ack> {
    return toAck(this.logger, async () => {
      await this.sessions.leave(socket.data.session, parseLeave(payload).draftId);
      return {};
    });
  }
}
