import type { DocumentText } from './document-schema.js';

/** Who sent an update: the user it is stored under and the connection that must not get it back. */
export interface UpdateAuthor {
  userId: string;
  connectionId: string;
}

export interface DocumentManagerOptions {
  /** Fold the log into a snapshot once this many updates have piled up since the last one. */
  compactEvery: number;
  /** Keep a document this long after its last session leaves, in case someone comes back. */
  idleUnloadMs: number;
  /** Write the plain text this long after the last change (search and REST read it). */
  textSyncDebounceMs: number;
  /** How long a gap in sequence numbers may last before it is filled from the store. */
  gapRepairMs: number;
  /**
   * How often to compare every live document with the store's head (absent or 0: never). A lost
   * relay message shows as a gap only once a later one arrives; when none follows (an idle draft
   * after a Redis outage), only this finds it. Needed only with other instances writing.
   */
  catchUpMs?: number;
  /**
   * Send an admitted update to the room's sessions on this instance before its commit, when the
   * draft is known to take updates and no review transition is under way (docs/architecture.md,
   * "Relaying before the commit"). Acks still wait for the commit. Absent: off.
   */
  earlyRelay?: boolean;
  /**
   * The first wait before a failed commit of updates the room already has is tried again, doubling
   * after each failure; after six in a row they are given up (default 100 ms: about 6 s in all).
   */
  commitRetryMs?: number;
  /**
   * Group commits of updates under way at once, for different drafts (default 1). With more, an
   * update need not wait for a commit of other drafts' updates to end before its own starts; each
   * takes a database connection.
   */
  commitsInFlight?: number;
  /** Largest update taken from a client, in bytes. */
  maxUpdateBytes: number;
  /** Largest encoded size of one document; an update that would pass it is refused TOO_LARGE. */
  maxDocumentBytes: number;
}

/** What went wrong with stored documents on this instance, for readiness and metrics. */
export interface DocumentHealth {
  /** Drafts whose last load failed for a reason other than storage being down, with the reason. */
  failedLoads: ReadonlyMap<string, string>;
  /** Stored updates set aside because they could not be integrated. */
  quarantined: number;
  textSyncFailures: number;
  /** Updates sent to the room before their commit, and those of them given up (never stored). */
  earlyRelay: { sent: number; givenUp: number };
}

/** A draft's document as of one stored sequence number: what reviews pin. */
export interface DocumentRevision {
  /** Every stored update up to this one is in `text` and `state`, and no later one. */
  seq: number;
  text: DocumentText;
  /** The whole Yjs document, as one update. */
  state: Uint8Array;
}
