import { Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { CommitOutcomeUnknownError, isStorageUnavailable } from '../database/storage-errors.js';
import type { StoreOutcome } from './draft-documents.repository.js';

/**
 * How long an append whose reply was lost may spend finding out whether it committed. The group
 * committer waits meanwhile (every ack of the instance), so it is short; past it the batch is
 * reported unavailable, which is safe because resending a Yjs update is idempotent.
 */
const RESOLVE_WITHIN_MS = 2_000;
const FIRST_RETRY_MS = 100;
const MAX_RETRY_MS = 1_000;

const logger = new Logger('DraftDocumentsRepository');

/** An appendUpdates call whose outcome is open: what it sent, and the session that ran it. */
export interface LostAppend {
  batchId: string;
  /** The draft of each update, in submission order. */
  draftIds: string[];
  /** The backend process that ran the statement, when it is a PostgreSQL server's. */
  backendPid: number | null;
  failure: unknown;
}

/** What the lookup finds for one draft of the batch. */
export interface DraftAfterAppend {
  found: boolean;
  writable: boolean;
  /** Highest sequence number stored under the batch's id; null when none is. */
  maxSeq: number | null;
}

type Rows = Record<string, unknown>[];
interface Session {
  query(sql: string, params: unknown[]): Promise<Rows>;
  remainingMs(): number;
  /** A separate server connection, as opposed to PGlite's single in-process session. */
  separate: boolean;
}

/**
 * Finds out whether a batch whose reply was lost committed, on a fresh connection, retrying with
 * a short backoff while the database cannot be reached. Stored: the real outcomes. Certainly not
 * stored: the original failure is thrown. Undecided in time: CommitOutcomeUnknownError.
 */
export async function resolveLostAppend(
  dataSource: DataSource,
  lost: LostAppend,
  lockedStates: readonly string[],
): Promise<StoreOutcome[]> {
  const deadline = Date.now() + RESOLVE_WITHIN_MS;
  let lastError: unknown = lost.failure;
  for (let attempt = 0; ; attempt++) {
    try {
      const drafts = await lookUp(dataSource, lost, lockedStates, deadline);
      const outcomes = outcomesAfterAppend(lost.draftIds, drafts);
      if (outcomes === 'NOT_STORED') throw lost.failure;
      if (outcomes !== 'UNDECIDED') {
        logger.warn(
          `The reply to a commit of ${lost.draftIds.length} updates was lost; they were stored (batch ${lost.batchId})`,
        );
        return outcomes;
      }
      break;
    } catch (error) {
      if (error === lost.failure) throw error;
      lastError = error;
      if (!isStorageUnavailable(error)) break;
    }
    const delay = Math.min(FIRST_RETRY_MS * 2 ** attempt, MAX_RETRY_MS);
    if (Date.now() + delay >= deadline) break;
    await sleep(delay);
  }
  logger.error(
    `The reply to a commit of ${lost.draftIds.length} updates was lost and whether they were stored is unknown ` +
      `(batch ${lost.batchId}); reporting them unavailable, and a resend is harmless: ${String(lastError)}`,
  );
  throw new CommitOutcomeUnknownError(
    'The connection was lost while storing updates, and whether they were stored could not be determined',
    { cause: lost.failure },
  );
}

/**
 * The outcomes the lost append had, from what is stored now. A batch's rows for one draft have
 * consecutive sequence numbers in submission order, and compaction only ever removes a prefix,
 * so the highest remaining one dates them all. A draft with no rows of a batch that did commit
 * was missing or locked at the time, and still is unless it was unlocked since: that one case
 * (or every row compacted away already) cannot be told apart, and is left undecided.
 */
export function outcomesAfterAppend(
  draftIds: readonly string[],
  drafts: ReadonlyMap<string, DraftAfterAppend>,
): StoreOutcome[] | 'NOT_STORED' | 'UNDECIDED' {
  if (![...drafts.values()].some((draft) => draft.maxSeq !== null)) return 'NOT_STORED';
  const remaining = new Map<string, number>();
  for (const id of draftIds) remaining.set(id, (remaining.get(id) ?? 0) + 1);
  const outcomes: StoreOutcome[] = [];
  for (const id of draftIds) {
    const draft = drafts.get(id);
    const left = remaining.get(id)! - 1;
    remaining.set(id, left);
    if (draft?.maxSeq != null) outcomes.push({ ok: true, seq: draft.maxSeq - left });
    else if (!draft?.found) outcomes.push({ ok: false, reason: 'NOT_FOUND' });
    else if (!draft.writable) outcomes.push({ ok: false, reason: 'LOCKED' });
    else return 'UNDECIDED';
  }
  return outcomes;
}

async function lookUp(
  dataSource: DataSource,
  lost: LostAppend,
  lockedStates: readonly string[],
  deadline: number,
): Promise<Map<string, DraftAfterAppend>> {
  return withFreshConnection(dataSource, deadline, async ({ query, remainingMs, separate }) => {
    // The old session may still be inside its commit (a slow server rather than a dead network):
    // end it and wait, so that what we read next is final.
    if (separate && lost.backendPid !== null) {
      const [old] = await query(
        'SELECT pg_terminate_backend(pid, $2) AS gone FROM pg_stat_activity WHERE pid = $1 AND pid <> pg_backend_pid()',
        [lost.backendPid, Math.max(1, Math.floor(remainingMs() / 2))],
      );
      if (old && old.gone !== true) throw new Error(`session ${lost.backendPid} is still running`);
    }
    const rows = await query(
      `SELECT i.id::text AS id, d.id IS NOT NULL AS found, coalesce(d.review_state <> ALL($3::text[]), false) AS writable,
              (SELECT max(u.seq) FROM draft_updates u WHERE u.draft_id = i.id AND u.batch_id = $1) AS max_seq
         FROM unnest($2::uuid[]) AS i(id) LEFT JOIN drafts d ON d.id = i.id`,
      [lost.batchId, [...new Set(lost.draftIds)], lockedStates],
    );
    return new Map(
      rows.map((row) => [
        String(row.id),
        {
          found: row.found === true,
          writable: row.writable === true,
          maxSeq: row.max_seq == null ? null : Number(row.max_seq),
        },
      ]),
    );
  });
}

/**
 * Runs `work` on a new connection of its own, outside the pool (whose other connections may be
 * as stuck as the one that failed), bounded by the deadline. PGlite's in-process adapter has a
 * single connection and no network to lose a reply on: its lookups go through the data source.
 */
async function withFreshConnection<T>(
  dataSource: DataSource,
  deadline: number,
  work: (session: Session) => Promise<T>,
): Promise<T> {
  const remainingMs = () => Math.max(1, deadline - Date.now());
  const options = (dataSource.driver as unknown as { master?: { options?: pg.PoolConfig & { connection?: unknown } } })
    .master?.options;
  if (!options || options.connection) {
    return work({ query: (sql, params) => dataSource.query(sql, params), remainingMs, separate: false });
  }
  const within = (configured: number | undefined) => Math.min(configured || Infinity, remainingMs());
  const client = new pg.Client({
    ...options,
    connectionTimeoutMillis: within(options.connectionTimeoutMillis),
    query_timeout: within(options.query_timeout),
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const query = async (sql: string, params: unknown[]) => (await client.query(sql, params)).rows as Rows;
    return await work({ query, remainingMs, separate: true });
  } finally {
    client.end().catch(() => undefined);
  }
}
