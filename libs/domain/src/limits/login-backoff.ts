/**
 * Progressive delay for failed sign-ins (docs/security.md, Login throttling). Nothing is ever
 * locked: after a number of free failures each further attempt waits twice as long as the one
 * before, up to a ceiling, so a guesser slows to a trickle while the owner, who fails a few times
 * at most, is never shut out. Counts are forgotten `windowSeconds` after the first failure.
 */
export interface LoginBackoff {
  /** Failures allowed back to back. */
  freeFailures: number;
  /** The wait after the last free failure; each further failure doubles it... */
  firstWaitSeconds: number;
  /** ...up to this. */
  maxWaitSeconds: number;
  windowSeconds: number;
}

/** One account from one client address: the owner mistyping, or a guesser. */
const PAIR: LoginBackoff = { freeFailures: 5, firstWaitSeconds: 1, maxWaitSeconds: 15 * 60, windowSeconds: 24 * 3600 };

/** One address across accounts: one guesser trying many accounts (room for a newsroom behind one NAT). */
const ADDRESS: LoginBackoff = { freeFailures: 100, firstWaitSeconds: 1, maxWaitSeconds: 15 * 60, windowSeconds: 3600 };

/**
 * One account across addresses: guessers spread over many addresses. Its budget is far above what
 * one address can spend in its window (under 20 failures an hour, by PAIR), so one guesser cannot
 * make the owner wait; many can, but only up to the short ceiling.
 */
const ACCOUNT: LoginBackoff = { freeFailures: 50, firstWaitSeconds: 1, maxWaitSeconds: 60, windowSeconds: 3600 };

export const LOGIN_BACKOFF = { pair: PAIR, address: ADDRESS, account: ACCOUNT } as const;

export type LoginBackoffScope = keyof typeof LOGIN_BACKOFF;

/** How long the next attempt must wait after `failures` failures in the window; 0: at once. */
export function waitAfterFailures(backoff: LoginBackoff, failures: number): number {
  if (failures < backoff.freeFailures) return 0;
  // A long attack drives 2^n to Infinity, which the ceiling absorbs.
  return Math.min(backoff.maxWaitSeconds, backoff.firstWaitSeconds * 2 ** (failures - backoff.freeFailures));
}
