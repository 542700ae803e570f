import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { BODY_LOCKED_STATES } from '#domain';
import { StorageBoundary } from '../database/storage-boundary.js';
import { provesRollback } from '../database/storage-errors.js';
import { AppendLane } from './append-lane.js';
import { resolveLostAppend } from './lost-append-resolver.js';
import { TextWrites } from './text-writes.js';

/** The shapes of libs/collab's DocumentStore port, repeated structurally so persistence need not import collab. */
export interface StoredUpdateRow {
  seq: number;
  data: Uint8Array;
}

export interface StoredDocumentRows {
  snapshot: Uint8Array | null;
  snapshotSeq: number;
  snapshotStateVector: Uint8Array | null;
  updates: StoredUpdateRow[];
  headSeq: number;
}

export interface RejectedUpdateRow {
  seq: number;
  reason: string;
}

export interface UpdateToStore {
  draftId: string;
  data: Uint8Array;
  userId: string | null;
}

export type StoreOutcome = { ok: true; seq: number } | { ok: false; reason: 'LOCKED' | 'NOT_FOUND' };

/**
 * PostgreSQL text cannot hold NUL. The Yjs document keeps exactly what was typed; the plain text
 * (search, REST, claims) shows U+FFFD in its place, one code unit for one, so offsets still match.
 */
function storableText(text: string): string {
  return text.includes('\u0000') ? text.replaceAll('\u0000', '\uFFFD') : text;
}

