import type { DatabaseTimeouts } from './config.types.js';
import type { EnvReader } from './env-reader.js';

/**
 * Defaults for an interactive editor, where every ack waits on a commit: a healthy commit takes
 * milliseconds, so seconds of silence already mean the database is unavailable. The client-side
 * query timeout outlasts the statement timeout, so a slow but reachable server answers with its
 * own clean error first and only a silent network is left for the client to detect.
 */
export const DEFAULT_DATABASE_TIMEOUTS: Readonly<DatabaseTimeouts> = {
  connectMs: 5_000,
  statementMs: 10_000,
  lockMs: 5_000,
  idleInTransactionMs: 15_000,
  queryMs: 15_000,
  keepAliveIdleMs: 10_000,
};

const HOUR_MS = 3_600_000;

/** Reads the DATABASE_*_MS variables; problems are collected by the reader. */
export function readDatabaseTimeouts(read: EnvReader): DatabaseTimeouts {
  const defaults = DEFAULT_DATABASE_TIMEOUTS;
  const timeouts: DatabaseTimeouts = {
    connectMs: read.integer('DATABASE_CONNECT_TIMEOUT_MS', defaults.connectMs, 0, HOUR_MS),
    statementMs: read.integer('DATABASE_STATEMENT_TIMEOUT_MS', defaults.statementMs, 0, 24 * HOUR_MS),
    lockMs: read.integer('DATABASE_LOCK_TIMEOUT_MS', defaults.lockMs, 0, 24 * HOUR_MS),
    idleInTransactionMs: read.integer(
      'DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS',
      defaults.idleInTransactionMs,
      0,
      24 * HOUR_MS,
    ),
    queryMs: read.integer('DATABASE_QUERY_TIMEOUT_MS', defaults.queryMs, 0, 24 * HOUR_MS),
    keepAliveIdleMs: read.integer('DATABASE_KEEPALIVE_IDLE_MS', defaults.keepAliveIdleMs, 0, HOUR_MS),
  };
  // A client that gives up first leaves the statement running on the server, and its outcome
  // unknown to us: the server's clean cancellation should always arrive first.
  if (timeouts.queryMs > 0 && timeouts.statementMs > 0 && timeouts.queryMs <= timeouts.statementMs) {
    read.problems.push(
      `DATABASE_QUERY_TIMEOUT_MS (${timeouts.queryMs}) must be longer than DATABASE_STATEMENT_TIMEOUT_MS (${timeouts.statementMs})`,
    );
  }
  return timeouts;
}
