/**
 * The writes of a reconcile: claims created (with their findings), rewritten, their findings
 * brought up to what the extractor reports, and closed. What changes is worked out against the
 * claims as read under their locks, and all of it is written in one statement (nothing when
 * nothing changed); the changed claims are built from what was written and the ids and times
 * that statement returns, not re-read.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { CLAIM_COLUMNS, claimFields, findingRecord, type RawClaim, type RawFinding } from './claim-reads.js';
import type {
  ClaimRecord,
  ClaimUpdateRow,
  ClaimWrites,
  FindingRecord,
  NewClaimRow,
  NewFinding,
  ReconcileResult,
} from './claim-records.js';
import { json, NOW, storable } from './sql-values.js';

/** Findings are matched by what they say: kind, message and text. */
function findingKey(finding: NewFinding): string {
  return JSON.stringify([finding.kind, storable(finding.message), storable(finding.text)]);
}

function uniqueFindings(findings: readonly NewFinding[]): NewFinding[] {
  return [...new Map(findings.map((finding) => [findingKey(finding), finding])).values()];
}

const FINDINGS_INSERT = (param: string) => `INSERT INTO claim_findings (claim_id, kind, message, text)
     SELECT claim_id, kind, message, text
       FROM jsonb_to_recordset(${param}::jsonb) AS f(claim_id uuid, kind text, message text, text text)`;

type NewFindingRow = NewFinding & { claimId: string };

const findingsJson = (rows: readonly NewFindingRow[]) =>
  json(rows.map((row) => ({ claim_id: row.claimId, kind: row.kind, message: row.message, text: row.text })));

async function insertFindings(db: EntityManager, rows: NewFindingRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.query(FINDINGS_INSERT('$1'), [findingsJson(rows)]);
}

const CLAIMS_INSERT = (draftParam: string, rowsParam: string) => `INSERT INTO claims AS c
       (id, draft_id, kind, origin, anchor, head, text, start_offset, end_offset, value, subject, note, memory_key,
        created_by)
     SELECT id, ${draftParam}, kind, origin, anchor, head, text, start_offset, end_offset, value, subject, note,
            memory_key, created_by
       FROM jsonb_to_recordset(${rowsParam}::jsonb) AS t(id uuid, kind text, origin text, anchor jsonb, head jsonb,
            text text, start_offset integer, end_offset integer, value jsonb, subject text, note text,
            memory_key text, created_by uuid)`;

function claimsJson(rows: readonly NewClaimRow[], ids: readonly string[]): string {
  return json(
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
  );
}

/** Inserts the claims under fresh ids, with their findings; resolves to the ids in input order. */
export async function insertClaims(
  db: EntityManager,
  draftId: string,
  rows: readonly NewClaimRow[],
): Promise<string[]> {
  if (rows.length === 0) return [];
  const ids = rows.map(() => randomUUID());
  await db.query(CLAIMS_INSERT('$1', '$2'), [draftId, claimsJson(rows, ids)]);
  await insertFindings(db, newFindingsOf(rows, ids));
  return ids;
}

function newFindingsOf(rows: readonly NewClaimRow[], ids: readonly string[]): NewFindingRow[] {
  return rows.flatMap((row, i) => uniqueFindings(row.findings).map((finding) => ({ ...finding, claimId: ids[i]! })));
}

/** JSON with object keys in one order, as jsonb compares: key order and NUL replacement do not count. */
function canonical(value: unknown): string {
  const sorted = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sorted);
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(
        Object.entries(v)
          .filter(([, field]) => field !== undefined)
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([key, field]) => [key, sorted(field)]),
      );
    }
    return v;
  };
  return JSON.stringify(sorted(JSON.parse(json(value ?? null))));
}

/**
 * Whether writing the update would change the claim's stored fields. The plain fields are compared
 * first: typing before a claim moves its offsets, and most reconciles rewrite claims for that alone.
 */
function fieldsDiffer(stored: ClaimRecord, update: ClaimUpdateRow): boolean {
  return (
    stored.startOffset !== update.startOffset ||
    stored.endOffset !== update.endOffset ||
    stored.stale !== update.stale ||
    stored.text !== storable(update.text) ||
    stored.subject !== storable(update.subject) ||
    stored.memoryKey !== storable(update.memoryKey) ||
    canonical([stored.anchor, stored.head, stored.value]) !== canonical([update.anchor, update.head, update.value])
  );
}

