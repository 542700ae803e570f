import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError, isUuid } from '#domain';
import { StorageBoundary } from '../database/storage-boundary.js';
import { insertEvent } from './reviews.repository.js';
import { lockOpenClaim, readClaim, readClaims } from './claims/claim-reads.js';
import type {
  ClaimQueueQuery,
  ClaimRecord,
  ClaimWrites,
  FindingDismissal,
  FoundVerdict,
  NewClaimRow,
  NewVerdict,
  QueueRow,
  ReconcileResult,
  ReconcilingDraft,
  SuggestionRecord,
} from './claims/claim-records.js';
import { applyWrites, insertClaims } from './claims/claim-writes.js';
import { findVerdictWithDesk, queuePage, suggestionsFor } from './claims/desk-queries.js';
import { readReconcilingDraft, startReconcile } from './claims/reconcile-lock.js';
import { json, NOW, storable } from './claims/sql-values.js';

/**
 * A draft's claims, their verdict history and the extractor's findings on them. Plain SQL on the
 * DataSource; each method that writes more than one statement runs them in one transaction, and
 * reads inside one go through its EntityManager (the embedded database has a single session).
 */
@Injectable()
@StorageBoundary()
export class ClaimsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The draft's open claims in document order. */
  active(draftId: string): Promise<ClaimRecord[]> {
    if (!isUuid(draftId)) return Promise.resolve([]);
    return readClaims(this.dataSource.manager, 'c.draft_id = $1 AND c.closed_at IS NULL', [draftId]);
  }

  /** One claim of the draft, open or closed; null when the draft has no such claim. */
  one(draftId: string, claimId: string): Promise<ClaimRecord | null> {
    if (!isUuid(draftId) || !isUuid(claimId)) return Promise.resolve(null);
    return readClaim(this.dataSource.manager, draftId, claimId);
  }

  /**
   * Brings the draft's claims up to the document at `seq`, exactly once across instances: the
   * draft's `claim_reconciliations` row stays locked from advancing its seq to the commit (not the
   * draft's own row, which update commits lock), and a reconcile at a seq already reached (or
   * passed) resolves to null without calling `decide`, locking and writing nothing. Otherwise
   * `decide` gets the open claims (locked too, so a verdict cannot land between its reading and
   * our writing) and the draft's facts, and what its writes change is written; null from it, or
   * writes that change nothing, write nothing but the seq. Updates and closes naming a claim that
   * is not open in this draft are ignored. Also null when the draft does not exist.
   * Round trips: BEGIN, the lock, the read, the writes if any, COMMIT (docs/benchmarks.md); the
   * caller reads reconcilingDraft first, outside the transaction, unless it ran the draft's last
   * reconcile itself.
   */
  reconcile(
    draftId: string,
    seq: number,
    decide: (active: ClaimRecord[], draft: ReconcilingDraft) => ClaimWrites | null,
  ): Promise<ReconcileResult | null> {
    if (!isUuid(draftId)) return Promise.resolve(null);
    return this.dataSource.transaction(async (tx) => {
      const start = await startReconcile(tx, draftId, seq);
      if (!start) return null;
      const writes = decide(start.active, start.draft);
      return writes ? applyWrites(tx, draftId, start.active, writes) : { changed: [], closed: [] };
    });
  }

  /**
   * What a reconcile reads before it starts, without locking: the draft's facts and the seq its
   * claims are reconciled to (-1 before the first reconcile); null when there is no such draft.
   */
  reconcilingDraft(draftId: string): Promise<{ draft: ReconcilingDraft; reachedSeq: number } | null> {
    if (!isUuid(draftId)) return Promise.resolve(null);
    return readReconcilingDraft(this.dataSource.manager, draftId);
  }

  /** Tags a claim (with its findings, if any); the row is stored as given, origin included. */
  insertManual(draftId: string, row: NewClaimRow): Promise<ClaimRecord> {
    return this.dataSource.transaction(async (tx) => {
      const [id] = await insertClaims(tx, draftId, [row]);
      return (await readClaim(tx, draftId, id!))!;
    });
  }

  /**
   * Appends a verdict to the open claim's history and makes it the claim's status; the verdict's
   * text becomes the checked text and the claim is no longer stale. Null when the claim is not
   * an open claim of the draft; DomainError NOT_FOUND when the cited verdict does not exist.
   * Verdicts of one claim get strictly increasing times (a millisecond apart at least), so the
   * history's order is the order they were given.
   */
  addVerdict(draftId: string, claimId: string, verdict: NewVerdict): Promise<ClaimRecord | null> {
    if (!isUuid(draftId) || !isUuid(claimId)) return Promise.resolve(null);
    return this.dataSource.transaction(async (tx) => {
      if (!(await lockOpenClaim(tx, draftId, claimId))) return null;
      if (verdict.citesVerdictId !== null) {
        const cited: unknown[] = isUuid(verdict.citesVerdictId)
          ? await tx.query('SELECT id FROM claim_verdicts WHERE id = $1', [verdict.citesVerdictId])
          : [];
        if (cited.length === 0)
          throw new DomainError('NOT_FOUND', 'The cited verdict does not exist', {
            verdictId: verdict.citesVerdictId,
          });
      }
      const text = storable(verdict.text);
      await tx.query(
        `INSERT INTO claim_verdicts (claim_id, status, note, evidence, by_user_id, text, cites_verdict_id, at)
         SELECT $1, $2, $3, $4::jsonb, $5, $6, $7,
                greatest(${NOW}, (SELECT max(at) + interval '1 millisecond' FROM claim_verdicts WHERE claim_id = $1))`,
        [
          claimId,
          verdict.status,
          storable(verdict.note),
          json(verdict.evidence),
          verdict.byUserId,
          text,
          verdict.citesVerdictId,
        ],
      );
      await tx.query(
        `UPDATE claims SET status = $2, checked_text = $3, stale = false, updated_at = ${NOW} WHERE id = $1`,
        [claimId, verdict.status, text],
      );
      // The review log has every verdict too, written with it.
      await insertEvent(tx, {
        draftId,
        actorId: verdict.byUserId,
        kind: 'verdict',
        claimId,
        reason: verdict.note,
        details: { status: verdict.status, citesVerdictId: verdict.citesVerdictId },
      });
      return readClaim(tx, draftId, claimId);
    });
  }

  /**
   * Sets a finding of an open claim aside. One already dismissed keeps its first dismissal (the
   * record is returned as it is); null when the claim is not open in the draft or the finding is
   * not one the extractor still reports on it.
   */
  dismissFinding(
    draftId: string,
    claimId: string,
    findingId: string,
    dismissal: FindingDismissal,
  ): Promise<ClaimRecord | null> {
    if (!isUuid(draftId) || !isUuid(claimId) || !isUuid(findingId)) return Promise.resolve(null);
    return this.dataSource.transaction(async (tx) => {
      if (!(await lockOpenClaim(tx, draftId, claimId))) return null;
      const [finding]: { dismissed: boolean }[] = await tx.query(
        `SELECT dismissed_at IS NOT NULL AS dismissed FROM claim_findings
          WHERE id = $1 AND claim_id = $2 AND gone_at IS NULL`,
        [findingId, claimId],
      );
      if (!finding) return null;
      if (!finding.dismissed) {
        await tx.query(
          `UPDATE claim_findings SET dismissed_by = $2, dismissed_at = ${NOW}, dismiss_reason = $3 WHERE id = $1`,
          [findingId, dismissal.byUserId, storable(dismissal.reason)],
        );
        await tx.query(`UPDATE claims SET updated_at = ${NOW} WHERE id = $1`, [claimId]);
        await insertEvent(tx, {
          draftId,
          actorId: dismissal.byUserId,
          kind: 'finding_dismissed',
          claimId,
          reason: dismissal.reason,
          details: { findingId },
        });
      }
      return readClaim(tx, draftId, claimId);
    });
  }

  /**
   * One page of the fact-check queue: open claims to check on drafts of the desks, drafts in
   * review first, then newer drafts first, then each draft's claims in document order; keyed on
   * exactly that order so pages never skip or repeat a row.
   */
  async queue(query: ClaimQueueQuery): Promise<QueueRow[]> {
    return queuePage(this.dataSource.manager, query);
  }

  /**
   * Newsroom memory: for each key, the open claims remembered by it on other drafts of the desks
   * whose latest verdict is verified, disputed, false or inconclusive (not stale: a stale claim's
   * verdict no longer counts), newest verdict first, at most 5. A verdict that cites a verdict on
   * `excludeDraftId`'s claims, directly or through the verdicts it cites, is left out: it is that
   * draft's own verdict coming back. Every key asked for is in the map.
   */
  async suggestions(
    memoryKeys: readonly string[],
    deskIds: readonly string[],
    excludeDraftId: string,
  ): Promise<Map<string, SuggestionRecord[]>> {
    return suggestionsFor(this.dataSource.manager, memoryKeys, deskIds, excludeDraftId);
  }

  /** A verdict with the draft and desk of its claim (to check the caller may see it); null when none. */
  async findVerdict(verdictId: string): Promise<FoundVerdict | null> {
    return findVerdictWithDesk(this.dataSource.manager, verdictId);
  }
}
