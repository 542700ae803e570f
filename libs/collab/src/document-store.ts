import type { DocumentText } from './document-schema.js';

/**
 * What live documents need from storage. libs/persistence implements it on PostgreSQL; the port
 * keeps this lib free of TypeORM.
 */
export interface StoredUpdate {
  seq: number;
  data: Uint8Array;
}

export interface StoredDocument {
  /** Folded state of every update up to `snapshotSeq`, or null before the first compaction. */
  snapshot: Uint8Array | null;
  snapshotSeq: number;
  /** The snapshot's state vector, when it was stored with it. */
  snapshotStateVector: Uint8Array | null;
  /** Every update after the snapshot, in sequence order. */
  updates: StoredUpdate[];
  /** The last sequence number given out for the draft (later than the last update when some were set aside). */
  headSeq: number;
}

/** A stored update that could not be integrated when its document was loaded, and why. */
export interface RejectedUpdate {
  seq: number;
  reason: string;
}

export interface UpdateToAppend {
  draftId: string;
  data: Uint8Array;
  userId: string | null;
}

export type AppendOutcome = { ok: true; seq: number } | { ok: false; reason: 'LOCKED' | 'NOT_FOUND' };

export interface DocumentStore {
  /** Snapshot and later updates, read consistently (no compaction can slip in between). Null: no such draft. */
  loadDocument(draftId: string): Promise<StoredDocument | null>;
  /** Appends in one transaction, numbering each draft's updates; refuses drafts whose review state locks the body. */
  appendUpdates(updates: UpdateToAppend[]): Promise<AppendOutcome[]>;
  /** The last sequence number given out for each of these drafts (missing drafts are left out). */
  headSeqs(draftIds: string[]): Promise<Map<string, number>>;
  /** Updates with afterSeq < seq <= uptoSeq. */
  readUpdates(draftId: string, afterSeq: number, uptoSeq: number): Promise<StoredUpdate[]>;
  /** Keeps `state` (with its state vector) as the snapshot at `seq`, unless a newer one exists, and drops the updates it folds. */
  saveSnapshot(draftId: string, seq: number, state: Uint8Array, stateVector: Uint8Array): Promise<void>;
  /** Stores the plain text as of `seq`, unless text from a later sequence is already stored. */
  saveText(draftId: string, text: DocumentText, seq: number): Promise<void>;
  /** Moves stored updates out of the log into quarantine (kept for inspection, never loaded again). */
  quarantineUpdates(draftId: string, rejected: RejectedUpdate[]): Promise<void>;
}
