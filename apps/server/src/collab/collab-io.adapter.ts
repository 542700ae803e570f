import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { MessageMappingProperties } from '@nestjs/websockets';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Redis } from 'ioredis';
import type { Observable } from 'rxjs';
import type { Server, ServerOptions, Socket } from 'socket.io';
import { coalesceWrites } from './write-coalescing.js';

export interface CollabIoOptions {
  /** Largest socket.io message; anything bigger closes the connection before it is parsed. */
  maxMessageBytes: number;
  /**
   * Transport heartbeat: a client that stops answering pings is disconnected after about
   * interval + timeout, and so leaves presence within PRESENCE_TIMEOUT_MS.
   */
  pingIntervalMs: number;
  pingTimeoutMs: number;
  /** With Redis, room broadcasts reach sockets on every instance. */
  redis: { pub: Redis; sub: Redis } | null;
}

export class CollabIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly options: CollabIoOptions,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server: Server = super.createIOServer(port, {
      ...(options as ServerOptions),
      maxHttpBufferSize: this.options.maxMessageBytes,
      pingInterval: this.options.pingIntervalMs,
      pingTimeout: this.options.pingTimeoutMs,
      // Tokens travel in the handshake, not cookies, so any origin may connect.
      cors: { origin: true, credentials: false },
    });
    if (this.options.redis) server.adapter(createAdapter(this.options.redis.pub, this.options.redis.sub));
    coalesceWrites(server);
    return server;
  }

  /**
   * A plain listener per message, where NestJS builds an rxjs pipeline per socket and message
   * (fromEvent, mergeMap, takeUntil and a shared disconnect stream: ~19 KB of heap a socket). Same
   * behaviour: each event runs its handler; a result is acked, or emitted when it names an event;
   * an error is logged; nothing is sent once the socket has gone.
   */
  override bindMessageHandlers(
    socket: Socket,
    handlers: MessageMappingProperties[],
    transform: (data: unknown) => Observable<unknown>,
  ): void {
    for (const { message, callback, isAckHandledManually } of handlers) {
      socket.on(message, (...args: unknown[]) => {
        const { data, ack } = this.mapPayload(args.length > 1 ? args : args[0]);
        let results: Observable<unknown>;
        try {
          results = transform(callback(data, ack));
        } catch (error) {
          this.logger.error(error);
          return;
        }
        results.subscribe({
          next: (response) => {
            if (response === undefined || response === null || !socket.connected) return;
            const named = response as { event?: string; data?: unknown };
            if (named.event) {
              socket.emit(named.event, named.data);
              return;
            }
            if (!isAckHandledManually && typeof ack === 'function') ack(response);
          },
          error: (error: unknown) => this.logger.error(error),
        });
      });
    }
  }
}
