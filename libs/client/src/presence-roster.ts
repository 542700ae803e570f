import type { PresenceEntry } from '#contracts';

export type RosterChange = { kind: 'presence'; entry: PresenceEntry } | { kind: 'leave'; sessionId: string };

/** The sessions present in a draft, as last told by the server. */
export class PresenceRoster {
  private readonly entries = new Map<string, PresenceEntry>();

  get all(): ReadonlyMap<string, PresenceEntry> {
    return this.entries;
  }

  upsert(entry: PresenceEntry): void {
    this.entries.set(entry.sessionId, entry);
  }

  remove(sessionId: string): boolean {
    return this.entries.delete(sessionId);
  }

  /**
   * Takes the full list from a (re-)join ack; returns the changes to announce (who left, who is
   * new or different) so that a listener that only follows events ends up with the same roster.
   */
  replace(entries: readonly PresenceEntry[]): RosterChange[] {
    const next = new Map(entries.map((entry) => [entry.sessionId, entry]));
    const changes: RosterChange[] = [];
    for (const sessionId of this.entries.keys()) {
      if (!next.has(sessionId)) changes.push({ kind: 'leave', sessionId });
    }
    for (const entry of next.values()) {
      const known = this.entries.get(entry.sessionId);
      if (!known || JSON.stringify(known) !== JSON.stringify(entry)) changes.push({ kind: 'presence', entry });
    }
    this.entries.clear();
    for (const [sessionId, entry] of next) this.entries.set(sessionId, entry);
    return changes;
  }

  clear(): void {
    this.entries.clear();
  }
}
