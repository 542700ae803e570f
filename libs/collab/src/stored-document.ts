import * as Y from 'yjs';
import type { RejectedUpdate, StoredDocument, StoredUpdate } from './document-store.js';
import type { TransactionOrigin } from './origins.js';

const STORE_ORIGIN: TransactionOrigin = { kind: 'store' };

/** Nothing waits for changes the document never got. */
export function isComplete(doc: Y.Doc): boolean {
  return doc.store.pendingStructs === null && doc.store.pendingDs === null;
}

export interface BuiltDocument {
  doc: Y.Doc;
  /** Stored updates left out because they could not be integrated. */
  rejected: RejectedUpdate[];
}

/**
 * Builds a fresh Y.Doc from a stored document. Nothing that cannot be integrated is stored any
 * more, but a row written before that rule (or by a bug) must not make the draft unloadable: when
 * the fast path (snapshot, then the log merged into one update) throws or leaves something
 * pending, the log is applied row by row and each row that throws or leaves something pending is
 * set aside, the document rebuilt without it. A snapshot that cannot be applied is a load failure.
 */
export function buildStoredDocument(stored: StoredDocument): BuiltDocument {
  const fast = new Y.Doc();
  try {
    fast.transact(() => {
      if (stored.snapshot) Y.applyUpdate(fast, stored.snapshot, STORE_ORIGIN);
      // One merged update integrates far faster than thousands applied one by one.
      if (stored.updates.length > 0) {
        Y.applyUpdate(fast, Y.mergeUpdates(stored.updates.map((u) => u.data)), STORE_ORIGIN);
      }
    }, STORE_ORIGIN);
    if (isComplete(fast)) return { doc: fast, rejected: [] };
  } catch {
    // Fall through to the careful path, which finds the culprit.
  }
  fast.destroy();

  const rejected: RejectedUpdate[] = [];
  const excluded = new Set<number>();
  for (;;) {
    const doc = new Y.Doc();
    const bad = applyOneByOne(doc, stored.snapshot, stored.updates, excluded);
    if (!bad) return { doc, rejected };
    doc.destroy();
    rejected.push(bad);
    excluded.add(bad.seq);
  }
}

/** Applies the snapshot and each row not excluded; returns the first row that does not integrate cleanly. */
function applyOneByOne(
  doc: Y.Doc,
  snapshot: Uint8Array | null,
  updates: readonly StoredUpdate[],
  excluded: ReadonlySet<number>,
): RejectedUpdate | null {
  if (snapshot) {
    Y.applyUpdate(doc, snapshot, STORE_ORIGIN);
    if (doc.store.pendingStructs) throw new Error('The stored snapshot depends on changes it does not hold');
    // Deletes of content that never arrived (kept by older snapshots) delete nothing: drop them.
    doc.store.pendingDs = null;
  }
  for (const update of updates) {
    if (excluded.has(update.seq)) continue;
    try {
      Y.applyUpdate(doc, update.data, STORE_ORIGIN);
    } catch (error) {
      return { seq: update.seq, reason: `does not integrate: ${error instanceof Error ? error.message : error}` };
    }
    if (!isComplete(doc)) return { seq: update.seq, reason: 'depends on changes that were never stored' };
  }
  return null;
}
