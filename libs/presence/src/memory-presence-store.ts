import type { PresenceRecord } from '#domain';
import type { PresenceStore } from './presence-store.js';

/** One instance, no Redis: the store is a map in this process. */
export class MemoryPresenceStore implements PresenceStore {
  private readonly drafts = new Map<string, Map<string, PresenceRecord>>();

  async write(draftId: string, records: readonly PresenceRecord[]): Promise<string[]> {
    let draft = this.drafts.get(draftId);
    if (!draft) this.drafts.set(draftId, (draft = new Map()));
    const created: string[] = [];
    for (const record of records) {
      if (!draft.has(record.entry.sessionId)) created.push(record.entry.sessionId);
      draft.set(record.entry.sessionId, record);
    }
    return created;
  }

  async remove(draftId: string, sessionId: string): Promise<boolean> {
    const draft = this.drafts.get(draftId);
    const removed = draft?.delete(sessionId) ?? false;
    if (draft?.size === 0) this.drafts.delete(draftId);
    return removed;
  }

  async removeStale(draftId: string, record: PresenceRecord): Promise<boolean> {
    const current = this.drafts.get(draftId)?.get(record.entry.sessionId);
    return current?.seenAt === record.seenAt ? this.remove(draftId, record.entry.sessionId) : false;
  }

  async read(draftId: string): Promise<PresenceRecord[]> {
    return [...(this.drafts.get(draftId)?.values() ?? [])];
  }
}
