export const CLAIMS_OPTIONS = Symbol('CLAIMS_OPTIONS');

export interface ClaimsOptions {
  /** Automatic claims are looked for this long after the last edit of a burst. */
  settleMs: number;
  /** ...and at the latest this long after its first edit, however long the typing goes on. */
  maxWaitMs: number;
  /**
   * Reconciliations under way at once on the instance (default 4); the others wait their turn.
   * Drafts typed in together come due together, and each reconciliation holds a database
   * connection for its transaction: unbounded, they filled the pool (docs/benchmarks.md).
   */
  concurrency?: number;
  logger: { warn(details: object, message: string): void; error(details: object, message: string): void };
}
