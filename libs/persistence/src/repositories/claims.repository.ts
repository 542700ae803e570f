import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type {
  ClaimKind,
  ClaimOrigin,
  ClaimStatus,
  Evidence,
  ExtractedClaim,
  FindingKind,
  RelativePositionJson,
  ReviewState,
  VerdictStatus,
} from '#contracts';
import { DomainError, isUuid } from '#domain';
import { StorageBoundary } from '../database/storage-boundary.js';

/** What the extractor read from a claim (a number, a money amount, a date...). */
export type ClaimValue = ExtractedClaim['value'];

/** One verdict of a claim's history, with the giver's display name. */
export interface VerdictRecord {
  id: string;
  claimId: string;
  status: VerdictStatus;
  note: string | null;
  evidence: Evidence[];
  byUserId: string;
  byName: string;
  at: Date;
  /** The claim's text when the verdict was given. */
  text: string;
  citesVerdictId: string | null;
}

/** A finding the extractor still reports on a claim (dismissed or not). */
export interface FindingRecord {
  id: string;
  claimId: string;
  kind: FindingKind;
  message: string;
  text: string;
  createdAt: Date;
  dismissedBy: string | null;
  dismissedAt: Date | null;
  dismissReason: string | null;
}

/** A claim's own columns. */
export interface ClaimFields {
  id: string;
  draftId: string;
  /** Null only for a manual claim tagged without a kind the extractor recognises. */
  kind: ClaimKind | null;
  origin: ClaimOrigin;
  anchor: RelativePositionJson;
  head: RelativePositionJson;
  /** The text under the anchors, and where, when last reconciled. */
  text: string;
  startOffset: number;
  endOffset: number;
  value: ClaimValue | null;
  subject: string | null;
  note: string | null;
  memoryKey: string | null;
  status: ClaimStatus;
  /** The text at the latest verdict. */
  checkedText: string | null;
  stale: boolean;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
  closedReason: string | null;
}

export interface ClaimRecord extends ClaimFields {
  /** Oldest first. */
  verdicts: VerdictRecord[];
  /** Those the extractor still reports, dismissed ones included, oldest first. */
  findings: FindingRecord[];
}

/** A finding as the extractor reports it; matched to a stored one by all three. */
export interface NewFinding {
  kind: FindingKind;
  message: string;
  text: string;
}

export interface NewClaimRow {
  kind: ClaimKind | null;
  origin: ClaimOrigin;
  anchor: RelativePositionJson;
  head: RelativePositionJson;
  text: string;
  startOffset: number;
  endOffset: number;
  value: ClaimValue | null;
  subject: string | null;
  memoryKey: string | null;
  note: string | null;
  createdBy: string | null;
  findings: NewFinding[];
}

export interface ClaimUpdateRow {
  id: string;
  anchor: RelativePositionJson;
  head: RelativePositionJson;
  text: string;
  startOffset: number;
  endOffset: number;
  value: ClaimValue | null;
  subject: string | null;
  memoryKey: string | null;
  stale: boolean;
  /** Every finding now reported on the claim; null leaves its findings alone (a manual claim). */
  findings: NewFinding[] | null;
}

/** What a reconcile decided: claims to create, to rewrite, to close. */
export interface ClaimWrites {
  created: NewClaimRow[];
  updated: ClaimUpdateRow[];
  closed: { id: string; reason: string }[];
}

export interface ReconcileResult {
  /** New claims and those whose stored fields or findings changed, re-read, in document order. */
  changed: ClaimRecord[];
  /** The ids of the claims closed. */
  closed: string[];
}

export interface NewVerdict {
  status: VerdictStatus;
  note: string | null;
  evidence: Evidence[];
  byUserId: string;
  /** The claim's text now. */
  text: string;
  citesVerdictId: string | null;
}

export interface FindingDismissal {
  byUserId: string;
  reason: string;
}

/** `stale`: any stale claim; `unchecked` and `in_progress`: that status, not stale. */
export type QueueStatus = 'unchecked' | 'stale' | 'in_progress';

/** The last row of a queue page: where the next one starts. */
export interface QueueCursor {
  /** Its draft was in review (`review_state = 'in_review'`). */
  inReview: boolean;
  draftCreatedAt: Date;
  draftId: string;
  startOffset: number;
  claimId: string;
}

