/**
 * The queries across a desk's drafts: the fact-check queue, newsroom-memory suggestions, and a
 * verdict looked up with the draft and desk of its claim.
 */
import type { EntityManager } from 'typeorm';
import type { ReviewState } from '#contracts';
import { isUuid } from '#domain';
import type { ClaimQueueQuery, FoundVerdict, QueueRow, SuggestionRecord } from './claim-records.js';
import {
  CLAIM_COLUMNS,
  claimFields,
  VERDICT_COLUMNS,
  verdictRecord,
  type RawClaim,
  type RawVerdict,
} from './claim-reads.js';

/** The verdict statuses a claim is remembered by (newsroom memory). */
const CHECKED_STATUSES = ['verified', 'disputed', 'false', 'inconclusive'];

/**
 * ClaimsRepository.queue: one page of the fact-check queue, drafts in review first, then newer
 * drafts first, then each draft's claims in document order; keyed on exactly that order so pages
 * never skip or repeat a row.
 */
export async function queuePage(db: EntityManager, query: ClaimQueueQuery): Promise<QueueRow[]> {
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
  })[] = await db.query(
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
 * ClaimsRepository.suggestions (newsroom memory): for each key, the open claims remembered by it
 * on other drafts of the desks whose latest verdict is checked and not stale, and does not go
 * back (by what it cites) to a verdict on the excluded draft, newest verdict first, at most 5.
 * Every key asked for is in the map.
 */
export async function suggestionsFor(
  db: EntityManager,
  memoryKeys: readonly string[],
  deskIds: readonly string[],
  excludeDraftId: string,
): Promise<Map<string, SuggestionRecord[]>> {
  const keys = [...new Set(memoryKeys)];
  const found = new Map<string, SuggestionRecord[]>(keys.map((key) => [key, []]));
  if (keys.length === 0 || deskIds.length === 0) return found;
  const rows: (RawVerdict & { key: string; draft_id: string })[] = await db.query(
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
           -- Not a verdict that cites, directly or through the verdicts it cites, a verdict on a
           -- claim of the draft asking: that would offer the draft its own verdict back.
           AND NOT EXISTS (
             WITH RECURSIVE cited (id) AS (
               SELECT v.cites_verdict_id WHERE v.cites_verdict_id IS NOT NULL
               UNION
               SELECT earlier.cites_verdict_id FROM claim_verdicts earlier JOIN cited ON earlier.id = cited.id
                WHERE earlier.cites_verdict_id IS NOT NULL
             )
             SELECT 1 FROM cited
               JOIN claim_verdicts own ON own.id = cited.id
               JOIN claims own_claim ON own_claim.id = own.claim_id
              WHERE own_claim.draft_id = $3::uuid
           )
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
export async function findVerdictWithDesk(db: EntityManager, verdictId: string): Promise<FoundVerdict | null> {
  if (!isUuid(verdictId)) return null;
  const [row]: (RawVerdict & { draft_id: string; desk_id: string })[] = await db.query(
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
