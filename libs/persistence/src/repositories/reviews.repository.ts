import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ReviewState } from '#contracts';
import { DomainError, isUuid } from '#domain';
import { StorageBoundary } from '../database/storage-boundary.js';
import { json, NOW, storable } from './claims/sql-values.js';
import type { ReleaseJob } from './publications/publication-records.js';
import {
  finishReleases,
  insertPublication,
  latestPublication,
  scheduleRelease,
} from './publications/publication-writes.js';
import {
  DEFAULT_REVIEW_EVENTS_PAGE,
  MAX_REVIEW_EVENTS_PAGE,
  type NewReviewEvent,
  type NewRevision,
  type ReviewDraftRow,
  type ReviewEventKind,
  type ReviewEventQuery,
  type ReviewEventRecord,
  type RevisionKind,
  type RevisionRecord,
  type RevisionSummary,
  type TransitionResult,
  type TransitionWrite,
} from './reviews/review-records.js';

interface EventRow {
  id: string;
  draft_id: string;
  at: Date;
  actor_id: string | null;
  actor_name: string | null;
  kind: ReviewEventKind;
  action: string | null;
  from_state: ReviewState | null;
  to_state: ReviewState | null;
  revision: string | null;
  reason: string | null;
  claim_id: string | null;
  details: Record<string, unknown>;
}

interface RevisionRow {
  id: string;
  draft_id: string;
  number: number;
  kind: RevisionKind;
  seq: string;
  text_hash: string;
  headline: string;
  body: string;
  claims: unknown;
  created_at: Date;
  created_by: string | null;
  created_by_name: string | null;
}

interface DraftRow {
  id: string;
  review_state: ReviewState;
  review_revision: number;
  head_seq: string;
  approved_seq: string | null;
  approved_hash: string | null;
  embargo_until: Date | null;
  desk_id: string;
  author_ids: string[];
}

/** A log entry's columns (as `e`), with its actor's name (as `u`, null for the scheduler). */
const EVENT_COLUMNS = `e.id, e.draft_id, e.at, e.actor_id, u.display_name AS actor_name, e.kind, e.action, e.from_state,
  e.to_state, e.revision, e.reason, e.claim_id, e.details`;
const EVENTS = `review_events e LEFT JOIN users u ON u.id = e.actor_id`;
/** A kept copy's listed columns (as `r`), with its maker's name (as `u`). */
const SUMMARY_COLUMNS = `r.number, r.kind, r.seq, r.text_hash, r.created_at, r.created_by, u.display_name AS created_by_name`;
const REVISIONS = `draft_revisions r LEFT JOIN users u ON u.id = r.created_by`;
const DRAFT_COLUMNS = `id, review_state, review_revision, head_seq, approved_seq, approved_hash, embargo_until, desk_id,
                       author_ids`;

const numberOrNull = (value: string | null): number | null => (value === null ? null : Number(value));

function toEvent(row: EventRow): ReviewEventRecord {
  return {
    id: row.id,
    draftId: row.draft_id,
    at: new Date(row.at),
    actorId: row.actor_id,
    actorName: row.actor_name,
    kind: row.kind,
    action: row.action,
    fromState: row.from_state,
    toState: row.to_state,
    revision: numberOrNull(row.revision),
    reason: row.reason,
    claimId: row.claim_id,
    details: row.details,
  };
}

function toSummary(row: Omit<RevisionRow, 'id' | 'draft_id' | 'headline' | 'body' | 'claims'>): RevisionSummary {
  return {
    number: Number(row.number),
    kind: row.kind,
    seq: Number(row.seq),
    textHash: row.text_hash,
    createdAt: new Date(row.created_at),
    createdBy: row.created_by,
    createdByName: row.created_by_name,
  };
}

function toDraft(row: DraftRow, latest: ReviewDraftRow['latestPublication']): ReviewDraftRow {
  return {
    id: row.id,
    reviewState: row.review_state,
    reviewRevision: Number(row.review_revision),
    headSeq: Number(row.head_seq),
    approvedSeq: numberOrNull(row.approved_seq),
    approvedHash: row.approved_hash,
    embargoUntil: row.embargo_until === null ? null : new Date(row.embargo_until),
    deskId: row.desk_id,
    authorIds: row.author_ids,
    latestPublication: latest,
  };
}

