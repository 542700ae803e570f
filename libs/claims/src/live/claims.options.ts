export const CLAIMS_OPTIONS = Symbol('CLAIMS_OPTIONS');

export interface ClaimsOptions {
  /** Automatic claims are looked for this long after the last edit of a burst. */
  settleMs: number;
  /** ...and at the latest this long after its first edit, however long the typing goes on. */
  maxWaitMs: number;
  logger: { warn(details: object, message: string): void; error(details: object, message: string): void };
}
