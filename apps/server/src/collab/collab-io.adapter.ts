import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Redis } from 'ioredis';
import type { Server, ServerOptions } from 'socket.io';

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
    return server;
  }
}