/**
 * Appends to the log. Events of one draft get strictly increasing times (a millisecond apart at
 * least), so the log's (at, id) order is the order they were appended.
 */
export async function insertEvent(db: EntityManager, event: NewReviewEvent): Promise<ReviewEventRecord> {
  const [row]: EventRow[] = await db.query(
    `WITH e AS (
       INSERT INTO review_events (draft_id, actor_id, kind, action, from_state, to_state, revision, reason, claim_id,
                                  details, at)
       SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb,
              greatest(${NOW}, (SELECT max(at) + interval '1 millisecond' FROM review_events WHERE draft_id = $1))
       RETURNING *)
     SELECT ${EVENT_COLUMNS} FROM e LEFT JOIN users u ON u.id = e.actor_id`,
    [
      event.draftId,
      event.actorId,
      event.kind,
      event.action ?? null,
      event.fromState ?? null,
      event.toState ?? null,
      event.revision ?? null,
      storable(event.reason ?? null),
      event.claimId ?? null,
      json(event.details ?? {}),
    ],
  );
  return toEvent(row!);
}

/** Keeps the copy under the draft's next number; the caller's transaction holds the draft's row locked. */
async function insertRevision(db: EntityManager, row: NewRevision): Promise<RevisionSummary> {
  const [inserted]: RevisionRow[] = await db.query(
    `WITH r AS (
       INSERT INTO draft_revisions (draft_id, number, kind, seq, text_hash, headline, body, claims, created_by)
       SELECT $1, coalesce((SELECT max(number) FROM draft_revisions WHERE draft_id = $1), 0) + 1,
              $2, $3, $4, $5, $6, $7::jsonb, $8
       RETURNING *)
     SELECT ${SUMMARY_COLUMNS} FROM r LEFT JOIN users u ON u.id = r.created_by`,
    [
      row.draftId,
      row.kind,
      row.seq,
      row.textHash,
      storable(row.headline),
      storable(row.body),
      json(row.claims),
      row.createdBy,
    ],
  );
  return toSummary(inserted!);
}

async function lockDraft(db: EntityManager, draftId: string): Promise<ReviewDraftRow | null> {
  if (!isUuid(draftId)) return null;
  const [row]: DraftRow[] = await db.query(`SELECT ${DRAFT_COLUMNS} FROM drafts WHERE id = $1 FOR UPDATE`, [draftId]);
  return row ? toDraft(row, await latestPublication(db, draftId)) : null;
}

/**
 * Writes what `apply` decided for the locked draft: its review fields, the log entry, the copy,
 * the release and its deliveries, and the draft's embargoed release (kept while it is scheduled,
 * ended when it leaves that state: released by the scheduler or canceled by reopen or withdraw).
 */
async function writeTransition(
  tx: EntityManager,
  current: ReviewDraftRow,
  write: TransitionWrite,
): Promise<TransitionResult> {
  const draftId = current.id;
  // (No RETURNING: the drivers shape an UPDATE's rows differently; the row stays locked.)
  await tx.query(
    `UPDATE drafts SET review_state = $2, review_revision = review_revision + 1, approved_seq = $3,
            approved_hash = $4, embargo_until = $5, updated_at = now()
      WHERE id = $1`,
    [draftId, write.reviewState, write.approvedSeq, write.approvedHash, write.embargoUntil],
  );
  const event = await insertEvent(tx, {
    draftId,
    actorId: write.event.actorId,
    kind: 'transition',
    action: write.event.action,
    fromState: current.reviewState,
    toState: write.reviewState,
    revision: write.event.revision ?? null,
    reason: write.reason,
    details: write.event.details ?? {},
  });
  const revision = write.revision ? await insertRevision(tx, { ...write.revision, draftId }) : null;
  const publication = write.publication ? await insertPublication(tx, current, write.publication) : null;
  if (current.reviewState === 'scheduled' && write.reviewState !== 'scheduled') {
    await finishReleases(
      tx,
      draftId,
      write.reviewState === 'published' && publication
        ? { state: 'released', publicationId: publication.id }
        : { state: 'canceled' },
    );
  }
  if (write.reviewState === 'scheduled') {
    if (!write.embargoUntil || !revision) throw new Error('a scheduled release needs its time and its kept copy');
    await scheduleRelease(tx, draftId, write.embargoUntil, revision.number);
  }
  const [updated]: DraftRow[] = await tx.query(`SELECT ${DRAFT_COLUMNS} FROM drafts WHERE id = $1`, [draftId]);
  return { draft: toDraft(updated!, publication ?? current.latestPublication), event, revision, publication };
}

