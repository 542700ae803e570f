import type { PresenceRecord } from '#domain';

export const PRESENCE_STORE = Symbol('PRESENCE_STORE');

/**
 * Where every instance's presence entries meet, so that a join ack or a REST read on any
 * instance shows every session. Each instance writes only its own sessions' records.
 */
export interface PresenceStore {
  /** Writes the records; resolves with the session ids that were missing (someone swept them). */
  write(draftId: string, records: readonly PresenceRecord[]): Promise<string[]>;
  /** Removes a session; true only for the one call that actually removed it. */
  remove(draftId: string, sessionId: string): Promise<boolean>;
  /**
   * Removes a session found stale, unless its owner re-wrote it since `record` was read: true
   * only for the one call that removed it, so exactly one instance announces the departure.
   */
  removeStale(draftId: string, record: PresenceRecord): Promise<boolean>;
  read(draftId: string): Promise<PresenceRecord[]>;
}