/** The findings to mark gone and to add so that the update's claim carries what is now reported. */
function findingChanges(stored: ClaimRecord, update: ClaimUpdateRow): { gone: string[]; added: NewFindingRow[] } {
  // A stored finding still reported stays as it is (dismissed or not), the others go, new ones come.
  if (update.findings === null) return { gone: [], added: [] };
  const held = new Map(stored.findings.map((finding) => [findingKey(finding), finding]));
  const reported = new Map(uniqueFindings(update.findings).map((finding) => [findingKey(finding), finding]));
  return {
    gone: [...held].filter(([key]) => !reported.has(key)).map(([, finding]) => finding.id),
    added: [...reported].filter(([key]) => !held.has(key)).map(([, finding]) => ({ ...finding, claimId: update.id })),
  };
}

const byCreation = (a: FindingRecord, b: FindingRecord) =>
  a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const inDocumentOrder = (a: ClaimRecord, b: ClaimRecord) =>
  a.startOffset - b.startOffset ||
  a.createdAt.getTime() - b.createdAt.getTime() ||
  (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Writes a reconcile's decisions against `active` (the draft's open claims, locked): only the
 * claims that change, all in one statement. Updates and closes naming a claim that is not open in
 * the draft are ignored. Resolves to the claims changed (created included), as stored, in
 * document order, and the ids of those closed.
 */