const draftNotFound = (draftId: string) => new DomainError('NOT_FOUND', 'The draft does not exist', { draftId });

/**
 * The review workflow's storage (issue 12): a draft's append-only review log, the full copies
 * kept on submit, approve and publish (append-only too: the database refuses any change), and
 * transitions of the draft's review state. Methods taking `tx` run inside the caller's
 * transaction (an EntityManager from `dataSource.transaction`), or on their own when it is null.
 */
@Injectable()
@StorageBoundary()
export class ReviewsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Appends an entry to the draft's review log. */
  appendEvent(tx: EntityManager | null, event: NewReviewEvent): Promise<ReviewEventRecord> {
    return insertEvent(tx ?? this.dataSource.manager, event);
  }

  /** One page of the draft's log, oldest first, keyed on (at, id); optionally one actor's entries only. */
  async events(draftId: string, query: ReviewEventQuery = {}): Promise<ReviewEventRecord[]> {
    if (!isUuid(draftId) || (query.actorId !== undefined && !isUuid(query.actorId))) return [];
    if (query.after !== undefined && !isUuid(query.after.id)) return [];
    const limit = Math.min(Math.max(Math.trunc(query.limit ?? DEFAULT_REVIEW_EVENTS_PAGE), 1), MAX_REVIEW_EVENTS_PAGE);
    const rows: EventRow[] = await this.dataSource.query(
      `SELECT ${EVENT_COLUMNS} FROM ${EVENTS}
        WHERE e.draft_id = $1 AND ($2::uuid IS NULL OR e.actor_id = $2)
          AND ($3::timestamptz IS NULL OR (e.at, e.id) > ($3::timestamptz, $4::uuid))
        ORDER BY e.at, e.id LIMIT $5`,
      [draftId, query.actorId ?? null, query.after?.at ?? null, query.after?.id ?? null, limit],
    );
    return rows.map(toEvent);
  }

  /** The draft's latest transition, with the review fields it left; null before the first. */
  async latestTransition(draftId: string): Promise<ReviewEventRecord | null> {
    if (!isUuid(draftId)) return null;
    const [row]: EventRow[] = await this.dataSource.query(
      `SELECT ${EVENT_COLUMNS} FROM ${EVENTS} WHERE e.draft_id = $1 AND e.kind = 'transition'
        ORDER BY e.at DESC, e.id DESC LIMIT 1`,
      [draftId],
    );
    return row ? toEvent(row) : null;
  }

  /**
   * Keeps a full copy of the draft as revision max+1 of that draft, numbered under the draft's
   * row lock so concurrent copies never take the same number. NOT_FOUND when the draft does not exist.
   */
  addRevision(tx: EntityManager | null, row: NewRevision): Promise<RevisionSummary> {
    const add = async (db: EntityManager) => {
      if (!(await lockDraft(db, row.draftId))) throw draftNotFound(row.draftId);
      return insertRevision(db, row);
    };
    return tx ? add(tx) : this.dataSource.transaction(add);
  }

  /** The draft's kept revisions, oldest first, without their text. */
  async revisions(draftId: string): Promise<RevisionSummary[]> {
    if (!isUuid(draftId)) return [];
    const rows: RevisionRow[] = await this.dataSource.query(
      `SELECT ${SUMMARY_COLUMNS} FROM ${REVISIONS} WHERE r.draft_id = $1 ORDER BY r.number`,
      [draftId],
    );
    return rows.map(toSummary);
  }

  /** One kept revision in full; null when the draft has no such revision. */
  async revision(draftId: string, number: number): Promise<RevisionRecord | null> {
    if (!isUuid(draftId) || !Number.isSafeInteger(number) || number < 1 || number > 2 ** 31 - 1) return null;
    const [row]: RevisionRow[] = await this.dataSource.query(
      `SELECT r.id, r.draft_id, r.headline, r.body, r.claims, ${SUMMARY_COLUMNS} FROM ${REVISIONS}
        WHERE r.draft_id = $1 AND r.number = $2`,
      [draftId, number],
    );
    if (!row) return null;
    return {
      ...toSummary(row),
      id: row.id,
      draftId: row.draft_id,
      headline: row.headline,
      body: row.body,
      claims: row.claims,
    };
  }

  /**
   * One review transition, in one transaction: locks the draft's row FOR UPDATE (concurrent
   * transitions wait and then see this one's result; appendUpdates, which locks the row to number
   * updates and checks the review state, waits too), calls `apply` with it, and writes what it
   * returns: the draft's review fields (review_revision + 1), the `transition` log entry and the
   * revision to keep. `apply` refuses with null (nothing is written; resolves to null) or by
   * throwing (nothing is written; the error is rethrown). Null too when the draft does not exist.
   */
  transition(
    draftId: string,
    apply: (draft: ReviewDraftRow) => TransitionWrite | null,
  ): Promise<TransitionResult | null> {
    return this.dataSource.transaction(async (tx) => {
      const current = await lockDraft(tx, draftId);
      if (!current) return null;
      const write = apply(current);
      return write === null ? null : writeTransition(tx, current, write);
    });
  }

  /** Embargoed releases whose time has come by the database's clock, oldest first (nothing locked). */
  async dueReleases(limit: number): Promise<ReleaseJob[]> {
    const rows: { id: string; draft_id: string; run_at: Date; revision: number }[] = await this.dataSource.query(
      `SELECT id, draft_id, run_at, revision FROM release_jobs
        WHERE state = 'pending' AND run_at <= now() ORDER BY run_at, id LIMIT $1`,
      [limit],
    );
    return rows.map((row) => ({
      id: row.id,
      draftId: row.draft_id,
      runAt: new Date(row.run_at),
      revision: Number(row.revision),
    }));
  }

  /** Milliseconds from the database's now to the earliest pending release (negative when overdue); null when none. */
  async nextReleaseInMs(): Promise<number | null> {
    const [row]: { ms: string | null }[] = await this.dataSource.query(
      `SELECT extract(epoch FROM min(run_at) - now()) * 1000 AS ms FROM release_jobs WHERE state = 'pending'`,
    );
    return row?.ms === null || row?.ms === undefined ? null : Number(row.ms);
  }

  /** Releases due and not yet released, and how overdue the oldest is (seconds; 0 when none). */
  async releaseBacklog(): Promise<{ due: number; oldestOverdueSeconds: number }> {
    const [row]: { due: string; overdue: string | null }[] = await this.dataSource.query(
      `SELECT count(*) AS due, extract(epoch FROM now() - min(run_at)) AS overdue FROM release_jobs
        WHERE state = 'pending' AND run_at <= now()`,
    );
    return { due: Number(row?.due ?? 0), oldestOverdueSeconds: Math.max(0, Number(row?.overdue ?? 0)) };
  }

  /**
   * Releases one embargoed draft, in one transaction: claims its job (FOR UPDATE SKIP LOCKED:
   * an instance already releasing it is skipped, not waited for; null when the job was released
   * or canceled meanwhile), locks the draft, and writes what `apply` decides like `transition`,
   * given the database's clock, so every instance agrees on when an embargo has passed. A null
   * from `apply` cancels the job (the draft is no longer scheduled: nothing is left to release).
   */
  release(
    job: ReleaseJob,
    apply: (draft: ReviewDraftRow, now: Date) => TransitionWrite | null,
  ): Promise<TransitionResult | null> {
    return this.dataSource.transaction(async (tx) => {
      const [claimed]: { now: Date }[] = await tx.query(
        `SELECT ${NOW} AS now FROM release_jobs
          WHERE id = $1 AND state = 'pending' AND run_at <= now() FOR UPDATE SKIP LOCKED`,
        [job.id],
      );
      if (!claimed) return null;
      const current = await lockDraft(tx, job.draftId);
      const write = current && apply(current, new Date(claimed.now));
      if (!current || !write) {
        await tx.query(`UPDATE release_jobs SET state = 'canceled', finished_at = ${NOW} WHERE id = $1`, [job.id]);
        return null;
      }
      return writeTransition(tx, current, write);
    });
  }
}