export interface ClaimQueueQuery {
  /** Only these desks (the caller's). */
  deskIds: readonly string[];
  statuses: readonly QueueStatus[];
  /** Narrows to one desk (which must also be in deskIds). */
  deskId?: string;
  after?: QueueCursor;
  limit: number;
}

export interface QueueRow extends ClaimFields {
  draftHeadline: string;
  draftReviewState: ReviewState;
  draftCreatedAt: Date;
  deskId: string;
}

export interface SuggestionRecord {
  draftId: string;
  claimId: string;
  verdict: VerdictRecord;
}

export interface FoundVerdict extends VerdictRecord {
  draftId: string;
  deskId: string;
}

/** The cursor a queue page ending with `row` hands on. */
export function queueCursorOf(row: QueueRow): QueueCursor {
  return {
    inReview: row.draftReviewState === 'in_review',
    draftCreatedAt: row.draftCreatedAt,
    draftId: row.draftId,
    startOffset: row.startOffset,
    claimId: row.id,
  };
}

/** The verdict statuses a claim is remembered by (newsroom memory). */
const CHECKED_STATUSES = ['verified', 'disputed', 'false', 'inconclusive'];

const NOW = `date_trunc('milliseconds', now())`;

/**
 * PostgreSQL text and jsonb cannot hold NUL. As for a draft's plain text, U+FFFD takes its place,
 * one code unit for one, so offsets still match the document.
 */
function storable<T extends string | null>(text: T): T {
  return (text !== null && text.includes('\u0000') ? text.replaceAll('\u0000', '\uFFFD') : text) as T;
}

/** A jsonb parameter (arrays too: pg would send a JS array as a PostgreSQL array). */
function json(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? storable(v) : v));
}

const CLAIM_COLUMNS = `c.id, c.draft_id, c.kind, c.origin, c.anchor, c.head, c.text, c.start_offset, c.end_offset,
  c.value, c.subject, c.note, c.memory_key, c.status, c.checked_text, c.stale, c.created_by, c.created_at,
  c.updated_at, c.closed_at, c.closed_reason`;

/** Document order, then the order tagged in. */
const DOCUMENT_ORDER = 'c.start_offset, c.created_at, c.id';

interface RawClaim {
  id: string;
  draft_id: string;
  kind: ClaimKind;
  origin: ClaimOrigin;
  anchor: RelativePositionJson;
  head: RelativePositionJson;
  text: string;
  start_offset: number;
  end_offset: number;
  value: ClaimValue | null;
  subject: string | null;
  note: string | null;
  memory_key: string | null;
  status: ClaimStatus;
  checked_text: string | null;
  stale: boolean;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
  closed_at: Date | null;
  closed_reason: string | null;
}

interface RawVerdict {
  id: string;
  claim_id: string;
  status: VerdictStatus;
  note: string | null;
  evidence: Evidence[];
  by_user_id: string;
  by_name: string;
  at: Date;
  text: string;
  cites_verdict_id: string | null;
}

interface RawFinding {
  id: string;
  claim_id: string;
  kind: FindingKind;
  message: string;
  text: string;
  created_at: Date;
  dismissed_by: string | null;
  dismissed_at: Date | null;
  dismiss_reason: string | null;
}

const VERDICT_COLUMNS = `v.id, v.claim_id, v.status, v.note, v.evidence, v.by_user_id, u.display_name AS by_name,
  v.at, v.text, v.cites_verdict_id`;

function claimFields(row: RawClaim): ClaimFields {
  return {
    id: row.id,
    draftId: row.draft_id,
    kind: row.kind,
    origin: row.origin,
    anchor: row.anchor,
    head: row.head,
    text: row.text,
    startOffset: Number(row.start_offset),
    endOffset: Number(row.end_offset),
    value: row.value,
    subject: row.subject,
    note: row.note,
    memoryKey: row.memory_key,
    status: row.status,
    checkedText: row.checked_text,
    stale: row.stale,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    closedAt: row.closed_at === null ? null : new Date(row.closed_at),
    closedReason: row.closed_reason,
  };
}

function verdictRecord(row: RawVerdict): VerdictRecord {
  return {
    id: row.id,
    claimId: row.claim_id,
    status: row.status,
    note: row.note,
    evidence: row.evidence,
    byUserId: row.by_user_id,
    byName: row.by_name,
    at: new Date(row.at),
    text: row.text,
    citesVerdictId: row.cites_verdict_id,
  };
}

