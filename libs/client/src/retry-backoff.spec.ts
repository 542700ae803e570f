import { describe, expect, it } from '@jest/globals';
import { RetryBackoff } from './retry-backoff.js';

describe('RetryBackoff', () => {
  it('doubles up to the cap, between half and all of each step', () => {
    const highest = new RetryBackoff(100, 1_000, () => 1);
    expect([1, 2, 3, 4, 5, 6].map(() => highest.next())).toEqual([100, 200, 400, 800, 1_000, 1_000]);
    const lowest = new RetryBackoff(100, 1_000, () => 0);
    expect([1, 2, 3].map(() => lowest.next())).toEqual([50, 100, 200]);
  });

  it('starts over after a reset', () => {
    const backoff = new RetryBackoff(100, 1_000, () => 1);
    backoff.next();
    backoff.next();
    backoff.reset();
    expect(backoff.next()).toBe(100);
  });
});
