import { describe, expect, it } from '@jest/globals';
import { LOGIN_BACKOFF, waitAfterFailures, type LoginBackoff } from './login-backoff.js';

/** Failures a guesser from one address gets in `seconds`, trying again the moment the wait is over. */
function failuresWithin(backoff: LoginBackoff, seconds: number): number {
  let failures = 0;
  let now = 0;
  for (;;) {
    const next = now + waitAfterFailures(backoff, failures);
    if (next > seconds) return failures;
    now = next;
    failures += 1;
  }
}

describe('waitAfterFailures', () => {
  const backoff: LoginBackoff = { freeFailures: 3, firstWaitSeconds: 2, maxWaitSeconds: 60, windowSeconds: 3600 };

  it('lets the free failures go back to back, then doubles the wait up to the ceiling', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8].map((failures) => waitAfterFailures(backoff, failures))).toEqual([
      0, 0, 0, 2, 4, 8, 16, 32, 60,
    ]);
  });

  it('stays at the ceiling however long the attack goes on', () => {
    expect(waitAfterFailures(backoff, 10_000)).toBe(60);
    expect(waitAfterFailures(LOGIN_BACKOFF.pair, Number.MAX_SAFE_INTEGER)).toBe(LOGIN_BACKOFF.pair.maxWaitSeconds);
  });
});

describe('LOGIN_BACKOFF', () => {
  it('gives the owner a few tries at once for one account from one address', () => {
    expect(LOGIN_BACKOFF.pair.freeFailures).toBeGreaterThanOrEqual(3);
    expect(waitAfterFailures(LOGIN_BACKOFF.pair, LOGIN_BACKOFF.pair.freeFailures)).toBe(1);
  });

  it('keeps one address, guessing as fast as it may, far below the budget of the account it attacks', () => {
    const fromOneAddress = failuresWithin(LOGIN_BACKOFF.pair, LOGIN_BACKOFF.account.windowSeconds);
    expect(fromOneAddress).toBeLessThan(20);
    expect(fromOneAddress).toBeLessThan(LOGIN_BACKOFF.account.freeFailures / 2);
  });

  it('slows a guesser trying many accounts from one address long before an hour of guessing', () => {
    expect(failuresWithin(LOGIN_BACKOFF.address, 3600)).toBeLessThan(LOGIN_BACKOFF.address.freeFailures + 20);
  });

  it('never makes an account wait long: its ceiling is a minute', () => {
    expect(LOGIN_BACKOFF.account.maxWaitSeconds).toBeLessThanOrEqual(60);
  });
});
