/**
 * What every PresenceStore promises (presence-store.ts), as tests any store can run: the in-memory
 * store in memory-presence-store.spec.ts, the Redis one in redis-presence-store.db-spec.ts.
 */
import { randomUUID } from 'node:crypto';
import { expect, it } from '@jest/globals';
import { DOCUMENT_FIELDS, type PresenceEntry } from '#contracts';
import type { PresenceRecord } from '#domain';
import type { PresenceStore } from '#presence';

export const record = (sessionId: string, seenAt: number): PresenceRecord => ({
  seenAt,
  entry: {
    sessionId,
    userId: 'u1',
    displayName: 'عليا',
    role: 'reporter',
    color: '#b91c1c',
    cursor: {
      anchor: { tname: DOCUMENT_FIELDS.body, item: { client: 1, clock: 2 }, assoc: 0 },
      head: { tname: DOCUMENT_FIELDS.body },
    },
    activity: 'editing',
    joinedAt: '2026-11-29T09:00:00.000Z',
    lastActiveAt: '2026-11-29T09:00:01.000Z',
  } satisfies PresenceEntry,
});

/** The same contract, whichever store runs it. */
export function storeContract(open: () => PresenceStore) {
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
