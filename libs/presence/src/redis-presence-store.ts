import type { Redis } from 'ioredis';
import type { PresenceRecord } from '#domain';
import type { PresenceStore } from './presence-store.js';

const KEY_PREFIX = 'copydesk:presence:';

/** Deletes a field only if it still holds the record that was found stale (compare-and-delete). */
const REMOVE_STALE = `
local raw = redis.call('HGET', KEYS[1], ARGV[1])
if not raw then return 0 end
local ok, record = pcall(cjson.decode, raw)
if ok and type(record) == 'table' and record.seenAt ~= tonumber(ARGV[2]) then return 0 end
return redis.call('HDEL', KEYS[1], ARGV[1])`;

/**
 * A Redis hash per draft: one field per session, holding its entry and when its owner last
 * vouched for it. Owners re-write their fields on every heartbeat; the key's own expiry only
 * collects drafts whose every owner is gone.
 */
export class RedisPresenceStore implements PresenceStore {
  constructor(
    private readonly redis: Redis,
    private readonly keyTtlMs: number,
  ) {}

  async write(draftId: string, records: readonly PresenceRecord[]): Promise<string[]> {
    if (records.length === 0) return [];
    const key = KEY_PREFIX + draftId;
    const pipeline = this.redis.pipeline();
    for (const record of records) pipeline.hset(key, record.entry.sessionId, JSON.stringify(record));
    pipeline.pexpire(key, this.keyTtlMs);
    const results = (await pipeline.exec()) ?? [];
    const created: string[] = [];
    records.forEach((record, index) => {
      const [error, added] = results[index] ?? [new Error('no reply')];
      if (error) throw error;
      if (added === 1) created.push(record.entry.sessionId);
    });
    return created;
  }

  async remove(draftId: string, sessionId: string): Promise<boolean> {
    return (await this.redis.hdel(KEY_PREFIX + draftId, sessionId)) === 1;
  }

  async removeStale(draftId: string, record: PresenceRecord): Promise<boolean> {
    const removed = await this.redis.eval(
      REMOVE_STALE,
      1,
      KEY_PREFIX + draftId,
      record.entry.sessionId,
      String(record.seenAt),
    );
    return removed === 1;
  }

  async read(draftId: string): Promise<PresenceRecord[]> {
    const fields = await this.redis.hgetall(KEY_PREFIX + draftId);
    return Object.values(fields).flatMap((raw) => {
      const record = parseRecord(raw);
      return record ? [record] : [];
    });
  }
}

/** Another version of the server may share the hash: skip what does not look like a record. */
function parseRecord(raw: string): PresenceRecord | null {
  try {
    const value = JSON.parse(raw) as Partial<PresenceRecord> | null;
    if (typeof value?.seenAt !== 'number' || typeof value.entry?.sessionId !== 'string') return null;
    return value as PresenceRecord;
  } catch {
    return null;
  }
}
