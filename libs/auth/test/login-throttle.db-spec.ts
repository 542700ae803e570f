import { once } from 'node:events';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { LoginThrottle } from '#auth';
import { describeWithServices } from '../../../test/support/services.js';
import { freshKeys, TEST_BACKOFF, throttleContract } from './login-throttle.contract.js';

/** The LoginThrottle contract on a real Redis (REDIS_URL), and what only sharing it does. */
describeWithServices(['redis'], 'LoginThrottle on Redis', () => {
  let redis: Redis;
  let other: Redis;
  beforeAll(async () => {
    redis = new Redis(process.env.REDIS_URL!);
    other = new Redis(process.env.REDIS_URL!);
    // Until a connection is ready the throttle counts in memory (as it does in an outage).
    await Promise.all([redis, other].map((client) => client.status === 'ready' || once(client, 'ready')));
  });
  afterAll(async () => {
    await Promise.all([redis.quit(), other.quit()]);
  });

  throttleContract(() => LoginThrottle.onRedis(redis, TEST_BACKOFF));

  it('counts for every instance: attempts spread over two connections share one budget', async () => {
    const first = LoginThrottle.onRedis(redis, TEST_BACKOFF);
    const second = LoginThrottle.onRedis(other, TEST_BACKOFF);
    const keys = freshKeys();
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        (n % 2 === 0 ? first : second).begin(keys).then(
          () => 'checked',
          () => 'refused',
        ),
      ),
    );
    expect(outcomes.filter((outcome) => outcome === 'checked')).toHaveLength(TEST_BACKOFF.pair.freeFailures);
  });
});
