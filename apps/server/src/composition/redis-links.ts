import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { LocalRelay, RedisRelay, type DocumentRelay } from '#collab';

/**
 * The Redis connections live editing needs: the socket.io adapter's and the document relay's
 * subscribers each need a connection of their own; publishing shares the main one.
 */
export interface RedisLinks {
  relay: DocumentRelay;
  adapter: { pub: Redis; sub: Redis } | null;
  close(): Promise<void>;
}

export function openRedisLinks(redis: Redis | null): RedisLinks {
  if (!redis) return { relay: new LocalRelay(), adapter: null, close: async () => undefined };
  const adapterSub = redis.duplicate();
  const relaySub = redis.duplicate();
  const relay = new RedisRelay(redis, relaySub);
  return {
    relay,
    adapter: { pub: redis, sub: adapterSub },
    close: async () => {
      await relay.close();
      await Promise.allSettled([adapterSub.quit(), relaySub.quit()]);
    },
  };
}

export const REDIS_LINKS = Symbol('REDIS_LINKS');

/** Closes the links last, after live documents have finished with the relay. */
@Injectable()
export class RedisLinksLifecycle implements OnApplicationShutdown {
  constructor(@Inject(REDIS_LINKS) private readonly links: RedisLinks) {}

  async onApplicationShutdown(): Promise<void> {
    await this.links.close();
  }
}