/** Updates with afterSeq < seq <= uptoSeq, on the data source or inside a transaction. */
async function updatesBetween(
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

/**
 * A draft's Yjs document in PostgreSQL: an append-only update log per draft plus one snapshot.
 * Its methods are the storage boundary (StorageBoundary): an outage leaves them as DomainError
 * UNAVAILABLE, while appendUpdates works with the driver's own errors below it.
 */
@Injectable()
@StorageBoundary()
export class DraftDocumentsRepository {
  private readonly appendLane: AppendLane;

  constructor(private readonly dataSource: DataSource) {
    this.appendLane = new AppendLane(dataSource);
  }

  loadDocument(draftId: string): Promise<StoredDocumentRows | null> {
    // One repeatable-read snapshot: a compaction committing meanwhile cannot make us miss updates.
    return this.dataSource.transaction('REPEATABLE READ', async (tx) => {
      const [draft]: { head_seq: string }[] = await tx.query('SELECT head_seq FROM drafts WHERE id = $1', [draftId]);
      if (!draft) return null;
      const [snapshot]: { seq: string; state: Buffer; state_vector: Buffer | null }[] = await tx.query(
        'SELECT seq, state, state_vector FROM draft_snapshots WHERE draft_id = $1',
        [draftId],
      );
      const snapshotSeq = snapshot ? Number(snapshot.seq) : 0;
      return {
        snapshot: snapshot?.state ?? null,
        snapshotSeq,
        snapshotStateVector: snapshot?.state_vector ?? null,
        updates: await updatesBetween(tx, draftId, snapshotSeq),
        headSeq: Number(draft.head_seq),
      };
    });
  }

  async headSeqs(draftIds: string[]): Promise<Map<string, number>> {
    const rows: { id: string; head_seq: string }[] = await this.dataSource.query(
      'SELECT id, head_seq FROM drafts WHERE id = ANY($1::uuid[])',
      [draftIds],
    );
    return new Map(rows.map((row) => [row.id, Number(row.head_seq)]));
  }

  readUpdates(draftId: string, afterSeq: number, uptoSeq: number): Promise<StoredUpdateRow[]> {
    return updatesBetween(this.dataSource.manager, draftId, afterSeq, uptoSeq);
  }

  /**
   * Appends a batch in one statement (one round trip, one implicit transaction). Draft rows are
   * locked in id order (so concurrent instances cannot deadlock), each draft's updates get the
   * next sequence numbers in submission order, and a draft whose review state locks the body
   * gets nothing stored. Every row carries the batch's id: when the connection fails after the
   * statement went out, the batch is looked up by it (see lost-append-resolver.ts) rather than
   * reported as not stored while it may well be. Back-to-back appends share one connection
   * (AppendLane): a commit never waits for one of the pool's behind background work.
   */
  async appendUpdates(updates: UpdateToStore[]): Promise<StoreOutcome[]> {
    const batchId = randomUUID();
    const { runner, done } = this.appendLane.take();
    let rows: { found: boolean; locked: boolean; seq: string | null }[];
    let failed = true;
    try {
      // Failing to connect sends nothing: that failure is certain and thrown as it is.
      const connection: { processID?: number } = await runner.connect();
      try {
        rows = await runner.query(
          `WITH input AS (
             SELECT * FROM unnest($1::uuid[], $2::bytea[], $3::uuid[]) WITH ORDINALITY AS t(draft_id, data, user_id, ord)
           ),
           locked AS MATERIALIZED (
             SELECT id, head_seq, review_state <> ALL($4::text[]) AS writable FROM drafts
              WHERE id IN (SELECT draft_id FROM input) ORDER BY id FOR NO KEY UPDATE
           ),
           numbered AS (
             SELECT i.draft_id, i.data, i.user_id, i.ord,
                    l.head_seq + row_number() OVER (PARTITION BY i.draft_id ORDER BY i.ord) AS seq
               FROM input i JOIN locked l ON l.id = i.draft_id WHERE l.writable
           ),
           bumped AS (
             UPDATE drafts AS d SET head_seq = m.seq
               FROM (SELECT draft_id, max(seq) AS seq FROM numbered GROUP BY draft_id) AS m
              WHERE d.id = m.draft_id
           ),
           inserted AS (
             INSERT INTO draft_updates (draft_id, seq, data, user_id, batch_id)
               SELECT draft_id, seq, data, user_id, $5::uuid FROM numbered
           )
           SELECT l.id IS NOT NULL AS found, NOT coalesce(l.writable, true) AS locked, n.seq
             FROM input i LEFT JOIN locked l ON l.id = i.draft_id LEFT JOIN numbered n ON n.ord = i.ord
            ORDER BY i.ord`,
          [
            updates.map((u) => u.draftId),
            updates.map((u) => Buffer.from(u.data.buffer, u.data.byteOffset, u.data.byteLength)),
            updates.map((u) => u.userId),
            BODY_LOCKED_STATES,
            batchId,
          ],
        );
        failed = false;
      } catch (error) {
        if (provesRollback(error)) throw error;
        const lost = { batchId, draftIds: updates.map((u) => u.draftId), backendPid: connection.processID ?? null };
        return await resolveLostAppend(this.dataSource, { ...lost, failure: error }, BODY_LOCKED_STATES);
      }
    } finally {
      await done(failed);
    }
    return rows.map((row): StoreOutcome => {
      if (!row.found) return { ok: false, reason: 'NOT_FOUND' };
      if (row.locked || row.seq === null) return { ok: false, reason: 'LOCKED' };
      return { ok: true, seq: Number(row.seq) };
    });
  }

  /** Keeps the snapshot unless a newer one is stored, and drops the updates it folds. */
  saveSnapshot(draftId: string, seq: number, state: Uint8Array, stateVector: Uint8Array): Promise<void> {
    return this.dataSource.transaction(async (tx) => {
      const kept: unknown[] = await tx.query(
        `INSERT INTO draft_snapshots (draft_id, seq, state, state_vector) VALUES ($1, $2, $3, $4)
         ON CONFLICT (draft_id) DO UPDATE
           SET seq = EXCLUDED.seq, state = EXCLUDED.state, state_vector = EXCLUDED.state_vector, updated_at = now()
           WHERE draft_snapshots.seq < EXCLUDED.seq
         RETURNING seq`,
        [draftId, seq, Buffer.from(state), Buffer.from(stateVector)],
      );
      if (kept.length > 0)
        await tx.query('DELETE FROM draft_updates WHERE draft_id = $1 AND seq <= $2', [draftId, seq]);
    });
  }

  /** Drafts' texts saved in one turn go in one statement (TextWrites); made on first use. */
  private textWrites?: TextWrites;

  async saveText(draftId: string, text: { headline: string; body: string }, seq: number): Promise<void> {
    this.textWrites ??= new TextWrites(this.dataSource);
    await this.textWrites.save({ draftId, headline: storableText(text.headline), body: storableText(text.body), seq });
  }

  /** Moves the updates out of the log into the quarantine table, in one transaction. */
  async quarantineUpdates(draftId: string, rejected: RejectedUpdateRow[]): Promise<void> {
    await this.dataSource.query(
      `WITH input AS (SELECT * FROM unnest($2::bigint[], $3::text[]) AS t(seq, reason)),
       moved AS (
         DELETE FROM draft_updates u USING input i WHERE u.draft_id = $1 AND u.seq = i.seq
         RETURNING u.draft_id, u.seq, u.data, u.user_id, u.created_at, i.reason
       )
       INSERT INTO draft_update_quarantine (draft_id, seq, data, user_id, created_at, reason)
       SELECT * FROM moved ON CONFLICT (draft_id, seq) DO NOTHING`,
      [draftId, rejected.map((r) => r.seq), rejected.map((r) => r.reason)],
    );
  }

  async countQuarantined(draftId: string): Promise<number> {
    const [row]: { count: string }[] = await this.dataSource.query(
      'SELECT count(*) AS count FROM draft_update_quarantine WHERE draft_id = $1',
      [draftId],
    );
    return Number(row!.count);
  }

  async countUpdates(draftId: string): Promise<number> {
    const [row]: { count: string }[] = await this.dataSource.query(
      'SELECT count(*) AS count FROM draft_updates WHERE draft_id = $1',
      [draftId],
    );
    return Number(row!.count);
  }
}
