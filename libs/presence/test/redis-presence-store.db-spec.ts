import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { RedisPresenceStore } from '#presence';
import { describeWithServices } from '../../../test/support/services.js';
import { record, storeContract } from './presence-store.contract.js';

/** The PresenceStore contract on a real Redis (REDIS_URL), and what only the Redis store does. */
describeWithServices(['redis'], 'RedisPresenceStore', () => {
  let redis: Redis;
  beforeAll(() => {
    redis = new Redis(process.env.REDIS_URL!);
  });
  afterAll(async () => {
    await redis.quit();
  });

  storeContract(() => new RedisPresenceStore(redis, 60_000));

  it('skips what does not look like a record, and lets a draft whose owners are all gone expire', async () => {
    const store = new RedisPresenceStore(redis, 60_000);
    const draftId = randomUUID();
    await store.write(draftId, [record('a', 1)]);
    await redis.hset(`copydesk:presence:${draftId}`, 'junk', 'not json', 'other', '{"seenAt":"x"}');
    expect((await store.read(draftId)).map((r) => r.entry.sessionId)).toEqual(['a']);
    const ttl = await redis.pttl(`copydesk:presence:${draftId}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
    await redis.del(`copydesk:presence:${draftId}`);
  });
});
