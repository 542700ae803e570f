import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ReviewState } from '#contracts';
import { isBodyLocked, normaliseForSearch } from '#domain';

/** The shapes of libs/collab's DocumentStore port, repeated structurally so persistence need not import collab. */
export interface StoredUpdateRow {
  seq: number;
  data: Uint8Array;
}

export interface StoredDocumentRows {
  snapshot: Uint8Array | null;
  snapshotSeq: number;
  updates: StoredUpdateRow[];
}

export interface UpdateToStore {
  draftId: string;
  data: Uint8Array;
  userId: string | null;
}

export type StoreOutcome = { ok: true; seq: number } | { ok: false; reason: 'LOCKED' | 'NOT_FOUND' };

/** A draft's Yjs document in PostgreSQL: an append-only update log per draft plus one snapshot. */
@Injectable()
export class DraftDocumentsRepository {
  constructor(private readonly dataSource: DataSource) {}

  loadDocument(draftId: string): Promise<StoredDocumentRows | null> {
    // One repeatable-read snapshot: a compaction committing meanwhile cannot make us miss updates.
    return this.dataSource.transaction('REPEATABLE READ', async (tx) => {
      const exists: unknown[] = await tx.query('SELECT 1 FROM drafts WHERE id = $1', [draftId]);
      if (exists.length === 0) return null;
      const [snapshot]: { seq: string; state: Buffer }[] = await tx.query(
        'SELECT seq, state FROM draft_snapshots WHERE draft_id = $1',
        [draftId],
      );
      const snapshotSeq = snapshot ? Number(snapshot.seq) : 0;
      return {
        snapshot: snapshot?.state ?? null,
        snapshotSeq,
        updates: await this.updatesBetween(tx, draftId, snapshotSeq),
      };
    });
  }

  readUpdates(draftId: string, afterSeq: number, uptoSeq: number): Promise<StoredUpdateRow[]> {
    return this.updatesBetween(this.dataSource.manager, draftId, afterSeq, uptoSeq);
  }

  /**
   * Appends a batch in one transaction. Draft rows are locked in id order (so concurrent
   * instances cannot deadlock), each draft's updates get the next sequence numbers, and a draft
   * whose review state locks the body gets nothing stored.
   */
  appendUpdates(updates: UpdateToStore[]): Promise<StoreOutcome[]> {
    const draftIds = [...new Set(updates.map((u) => u.draftId))].sort();
    return this.dataSource.transaction(async (tx) => {
      const rows: { id: string; head_seq: string; review_state: ReviewState }[] = await tx.query(
        'SELECT id, head_seq, review_state FROM drafts WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE',
        [draftIds],
      );
      const heads = new Map(
        rows.map((row) => [row.id, { seq: Number(row.head_seq), locked: isBodyLocked(row.review_state) }]),
      );
      const outcomes: StoreOutcome[] = [];
      const insert = {
        draftIds: [] as string[],
        seqs: [] as number[],
        data: [] as Buffer[],
        userIds: [] as (string | null)[],
      };
      for (const update of updates) {
        const head = heads.get(update.draftId);
        if (!head) outcomes.push({ ok: false, reason: 'NOT_FOUND' });
        else if (head.locked) outcomes.push({ ok: false, reason: 'LOCKED' });
        else {
          head.seq += 1;
          outcomes.push({ ok: true, seq: head.seq });
          insert.draftIds.push(update.draftId);
          insert.seqs.push(head.seq);
          insert.data.push(Buffer.from(update.data.buffer, update.data.byteOffset, update.data.byteLength));
          insert.userIds.push(update.userId);
        }
      }
      if (insert.seqs.length === 0) return outcomes;
      const changed = [...heads].filter(([, head]) => !head.locked);
      await tx.query(
        `UPDATE drafts AS d SET head_seq = v.head_seq
           FROM unnest($1::uuid[], $2::bigint[]) AS v(id, head_seq) WHERE d.id = v.id`,
        [changed.map(([id]) => id), changed.map(([, head]) => head.seq)],
      );
      await tx.query(
        `INSERT INTO draft_updates (draft_id, seq, data, user_id)
         SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::bytea[], $4::uuid[])`,
        [insert.draftIds, insert.seqs, insert.data, insert.userIds],
      );
      return outcomes;
    });
  }

  /** Keeps the snapshot unless a newer one is stored, and drops the updates it folds. */
  saveSnapshot(draftId: string, seq: number, state: Uint8Array): Promise<void> {
    return this.dataSource.transaction(async (tx) => {
      const kept: unknown[] = await tx.query(
        `INSERT INTO draft_snapshots (draft_id, seq, state) VALUES ($1, $2, $3)
         ON CONFLICT (draft_id) DO UPDATE SET seq = EXCLUDED.seq, state = EXCLUDED.state, updated_at = now()
           WHERE draft_snapshots.seq < EXCLUDED.seq
         RETURNING seq`,
        [draftId, seq, Buffer.from(state)],
      );
      if (kept.length > 0)
        await tx.query('DELETE FROM draft_updates WHERE draft_id = $1 AND seq <= $2', [draftId, seq]);
    });
  }

  async saveText(draftId: string, text: { headline: string; body: string }, seq: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE drafts SET headline = $2, body = $3, search_text = $4, text_seq = $5, updated_at = now()
        WHERE id = $1 AND text_seq <= $5`,
      [draftId, text.headline, text.body, normaliseForSearch(`${text.headline}\n${text.body}`), seq],
    );
  }

  async countUpdates(draftId: string): Promise<number> {
    const [row]: { count: string }[] = await this.dataSource.query(
      'SELECT count(*) AS count FROM draft_updates WHERE draft_id = $1',
      [draftId],
    );
    return Number(row!.count);
  }

  private async updatesBetween(
    db: EntityManager,
    draftId: string,
    afterSeq: number,
    uptoSeq = Number.MAX_SAFE_INTEGER,
  ): Promise<StoredUpdateRow[]> {
    const rows: { seq: string; data: Buffer }[] = await db.query(
      'SELECT seq, data FROM draft_updates WHERE draft_id = $1 AND seq > $2 AND seq <= $3 ORDER BY seq',
      [draftId, afterSeq, uptoSeq],
    );
    return rows.map((row) => ({ seq: Number(row.seq), data: row.data }));
  }
}
