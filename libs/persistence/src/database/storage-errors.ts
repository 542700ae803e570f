import { QueryRunnerAlreadyReleasedError } from 'typeorm';

/** Error codes that mean "the database cannot be reached right now", not "the request was wrong". */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '57014', // query_canceled: DATABASE_STATEMENT_TIMEOUT_MS
  '55P03', // lock_not_available: DATABASE_LOCK_TIMEOUT_MS
  '25P03', // idle_in_transaction_session_timeout
  '08000', // connection_exception
  '08001',
  '08003',
  '08006',
  '53300', // too_many_connections
]);

/** pg's own messages for a connection that is gone, never came, or went silent. */
const UNAVAILABLE_MESSAGE =
  /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect|^Query read timeout$|^timeout expired$/i;

/**
 * Thrown when a write may or may not have been committed: the connection was lost after the
 * statement was sent, and its outcome could not be looked up in time. It is still "storage
 * unavailable" to the client; retrying is safe wherever the write is idempotent.
 */
export class CommitOutcomeUnknownError extends Error {
  constructor(message: string, options: { cause: unknown }) {
    super(message, options);
    this.name = 'CommitOutcomeUnknownError';
  }
}

export function isStorageUnavailable(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 4; depth++) {
    // TypeORM releases a query runner whose connection failed (the server ended an idle
    // transaction with 25P03, or the network dropped); the transaction's next query then fails so.
    if (current instanceof CommitOutcomeUnknownError || current instanceof QueryRunnerAlreadyReleasedError) return true;
    const { code, message, driverError, cause } = current as {
      code?: unknown;
      message?: unknown;
      driverError?: unknown;
      cause?: unknown;
    };
    if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message)) return true;
    current = driverError ?? cause;
  }
  return false;
}

/**
 * True when the error is the server's own ERROR reply to a statement: the statement failed and
 * an implicit transaction was rolled back, so nothing of it is stored. Anything else (a lost
 * connection, a client-side timeout, a FATAL that ends the session, which may come after the
 * commit) leaves the outcome open.
 */
export function provesRollback(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 4; depth++) {
    const { severity, code, driverError } = current as { severity?: unknown; code?: unknown; driverError?: unknown };
    if (severity === 'ERROR' && typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return true;
    current = driverError;
  }
  return false;
}
