/**
 * The start of a reconcile, in as few round trips as the locking allows: the draft's
 * `claim_reconciliations` row advanced under its lock, the draft's facts and the open claims
 * locked in one statement, then the claims read in one more.
 */
import type { EntityManager } from 'typeorm';
import type { Language } from '#contracts';
import { readClaims } from './claim-reads.js';
import type { ClaimRecord, ReconcilingDraft } from './claim-records.js';

export interface ReconcileStart {
  draft: ReconcilingDraft;
  /** The open claims, locked, as this transaction now reads them. */
  active: ClaimRecord[];
}

interface DraftFactsRow {
  desk_id: string;
  language: Language;
  created_at: Date;
}

const draftFacts = (row: DraftFactsRow): ReconcilingDraft => ({
  deskId: row.desk_id,
  language: row.language,
  createdAt: new Date(row.created_at),
});

/**
 * What a reconcile reads before it starts, without locking: the draft's facts and the seq its
 * claims are reconciled to (-1 before the first reconcile); null when there is no such draft.
 */
export async function readReconcilingDraft(
  db: EntityManager,
  draftId: string,
): Promise<{ draft: ReconcilingDraft; reachedSeq: number } | null> {
  const [row]: (DraftFactsRow & { seq: string | null })[] = await db.query(
    `SELECT d.desk_id, d.language, d.created_at, r.seq
       FROM drafts d LEFT JOIN claim_reconciliations r ON r.draft_id = d.id
      WHERE d.id = $1`,
    [draftId],
  );
  return row ? { draft: draftFacts(row), reachedSeq: row.seq === null ? -1 : Number(row.seq) } : null;
}

/**
 * Advances the draft's reconciled seq to `seq` and locks its open claims; null when the draft does
 * not exist or its seq is at `seq` or past it (then nothing is locked or written). The UPDATE waits
 * for a reconcile under way and re-checks the seq it committed, so of two at the same seq exactly
 * one goes on. The claims are locked only once the seq is advanced (reconciliation row first, as
 * every reconcile, so none deadlock), but with the statement's snapshot, taken before that wait:
 * claims a reconcile committing meanwhile created are missing from the lock, which readActive
 * then notices.
 */
async function advance(
  tx: EntityManager,
  draftId: string,
  seq: number,
): Promise<{ draft: ReconcilingDraft; locked: string[] } | null> {
  for (let attempt = 0; ; attempt++) {
    const [row]: (DraftFactsRow & {
      advanced: boolean;
      known: boolean;
      locked: string[];
    })[] = await tx.query(
      `WITH advanced AS (
         UPDATE claim_reconciliations SET seq = $2 WHERE draft_id = $1 AND seq < $2 RETURNING draft_id
       ),
       locked AS (
         SELECT c.id FROM claims c
          WHERE c.draft_id = (SELECT draft_id FROM advanced) AND c.closed_at IS NULL
          FOR UPDATE
       )
       SELECT d.desk_id, d.language, d.created_at,
              EXISTS (SELECT 1 FROM advanced) AS advanced,
              EXISTS (SELECT 1 FROM claim_reconciliations r WHERE r.draft_id = d.id) AS known,
              (SELECT coalesce(json_agg(id), '[]'::json) FROM locked) AS locked
         FROM drafts d WHERE d.id = $1`,
      [draftId, seq],
    );
    if (!row) return null;
    if (row.advanced) return { draft: draftFacts(row), locked: row.locked };
    if (row.known || attempt > 0) return null;
    // The draft's first reconcile creates its row (the reference takes only a key-share lock on
    // the draft, which update commits do not wait for); a concurrent first one makes this wait.
    await tx.query(
      `INSERT INTO claim_reconciliations (draft_id)
         SELECT id FROM drafts WHERE id = $1 ON CONFLICT (draft_id) DO NOTHING`,
      [draftId],
    );
  }
}

/**
 * The open claims, every one of them locked, read after the locks are held, so a verdict can
 * neither land between this read and the reconcile's writes nor be missed by it. Claims that were
 * not locked (created after the locking statement's snapshot) are locked now and all are read again.
 */
async function readActive(tx: EntityManager, draftId: string, locked: readonly string[]): Promise<ClaimRecord[]> {
  const active = await readClaims(tx, 'c.draft_id = $1 AND c.closed_at IS NULL', [draftId]);
  const held = new Set(locked);
  if (active.every((claim) => held.has(claim.id))) return active;
  const relocked: { id: string }[] = await tx.query(
    'SELECT id FROM claims WHERE draft_id = $1 AND closed_at IS NULL FOR UPDATE',
    [draftId],
  );
  return readClaims(tx, 'c.id = ANY($1::uuid[]) AND c.closed_at IS NULL', [relocked.map(({ id }) => id)]);
}

/** Locks and advances the draft's reconciliation to `seq` and reads what its rules need; null: nothing to do. */
export async function startReconcile(tx: EntityManager, draftId: string, seq: number): Promise<ReconcileStart | null> {
  const advanced = await advance(tx, draftId, seq);
  if (!advanced) return null;
  return { draft: advanced.draft, active: await readActive(tx, draftId, advanced.locked) };
}
