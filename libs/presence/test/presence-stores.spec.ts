import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import type { PresenceEntry } from '#contracts';
import type { PresenceRecord } from '#domain';
import { MemoryPresenceStore, RedisPresenceStore, type PresenceStore } from '#presence';
import { describeWithServices } from '../../../test/support/services.js';

const record = (sessionId: string, seenAt: number): PresenceRecord => ({
  seenAt,
  entry: {
    sessionId,
    userId: 'u1',
    displayName: 'عليا',
    role: 'reporter',
    color: '#b91c1c',
    cursor: { anchor: { tname: 'body', item: { client: 1, clock: 2 }, assoc: 0 }, head: { tname: 'body' } },
    activity: 'editing',
    joinedAt: '2026-11-29T09:00:00.000Z',
    lastActiveAt: '2026-11-29T09:00:01.000Z',
  } satisfies PresenceEntry,
});

/** The same contract, whichever store runs it. */
function storeContract(open: () => PresenceStore) {
  it('writes, reads back, and says which sessions were new', async () => {
    const store = open();
    const draftId = randomUUID();
    expect(await store.write(draftId, [record('a', 1), record('b', 1)])).toEqual(['a', 'b']);
    expect(await store.write(draftId, [record('a', 2), record('c', 2)])).toEqual(['c']);
    const read = await store.read(draftId);
    expect(read.sort((x, y) => x.entry.sessionId.localeCompare(y.entry.sessionId))).toEqual([
      record('a', 2),
      record('b', 1),
      record('c', 2),
    ]);
    expect(await store.read(randomUUID())).toEqual([]);
  });

  it('removes a session once: only the first remover is told it removed it', async () => {
    const store = open();
    const draftId = randomUUID();
    await store.write(draftId, [record('a', 1)]);
    expect(await store.remove(draftId, 'a')).toBe(true);
    expect(await store.remove(draftId, 'a')).toBe(false);
    expect(await store.read(draftId)).toEqual([]);
  });

  it('removes a stale session only if its owner did not vouch for it since', async () => {
    const store = open();
    const draftId = randomUUID();
    await store.write(draftId, [record('a', 1), record('b', 1)]);
    const [stale] = (await store.read(draftId)).filter((r) => r.entry.sessionId === 'a');
    await store.write(draftId, [record('a', 5)]); // the owner's heartbeat came in between
    expect(await store.removeStale(draftId, stale!)).toBe(false);
    expect(await store.removeStale(draftId, record('b', 1))).toBe(true);
    expect(await store.removeStale(draftId, record('b', 1))).toBe(false);
    expect((await store.read(draftId)).map((r) => r.entry.sessionId)).toEqual(['a']);
  });
}

describe('MemoryPresenceStore', () => {
  storeContract(() => new MemoryPresenceStore());
});

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
