import { describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { addressKey, LoginThrottle } from '#auth';
import { freshKeys, TEST_BACKOFF, throttleContract } from './login-throttle.contract.js';

describe('LoginThrottle in memory', () => {
  throttleContract(() => LoginThrottle.inMemory(TEST_BACKOFF));
});

describe('LoginThrottle on a Redis that cannot be reached', () => {
  it('keeps throttling in its own memory, and sign-in keeps working', async () => {
    // Nothing listens on port 1; without an offline queue every command fails at once.
    const redis = new Redis('redis://127.0.0.1:1', { lazyConnect: true, enableOfflineQueue: false });
    const throttle = LoginThrottle.onRedis(redis, TEST_BACKOFF);
    const keys = freshKeys();
    for (let n = 0; n < TEST_BACKOFF.pair.freeFailures; n++) await throttle.begin(keys);
    await expect(throttle.begin(keys)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    const other = await throttle.begin(freshKeys());
    await other.succeeded();
    redis.disconnect();
  });
});

describe('addressKey', () => {
  it('takes an IPv4 address as it is, also when it comes IPv4-mapped', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('takes an IPv6 address by its /64, however it is written', () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8:1:3::1')).not.toBe(addressKey('2001:db8:1:2::1'));
  });

  it('puts whatever is no address in one bucket', () => {
    expect(addressKey('')).toBe('unknown');
    expect(addressKey('proxy.internal')).toBe('unknown');
  });
});
