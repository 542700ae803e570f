/**
 * The writes of a reconcile: claims created (with their findings), rewritten, their findings
 * brought up to what the extractor reports, and closed.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { ClaimRecord, ClaimUpdateRow, ClaimWrites, NewClaimRow, NewFinding } from './claim-records.js';
import { json, NOW, storable } from './sql-values.js';

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
export async function insertClaims(
  db: EntityManager,
  draftId: string,
  rows: readonly NewClaimRow[],
): Promise<string[]> {
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

/** Rewrites the claims whose stored fields differ from their update; resolves to their ids. */
async function rewriteClaims(
  db: EntityManager,
  draftId: string,
  updates: readonly ClaimUpdateRow[],
): Promise<string[]> {
  if (updates.length === 0) return [];
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
  return rewritten.map(({ id }) => id);
}

/**
 * Brings the findings of the updated claims to those now reported (an update's null findings
 * leave them alone); resolves to the ids of the claims whose findings changed.
 */
async function syncFindings(
  db: EntityManager,
  activeById: ReadonlyMap<string, ClaimRecord>,
  updates: readonly ClaimUpdateRow[],
): Promise<string[]> {
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
  if (refound.length > 0) await db.query(`UPDATE claims SET updated_at = ${NOW} WHERE id = ANY($1::uuid[])`, [refound]);
  return refound;
}

/** Closes those of the claims still open in the draft; resolves to their ids. */
async function closeClaims(db: EntityManager, draftId: string, closes: ClaimWrites['closed']): Promise<string[]> {
  if (closes.length === 0) return [];
  const rows: { id: string }[] = await db.query(
    `WITH closed AS (
     UPDATE claims c SET closed_at = ${NOW}, closed_reason = r.reason, updated_at = ${NOW}
       FROM jsonb_to_recordset($2::jsonb) AS r(id uuid, reason text)
      WHERE c.id = r.id AND c.draft_id = $1 AND c.closed_at IS NULL
      RETURNING c.id
     )
     SELECT id FROM closed`,
    [draftId, json(closes.map((close) => ({ id: close.id, reason: close.reason })))],
  );
  return rows.map((row) => row.id);
}

/** Writes a reconcile's decisions; resolves to the ids of the claims changed (created included) and closed. */
export async function applyWrites(
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

  for (const id of await rewriteClaims(db, draftId, updates)) changed.add(id);
  for (const id of await syncFindings(db, activeById, updates)) changed.add(id);

  const closed = await closeClaims(db, draftId, writes.closed);
  for (const id of closed) changed.delete(id);
  return { changed, closed };
}