export async function applyWrites(
  db: EntityManager,
  draftId: string,
  active: readonly ClaimRecord[],
  writes: ClaimWrites,
): Promise<ReconcileResult> {
  const activeById = new Map(active.map((claim) => [claim.id, claim]));
  const closes = [...new Map(writes.closed.map((close) => [close.id, close])).values()].filter((close) =>
    activeById.has(close.id),
  );
  const closing = new Set(writes.closed.map((close) => close.id));
  // Only open claims of this draft, each once (the last write wins), and none that is being closed.
  const updates = [
    ...new Map(
      writes.updated
        .filter((update) => activeById.has(update.id) && !closing.has(update.id))
        .map((update) => [update.id, update]),
    ).values(),
  ];
  const createdIds = writes.created.map(() => randomUUID());
  const gone: string[] = [];
  const added = newFindingsOf(writes.created, createdIds);
  const rewrites: (ClaimUpdateRow & { refound: boolean })[] = [];
  for (const update of updates) {
    const stored = activeById.get(update.id)!;
    const findings = findingChanges(stored, update);
    gone.push(...findings.gone);
    added.push(...findings.added);
    const refound = findings.gone.length > 0 || findings.added.length > 0;
    if (refound || fieldsDiffer(stored, update)) rewrites.push({ ...update, refound });
  }
  if (createdIds.length === 0 && rewrites.length === 0 && closes.length === 0) return { changed: [], closed: [] };

  const params: unknown[] = [draftId];
  const param = (value: unknown) => `$${params.push(value)}`;
  const parts: string[] = [];
  if (createdIds.length > 0) {
    parts.push(
      `created AS (${CLAIMS_INSERT('$1', param(claimsJson(writes.created, createdIds)))} RETURNING ${CLAIM_COLUMNS})`,
    );
  }
  if (rewrites.length > 0) {
    // The distinctness test stays beside the one in memory: a row only changes when PostgreSQL agrees.
    parts.push(`rewritten AS (
       UPDATE claims c
          SET anchor = u.anchor, head = u.head, text = u.text, start_offset = u.start_offset,
              end_offset = u.end_offset, value = u.value, subject = u.subject, memory_key = u.memory_key,
              stale = u.stale, updated_at = ${NOW}
         FROM jsonb_to_recordset(${param(rewritesJson(rewrites))}::jsonb) AS u(id uuid, anchor jsonb, head jsonb,
              text text, start_offset integer, end_offset integer, value jsonb, subject text, memory_key text,
              stale boolean, refound boolean)
        WHERE c.id = u.id AND c.draft_id = $1 AND c.closed_at IS NULL
          AND (u.refound
               OR (c.anchor, c.head, c.text, c.start_offset, c.end_offset, c.value, c.subject, c.memory_key, c.stale)
                  IS DISTINCT FROM
                  (u.anchor, u.head, u.text, u.start_offset, u.end_offset, u.value, u.subject, u.memory_key, u.stale))
       RETURNING c.id, c.updated_at)`);
  }
  if (gone.length > 0) {
    // Run though nothing reads it: PostgreSQL executes every data-modifying WITH.
    parts.push(`gone AS (
       UPDATE claim_findings SET gone_at = ${NOW} WHERE id = ANY(${param(gone)}::uuid[]) AND gone_at IS NULL RETURNING id)`);
  }
  if (added.length > 0) {
    parts.push(`found AS (${FINDINGS_INSERT(param(findingsJson(added)))}
       RETURNING id, claim_id, kind, message, text, created_at, dismissed_by, NULL::text AS dismissed_by_name,
                 dismissed_at, dismiss_reason)`);
  }
  if (closes.length > 0) {
    parts.push(`closed AS (
       UPDATE claims c SET closed_at = ${NOW}, closed_reason = r.reason, updated_at = ${NOW}
         FROM jsonb_to_recordset(${param(json(closes.map(({ id, reason }) => ({ id, reason }))))}::jsonb)
              AS r(id uuid, reason text)
        WHERE c.id = r.id AND c.draft_id = $1 AND c.closed_at IS NULL
       RETURNING c.id)`);
  }
  const rowsOf = (name: string) =>
    parts.some((part) => part.startsWith(`${name} AS`))
      ? `(SELECT coalesce(json_agg(${name}), '[]'::json) FROM ${name})`
      : `'[]'::json`;
  const [result]: {
    created: RawClaim[];
    rewritten: { id: string; updated_at: string }[];
    found: RawFinding[];
    closed: { id: string }[];
  }[] = await db.query(
    `WITH ${parts.join(',\n')}
     SELECT ${rowsOf('created')} AS created, ${rowsOf('rewritten')} AS rewritten, ${rowsOf('found')} AS found,
            ${rowsOf('closed')} AS closed`,
    params,
  );
  const { created, rewritten, found, closed } = result!;

  const foundOf = new Map<string, FindingRecord[]>();
  for (const finding of found.map(findingRecord))
    foundOf.set(finding.claimId, [...(foundOf.get(finding.claimId) ?? []), finding]);
  const goneIds = new Set(gone);
  const rewriteOf = new Map(rewrites.map((update) => [update.id, update]));
  const closedIds = new Set(closed.map(({ id }) => id));
  const changed: ClaimRecord[] = [
    ...created.map((row) => ({
      ...claimFields(row),
      verdicts: [],
      findings: (foundOf.get(row.id) ?? []).sort(byCreation),
    })),
    ...rewritten.map((row) => {
      const stored = activeById.get(row.id)!;
      const findings = [
        ...stored.findings.filter((finding) => !goneIds.has(finding.id)),
        ...(foundOf.get(row.id) ?? []),
      ];
      return {
        ...rewrittenAs(stored, rewriteOf.get(row.id)!),
        updatedAt: new Date(row.updated_at),
        findings: findings.sort(byCreation),
      };
    }),
  ].filter((claim) => !closedIds.has(claim.id));
  return { changed: changed.sort(inDocumentOrder), closed: closed.map(({ id }) => id) };
}

/** Jsonb as it reads back: what a parameter written through json() becomes. */
const asStored = <T>(value: T): T => JSON.parse(json(value ?? null)) as T;

/** The claim as the rewrite leaves it: its update's fields, as stored, over the rest of it. */
function rewrittenAs(stored: ClaimRecord, update: ClaimUpdateRow): ClaimRecord {
  return {
    ...stored,
    anchor: asStored(update.anchor),
    head: asStored(update.head),
    text: storable(update.text),
    startOffset: update.startOffset,
    endOffset: update.endOffset,
    value: asStored(update.value),
    subject: storable(update.subject),
    memoryKey: storable(update.memoryKey),
    stale: update.stale,
  };
}

function rewritesJson(rewrites: readonly (ClaimUpdateRow & { refound: boolean })[]): string {
  return json(
    rewrites.map((update) => ({
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
      refound: update.refound,
    })),
  );
}
