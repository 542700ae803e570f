import type { EntityManager } from 'typeorm';
import { json, storable } from '../claims/sql-values.js';
import type { LatestPublication, NewPublication, PublicationRecord } from './publication-records.js';

/** The columns a read selects from `PUBLICATIONS` (the publisher's name joined in, null for the scheduler). */
export const PUBLICATION_COLUMNS = `p.id, p.draft_id, p.desk_id, p.version, p.event, p.pub_status, p.position, p.uri,
  p.language, p.headline, p.body, p.seq, p.ninjs, p.html, p.embargoed_until, p.first_created, p.published_at,
  p.published_by, u.display_name AS published_by_name, p.note`;

/** What `PUBLICATION_COLUMNS` read from: the versions as `p`, their publisher as `u`. */
export const PUBLICATIONS = `publications p LEFT JOIN users u ON u.id = p.published_by`;

export interface PublicationRow {
  id: string;
  draft_id: string;
  desk_id: string;
  version: number;
  event: PublicationRecord['event'];
  pub_status: PublicationRecord['pubStatus'];
  position: string;
  uri: string;
  language: PublicationRecord['language'];
  headline: string;
  body: string;
  seq: string;
  ninjs: unknown;
  html: string;
  embargoed_until: Date | null;
  first_created: Date;
  published_at: Date;
  published_by: string | null;
  published_by_name: string | null;
  note: string | null;
}

const dateOrNull = (value: Date | null): Date | null => (value === null ? null : new Date(value));

export function toPublication(row: PublicationRow): PublicationRecord {
  return {
    id: row.id,
    draftId: row.draft_id,
    deskId: row.desk_id,
    version: Number(row.version),
    event: row.event,
    pubStatus: row.pub_status,
    position: Number(row.position),
    uri: row.uri,
    language: row.language,
    headline: row.headline,
    body: row.body,
    seq: Number(row.seq),
    ninjs: row.ninjs,
    html: row.html,
    embargoedUntil: dateOrNull(row.embargoed_until),
    firstCreated: new Date(row.first_created),
    publishedAt: new Date(row.published_at),
    publishedBy: row.published_by,
    publishedByName: row.published_by_name,
    note: row.note,
  };
}

/** The story's latest version, if any; the caller holds the draft's row lock, so none can be added meanwhile. */
export async function latestPublication(db: EntityManager, draftId: string): Promise<LatestPublication | null> {
  const [row]: PublicationRow[] = await db.query(
    `SELECT ${PUBLICATION_COLUMNS} FROM ${PUBLICATIONS} WHERE p.draft_id = $1 ORDER BY p.version DESC LIMIT 1`,
    [draftId],
  );
  if (!row) return null;
  const { id, version, pubStatus, headline, body, seq, language, firstCreated, embargoedUntil } = toPublication(row);
  return { id, version, pubStatus, headline, body, seq, language, firstCreated, embargoedUntil };
}

/**
 * Inserts the version and, in the same transaction, one outbox row per webhook endpoint that
 * wants it: a release and its deliveries commit together or not at all (docs/publishing.md).
 * The feed position comes from the one `publication_feed_head` row, locked until this
 * transaction ends, so positions appear in commit order.
 */
export async function insertPublication(
  db: EntityManager,
  draft: { id: string; deskId: string },
  publication: NewPublication,
): Promise<PublicationRecord> {
  const [head]: { position: string }[] = await db.query(
    `SELECT position FROM publication_feed_head WHERE singleton FOR UPDATE`,
  );
  const position = Number(head!.position) + 1;
  await db.query(`UPDATE publication_feed_head SET position = $1 WHERE singleton`, [position]);
  const [row]: PublicationRow[] = await db.query(
    `WITH p AS (
       INSERT INTO publications (draft_id, desk_id, version, event, pub_status, position, uri, language, headline,
                                 body, seq, ninjs, html, embargoed_until, first_created, published_at, published_by, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13, $14, $15, $16, $17, $18)
       RETURNING *)
     SELECT ${PUBLICATION_COLUMNS} FROM p LEFT JOIN users u ON u.id = p.published_by`,
    [
      draft.id,
      draft.deskId,
      publication.version,
      publication.event,
      publication.pubStatus,
      position,
      publication.uri,
      publication.language,
      storable(publication.headline),
      storable(publication.body),
      publication.seq,
      json(publication.ninjs),
      storable(publication.html),
      publication.embargoedUntil,
      publication.firstCreated,
      publication.publishedAt,
      publication.publishedBy,
      storable(publication.note),
    ],
  );
  await db.query(
    `INSERT INTO webhook_deliveries (endpoint_id, publication_id, event)
     SELECT id, $1, $2 FROM webhook_endpoints
      WHERE active AND $2 = ANY (events) AND (desk_ids IS NULL OR $3::uuid = ANY (desk_ids))`,
    [row!.id, publication.event, draft.deskId],
  );
  return toPublication(row!);
}

/** Keeps the draft's release for its embargo time; a draft has at most one pending release. */
export async function scheduleRelease(
  db: EntityManager,
  draftId: string,
  runAt: Date,
  revision: number,
): Promise<void> {
  await db.query(`INSERT INTO release_jobs (draft_id, run_at, revision) VALUES ($1, $2, $3)`, [
    draftId,
    runAt,
    revision,
  ]);
}

/** Ends the draft's pending release: released (with what it published) or canceled. */
export async function finishReleases(
  db: EntityManager,
  draftId: string,
  outcome: { state: 'released'; publicationId: string } | { state: 'canceled' },
): Promise<void> {
  await db.query(
    `UPDATE release_jobs SET state = $2, publication_id = $3, finished_at = date_trunc('milliseconds', now())
      WHERE draft_id = $1 AND state = 'pending'`,
    [draftId, outcome.state, outcome.state === 'released' ? outcome.publicationId : null],
  );
}
