/** The longest a failing background task (text sync, gap repair) waits before its next try. */
const MAX_RETRY_DELAY_MS = 30_000;

/** Exponential backoff from `baseMs` (at least `floorMs`) after `failures` failures in a row, capped. */
export function retryDelay(baseMs: number, failures: number, floorMs = 100): number {
  return Math.min(MAX_RETRY_DELAY_MS, Math.max(baseMs, floorMs) * 2 ** Math.min(failures, 10));
}
