import type { Activity, DraftAccess, DraftClaim, PresenceEntry, ReviewEvent, ReviewStatus } from '#contracts';
import type * as Y from 'yjs';
import type { SessionError } from './session-error.js';

export interface DraftSessionOptions {
  /** The document to keep in sync, e.g. one restored from offline storage; a new one by default. */
  doc?: Y.Doc;
  /** How often to re-join and exchange what either side lacks; 0 disables. Default 30 000. */
  resyncIntervalMs?: number;
  /**
   * First delay before retrying after UNAVAILABLE, RATE_LIMITED or a missing ack, and before the
   * second re-join in a row that NOT_JOINED or RESYNC_REQUIRED asks for (the first is at once). Default 500.
   */
  retryBaseMs?: number;
  /** Longest delay between retries. Default 30 000. */
  retryMaxMs?: number;
}

export interface SyncedEvent {
  access: DraftAccess;
  review: ReviewStatus;
  /** False for the first join of the session, true for every re-join after it. */
  resync: boolean;
  /** Size of the update the server sent with the join ack. */
  bytes: number;
}

export interface RemoteUpdateEvent {
  update: Uint8Array;
  /** `relay`: another session's stored update; `join`: what a (re-)join brought. */
  source: 'relay' | 'join';
}

export interface AckedEvent {
  /** Sequence numbers (see `DraftSession.lastLocalSeq`) of the local updates now durably stored. */
  seqs: number[];
  pendingUpdates: number;
}

/** A retryable failure: the change is kept and goes out with the next (re-)join. */
export interface RetryingEvent extends SessionError {
  /**
   * When the session re-joins, or null when a retry or a reconnect is already due, or a join or
   * catch-up already under way will send the change.
   */
  retryInMs: number | null;
}

export interface DraftSessionEvents {
  synced: SyncedEvent;
  update: RemoteUpdateEvent;
  presence: PresenceEntry;
  'presence:leave': { sessionId: string };
  /** Our access changed while joined (a role, desk or author change). */
  access: { access: DraftAccess };
  /** Claims added or changed, and the ids of those closed (from a `claims` event or a re-join). */
  claims: { changed: DraftClaim[]; closed: string[] };
  review: ReviewEvent;
  acked: AckedEvent;
  error: SessionError;
  retrying: RetryingEvent;
  connection: 'connected' | 'disconnected';
}

/** A cursor as body indices or Yjs relative positions (`{ anchor, head }`, anchor = head for a caret). */
export interface PresenceInput {
  cursor?: { anchor: number | Y.RelativePosition; head: number | Y.RelativePosition } | null;
  activity?: Activity;
}