function findingRecord(row: RawFinding): FindingRecord {
  return {
    id: row.id,
    claimId: row.claim_id,
    kind: row.kind,
    message: row.message,
    text: row.text,
    createdAt: new Date(row.created_at),
    dismissedBy: row.dismissed_by,
    dismissedAt: row.dismissed_at === null ? null : new Date(row.dismissed_at),
    dismissReason: row.dismiss_reason,
  };
}

function groupBy<T extends { claimId: string }>(items: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(item.claimId);
    if (group) group.push(item);
    else groups.set(item.claimId, [item]);
  }
  return groups;
}

/** Claims selected by `sql` (over `claims c`, selecting CLAIM_COLUMNS), with their verdicts and findings. */
async function readClaims(db: EntityManager, sql: string, params: unknown[]): Promise<ClaimRecord[]> {
  const rows: RawClaim[] = await db.query(sql, params);
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const verdicts: RawVerdict[] = await db.query(
    `SELECT ${VERDICT_COLUMNS} FROM claim_verdicts v JOIN users u ON u.id = v.by_user_id
      WHERE v.claim_id = ANY($1::uuid[]) ORDER BY v.at, v.id`,
    [ids],
  );
  const findings: RawFinding[] = await db.query(
    `SELECT id, claim_id, kind, message, text, created_at, dismissed_by, dismissed_at, dismiss_reason
       FROM claim_findings WHERE claim_id = ANY($1::uuid[]) AND gone_at IS NULL ORDER BY created_at, id`,
    [ids],
  );
  const verdictsOf = groupBy(verdicts.map(verdictRecord));
  const findingsOf = groupBy(findings.map(findingRecord));
  return rows.map((row) => ({
    ...claimFields(row),
    verdicts: verdictsOf.get(row.id) ?? [],
    findings: findingsOf.get(row.id) ?? [],
  }));
}

function readClaim(db: EntityManager, draftId: string, claimId: string): Promise<ClaimRecord | null> {
  return readClaims(db, `SELECT ${CLAIM_COLUMNS} FROM claims c WHERE c.id = $1 AND c.draft_id = $2`, [
    claimId,
    draftId,
  ]).then((claims) => claims[0] ?? null);
}

/** Locks the claim's row when it is an open claim of the draft; false when it is not. */
async function lockOpenClaim(db: EntityManager, draftId: string, claimId: string): Promise<boolean> {
  const rows: unknown[] = await db.query(
    'SELECT id FROM claims WHERE id = $1 AND draft_id = $2 AND closed_at IS NULL FOR UPDATE',
    [claimId, draftId],
  );
  return rows.length > 0;
}

/** Findings are matched by what they say: kind, message and text. */
function findingKey(finding: NewFinding): string {
  return JSON.stringify([finding.kind, storable(finding.message), storable(finding.text)]);
}

function uniqueFindings(findings: readonly NewFinding[]): NewFinding[] {
  return [...new Map(findings.map((finding) => [findingKey(finding), finding])).values()];
}

async function insertFindings(db: EntityManager, rows: (NewFinding & { claimId: string })[]): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    `INSERT INTO claim_findings (claim_id, kind, message, text)
     SELECT claim_id, kind, message, text
       FROM jsonb_to_recordset($1::jsonb) AS f(claim_id uuid, kind text, message text, text text)`,
    [json(rows.map((row) => ({ claim_id: row.claimId, kind: row.kind, message: row.message, text: row.text })))],
  );
}

