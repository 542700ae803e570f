import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isUuid } from '#domain';
import { StorageBoundary } from '../database/storage-boundary.js';
import type { FeedQuery, PublicationRecord } from './publications/publication-records.js';
import {
  PUBLICATION_COLUMNS,
  PUBLICATIONS,
  toPublication,
  type PublicationRow,
} from './publications/publication-writes.js';

/** Positions are bigint; beyond this a cursor is not one of ours. */
const MAX_POSITION = Number.MAX_SAFE_INTEGER;

/**
 * Reads of released versions (issue 13). They are written only by review transitions, in the
 * transaction of the transition (reviews.repository.ts), and never change afterwards.
 */
@Injectable()
@StorageBoundary()
export class PublicationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Every version of a story, newest first. */
  async ofDraft(draftId: string): Promise<PublicationRecord[]> {
    if (!isUuid(draftId)) return [];
    const rows: PublicationRow[] = await this.dataSource.query(
      `SELECT ${PUBLICATION_COLUMNS} FROM ${PUBLICATIONS} WHERE p.draft_id = $1 ORDER BY p.version DESC`,
      [draftId],
    );
    return rows.map(toPublication);
  }

  async version(draftId: string, version: number): Promise<PublicationRecord | null> {
    if (!isUuid(draftId) || !Number.isSafeInteger(version) || version < 1 || version > 2 ** 31 - 1) return null;
    const [row]: PublicationRow[] = await this.dataSource.query(
      `SELECT ${PUBLICATION_COLUMNS} FROM ${PUBLICATIONS} WHERE p.draft_id = $1 AND p.version = $2`,
      [draftId, version],
    );
    return row ? toPublication(row) : null;
  }

  async byId(id: string): Promise<PublicationRecord | null> {
    if (!isUuid(id)) return null;
    const [row]: PublicationRow[] = await this.dataSource.query(
      `SELECT ${PUBLICATION_COLUMNS} FROM ${PUBLICATIONS} WHERE p.id = $1`,
      [id],
    );
    return row ? toPublication(row) : null;
  }

  /**
   * One page of the feed of these desks: newest first, positions between `after` and `before`
   * (both exclusive), with the feed's head read in the same snapshot. Positions commit in order,
   * so that snapshot holds every release up to the head and none above it: a poller that asks
   * next for what is after this head misses nothing and sees nothing twice.
   */
  feed(query: FeedQuery): Promise<{ items: PublicationRecord[]; head: number }> {
    const deskIds = query.deskIds.filter(isUuid);
    return this.dataSource.transaction('REPEATABLE READ', async (tx) => {
      const [head]: { position: string }[] = await tx.query(
        `SELECT position FROM publication_feed_head WHERE singleton`,
      );
      const rows: PublicationRow[] =
        deskIds.length === 0
          ? []
          : await tx.query(
              `SELECT ${PUBLICATION_COLUMNS} FROM ${PUBLICATIONS}
                WHERE p.desk_id = ANY ($1::uuid[]) AND p.position > $2 AND p.position < $3
                ORDER BY p.position DESC LIMIT $4`,
              [deskIds, query.after ?? 0, query.before ?? MAX_POSITION, query.limit],
            );
      return { items: rows.map(toPublication), head: Number(head?.position ?? 0) };
    });
  }
}
