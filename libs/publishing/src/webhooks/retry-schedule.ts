/**
 * When a failed attempt is tried again (docs/webhooks.md, Retries): exponential backoff with
 * "equal jitter". The n-th retry waits half of min(base * 2^(n-1), max) plus a random part of
 * the other half, so receivers that failed together are not hit together again, and no wait is
 * ever shorter than half its step or longer than the cap.
 */

export interface RetryPolicy {
  baseMs: number;
  maxMs: number;
  /** The attempt with this number is the last. */
  maxAttempts: number;
}

/** A number in [0, 1), like Math.random (the default); tests pass their own. */
export type RandomSource = () => number;

export type NextStep = { outcome: 'retry'; retryInMs: number } | { outcome: 'failed' };

/** How long to wait after failed attempt number `attempt` (1 for the first). */
export function retryDelayMs(attempt: number, policy: Omit<RetryPolicy, 'maxAttempts'>, random: RandomSource): number {
  const step = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  const half = step / 2;
  return Math.round(half + random() * half);
}

/** What follows failed attempt number `attempt`: another after a delay, or none (the delivery has failed). */
export function afterFailedAttempt(attempt: number, policy: RetryPolicy, random: RandomSource = Math.random): NextStep {
  if (attempt >= policy.maxAttempts) return { outcome: 'failed' };
  return { outcome: 'retry', retryInMs: retryDelayMs(attempt, policy, random) };
}