/** Inserts the claims under fresh ids, with their findings; resolves to the ids in input order. */
async function insertClaims(db: EntityManager, draftId: string, rows: readonly NewClaimRow[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const ids = rows.map(() => randomUUID());
  await db.query(
    `INSERT INTO claims (id, draft_id, kind, origin, anchor, head, text, start_offset, end_offset, value, subject,
                         note, memory_key, created_by)
     SELECT id, $1, kind, origin, anchor, head, text, start_offset, end_offset, value, subject, note, memory_key,
            created_by
       FROM jsonb_to_recordset($2::jsonb) AS t(id uuid, kind text, origin text, anchor jsonb, head jsonb, text text,
            start_offset integer, end_offset integer, value jsonb, subject text, note text, memory_key text,
            created_by uuid)`,
    [
      draftId,
      json(
        rows.map((row, i) => ({
          id: ids[i],
          kind: row.kind,
          origin: row.origin,
          anchor: row.anchor,
          head: row.head,
          text: row.text,
          start_offset: row.startOffset,
          end_offset: row.endOffset,
          value: row.value,
          subject: row.subject,
          note: row.note,
          memory_key: row.memoryKey,
          created_by: row.createdBy,
        })),
      ),
    ],
  );
  await insertFindings(
    db,
    rows.flatMap((row, i) => uniqueFindings(row.findings).map((finding) => ({ ...finding, claimId: ids[i]! }))),
  );
  return ids;
}

/** Writes a reconcile's decisions; resolves to the ids of the claims changed (created included) and closed. */
async function applyWrites(
  db: EntityManager,
  draftId: string,
  active: readonly ClaimRecord[],
  writes: ClaimWrites,
): Promise<{ changed: Set<string>; closed: string[] }> {
  const changed = new Set(await insertClaims(db, draftId, writes.created));

  const closing = new Set(writes.closed.map((close) => close.id));
  const activeById = new Map(active.map((claim) => [claim.id, claim]));
  // Only open claims of this draft, each once (the last write wins), and none that is being closed.
  const updates = [
    ...new Map(
      writes.updated
        .filter((update) => activeById.has(update.id) && !closing.has(update.id))
        .map((update) => [update.id, update]),
    ).values(),
  ];

  if (updates.length > 0) {
    // RETURNING is read through a CTE: TypeORM answers a bare UPDATE with [rows, rowCount].
    const rewritten: { id: string }[] = await db.query(
      `WITH rewritten AS (
       UPDATE claims c
          SET anchor = u.anchor, head = u.head, text = u.text, start_offset = u.start_offset,
              end_offset = u.end_offset, value = u.value, subject = u.subject, memory_key = u.memory_key,
              stale = u.stale, updated_at = ${NOW}
         FROM jsonb_to_recordset($2::jsonb) AS u(id uuid, anchor jsonb, head jsonb, text text, start_offset integer,
              end_offset integer, value jsonb, subject text, memory_key text, stale boolean)
        WHERE c.id = u.id AND c.draft_id = $1 AND c.closed_at IS NULL
          AND (c.anchor, c.head, c.text, c.start_offset, c.end_offset, c.value, c.subject, c.memory_key, c.stale)
              IS DISTINCT FROM
              (u.anchor, u.head, u.text, u.start_offset, u.end_offset, u.value, u.subject, u.memory_key, u.stale)
        RETURNING c.id
       )
       SELECT id FROM rewritten`,
      [
        draftId,
        json(
          updates.map((update) => ({
            id: update.id,
            anchor: update.anchor,
            head: update.head,
            text: update.text,
            start_offset: update.startOffset,
            end_offset: update.endOffset,
            value: update.value,
            subject: update.subject,
            memory_key: update.memoryKey,
            stale: update.stale,
          })),
        ),
      ],
    );
    for (const { id } of rewritten) changed.add(id);
  }

  // Findings: a stored one still reported stays as it is (dismissed or not), the others go, new ones come.
  const gone: string[] = [];
  const added: (NewFinding & { claimId: string })[] = [];
  const refound: string[] = [];
  for (const update of updates) {
    if (update.findings === null) continue;
    const stored = new Map(activeById.get(update.id)!.findings.map((finding) => [findingKey(finding), finding]));
    const reported = new Map(uniqueFindings(update.findings).map((finding) => [findingKey(finding), finding]));
    let differs = false;
    for (const [key, finding] of stored) {
      if (!reported.has(key)) {
        gone.push(finding.id);
        differs = true;
      }
    }
    for (const [key, finding] of reported) {
      if (!stored.has(key)) {
        added.push({ ...finding, claimId: update.id });
        differs = true;
      }
    }
    if (differs) refound.push(update.id);
  }
  if (gone.length > 0)
    await db.query(`UPDATE claim_findings SET gone_at = ${NOW} WHERE id = ANY($1::uuid[]) AND gone_at IS NULL`, [gone]);
  await insertFindings(db, added);
  if (refound.length > 0) {
    await db.query(`UPDATE claims SET updated_at = ${NOW} WHERE id = ANY($1::uuid[])`, [refound]);
    for (const id of refound) changed.add(id);
  }

  let closed: string[] = [];
  if (writes.closed.length > 0) {
    const rows: { id: string }[] = await db.query(
      `WITH closed AS (
       UPDATE claims c SET closed_at = ${NOW}, closed_reason = r.reason, updated_at = ${NOW}
         FROM jsonb_to_recordset($2::jsonb) AS r(id uuid, reason text)
        WHERE c.id = r.id AND c.draft_id = $1 AND c.closed_at IS NULL
        RETURNING c.id
       )
       SELECT id FROM closed`,
      [draftId, json(writes.closed.map((close) => ({ id: close.id, reason: close.reason })))],
    );
    closed = rows.map((row) => row.id);
    for (const id of closed) changed.delete(id);
  }
  return { changed, closed };
}

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
    return readClaims(
      this.dataSource.manager,
      `SELECT ${CLAIM_COLUMNS} FROM claims c WHERE c.draft_id = $1 AND c.closed_at IS NULL ORDER BY ${DOCUMENT_ORDER}`,
      [draftId],
    );
  }

  /** One claim of the draft, open or closed; null when the draft has no such claim. */
  one(draftId: string, claimId: string): Promise<ClaimRecord | null> {
    if (!isUuid(draftId) || !isUuid(claimId)) return Promise.resolve(null);
    return readClaim(this.dataSource.manager, draftId, claimId);
  }

  /**
   * Brings the draft's claims up to the document at `seq`, exactly once across instances: the
   * draft's `claim_reconciliations` row stays locked from reading its seq to advancing it (not the
   * draft's own row, which update commits lock), and a reconcile at a seq
   * already reached (or passed) resolves to null without calling `decide`. Otherwise `decide` gets
   * the open claims (locked too, so a verdict cannot land between its reading and our writing)
   * and its writes are applied; null from it writes nothing but still advances the seq.
   * Updates and closes naming a claim that is not open in this draft are ignored. Also null when
   * the draft does not exist.
   */
  reconcile(
    draftId: string,
    seq: number,
    decide: (active: ClaimRecord[]) => ClaimWrites | null,
  ): Promise<ReconcileResult | null> {
    return this.dataSource.transaction(async (tx) => {
      // The first reconcile of a draft creates its row (the reference takes only a key-share lock
      // on the draft, which update commits do not wait for).
      await tx.query(
        `INSERT INTO claim_reconciliations (draft_id)
           SELECT id FROM drafts WHERE id = $1 ON CONFLICT (draft_id) DO NOTHING`,
        [draftId],
      );
      const [state]: { seq: string }[] = await tx.query(
        'SELECT seq FROM claim_reconciliations WHERE draft_id = $1 FOR UPDATE',
        [draftId],
      );
      if (!state || Number(state.seq) >= seq) return null;
      const active = await readClaims(
        tx,
        `SELECT ${CLAIM_COLUMNS} FROM claims c WHERE c.draft_id = $1 AND c.closed_at IS NULL
          ORDER BY ${DOCUMENT_ORDER} FOR UPDATE`,
        [draftId],
      );
      const writes = decide(active);
      const result = writes ? await applyWrites(tx, draftId, active, writes) : { changed: new Set(), closed: [] };
      await tx.query('UPDATE claim_reconciliations SET seq = $2 WHERE draft_id = $1', [draftId, seq]);
      const changed =
        result.changed.size === 0
          ? []
          : await readClaims(
              tx,
              `SELECT ${CLAIM_COLUMNS} FROM claims c WHERE c.id = ANY($1::uuid[]) ORDER BY ${DOCUMENT_ORDER}`,
              [[...result.changed]],
            );
      return { changed, closed: result.closed };
    });
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
    const statuses = query.statuses.filter((status) => status !== 'stale');
    const withStale = query.statuses.includes('stale');
    if (query.deskIds.length === 0 || (statuses.length === 0 && !withStale) || query.limit <= 0) return [];
    if (query.deskId !== undefined && !isUuid(query.deskId)) return [];
    const params: unknown[] = [[...query.deskIds], statuses, withStale];
    const where = [
      'd.desk_id = ANY($1::uuid[])',
      'c.closed_at IS NULL',
      // The queue index's predicate, spelled out so the planner may use it.
      `(c.stale OR c.status IN ('unchecked', 'in_progress'))`,
      '((c.stale AND $3::boolean) OR (NOT c.stale AND c.status = ANY($2::text[])))',
    ];
    if (query.deskId !== undefined) {
      params.push(query.deskId);
      where.push(`d.desk_id = $${params.length}::uuid`);
    }
    if (query.after) {
      const { inReview, draftCreatedAt, draftId, startOffset, claimId } = query.after;
      params.push(inReview, draftCreatedAt, draftId, startOffset, claimId);
      const n = params.length;
      const draft = `($${n - 4}::boolean, $${n - 3}::timestamptz, $${n - 2}::uuid)`;
      where.push(
        `((d.review_state = 'in_review', d.created_at, d.id) < ${draft}
          OR ((d.review_state = 'in_review', d.created_at, d.id) = ${draft}
              AND (c.start_offset, c.id) > ($${n - 1}::integer, $${n}::uuid)))`,
      );
    }
    params.push(query.limit);
    const rows: (RawClaim & {
      draft_headline: string;
      draft_review_state: ReviewState;
      draft_created_at: Date;
      desk_id: string;
    })[] = await this.dataSource.query(
      `SELECT ${CLAIM_COLUMNS}, d.headline AS draft_headline, d.review_state AS draft_review_state,
              d.created_at AS draft_created_at, d.desk_id
         FROM claims c JOIN drafts d ON d.id = c.draft_id
        WHERE ${where.join(' AND ')}
        ORDER BY d.review_state = 'in_review' DESC, d.created_at DESC, d.id DESC, c.start_offset, c.id
        LIMIT $${params.length}`,
      params,
    );
    return rows.map((row) => ({
      ...claimFields(row),
      draftHeadline: row.draft_headline,
      draftReviewState: row.draft_review_state,
      draftCreatedAt: new Date(row.draft_created_at),
      deskId: row.desk_id,
    }));
  }

  /**
   * Newsroom memory: for each key, the open claims remembered by it on other drafts of the desks
   * whose latest verdict is verified, disputed, false or inconclusive (not stale: a stale claim's
   * verdict no longer counts), newest verdict first, at most 5. Every key asked for is in the map.
   */
  async suggestions(
    memoryKeys: readonly string[],
    deskIds: readonly string[],
    excludeDraftId: string,
  ): Promise<Map<string, SuggestionRecord[]>> {
    const keys = [...new Set(memoryKeys)];
    const found = new Map<string, SuggestionRecord[]>(keys.map((key) => [key, []]));
    if (keys.length === 0 || deskIds.length === 0) return found;
    const rows: (RawVerdict & { key: string; draft_id: string })[] = await this.dataSource.query(
      `SELECT k.key, s.*
         FROM unnest($1::text[]) AS k(key)
        CROSS JOIN LATERAL (
          SELECT c.draft_id, ${VERDICT_COLUMNS}
            FROM claims c
            JOIN drafts d ON d.id = c.draft_id
            JOIN LATERAL (
              SELECT * FROM claim_verdicts latest WHERE latest.claim_id = c.id ORDER BY latest.at DESC, latest.id DESC LIMIT 1
            ) v ON true
            JOIN users u ON u.id = v.by_user_id
           WHERE c.memory_key = k.key
             AND c.status IN ('verified', 'disputed', 'false', 'inconclusive')
             AND c.closed_at IS NULL
             AND NOT c.stale
             AND d.desk_id = ANY($2::uuid[])
             AND c.draft_id IS DISTINCT FROM $3::uuid
             AND v.status = ANY($4::text[])
           ORDER BY v.at DESC, v.id DESC
           LIMIT 5
        ) s
        ORDER BY k.key, s.at DESC, s.id DESC`,
      [keys, [...deskIds], isUuid(excludeDraftId) ? excludeDraftId : null, CHECKED_STATUSES],
    );
    for (const row of rows) {
      found.get(row.key)!.push({ draftId: row.draft_id, claimId: row.claim_id, verdict: verdictRecord(row) });
    }
    return found;
  }

  /** A verdict with the draft and desk of its claim (to check the caller may see it); null when none. */
  async findVerdict(verdictId: string): Promise<FoundVerdict | null> {
    if (!isUuid(verdictId)) return null;
    const [row]: (RawVerdict & { draft_id: string; desk_id: string })[] = await this.dataSource.query(
      `SELECT ${VERDICT_COLUMNS}, c.draft_id, d.desk_id
         FROM claim_verdicts v
         JOIN users u ON u.id = v.by_user_id
         JOIN claims c ON c.id = v.claim_id
         JOIN drafts d ON d.id = c.draft_id
        WHERE v.id = $1`,
      [verdictId],
    );
    return row ? { ...verdictRecord(row), draftId: row.draft_id, deskId: row.desk_id } : null;
  }
}
