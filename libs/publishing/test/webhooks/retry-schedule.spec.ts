import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { afterFailedAttempt, retryDelayMs } from '#publishing';

// The defaults (docs/webhooks.md, Retries).
const POLICY = { baseMs: 10_000, maxMs: 3_600_000, maxAttempts: 12 };
const lowest = () => 0;
const highest = () => 0.999_999_999;

describe('the retry schedule', () => {
  it('doubles the step after each failure, waiting between half of it and all of it', () => {
    const steps = [10, 20, 40, 80, 160, 320, 640, 1280, 2560, 3600, 3600].map((s) => s * 1000);
    steps.forEach((step, i) => {
      expect(retryDelayMs(i + 1, POLICY, lowest)).toBe(step / 2);
      expect(retryDelayMs(i + 1, POLICY, highest)).toBe(step);
      expect(retryDelayMs(i + 1, POLICY, () => 0.5)).toBe(step * 0.75);
    });
  });

  it('never waits less than half the step nor more than the cap, however many attempts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.integer({ min: 10, max: 60_000 }),
        fc.integer({ min: 1, max: 1_000 }),
        (attempt, random, baseMs, factor) => {
          const maxMs = baseMs * factor;
          const delay = retryDelayMs(attempt, { baseMs, maxMs }, () => random);
          const step = Math.min(maxMs, baseMs * 2 ** (attempt - 1));
          expect(Number.isInteger(delay)).toBe(true);
          expect(delay).toBeGreaterThanOrEqual(Math.floor(step / 2));
          expect(delay).toBeLessThanOrEqual(maxMs);
        },
      ),
    );
  });

  it('retries until the last attempt has failed, then gives up', () => {
    expect(afterFailedAttempt(1, POLICY, lowest)).toEqual({ outcome: 'retry', retryInMs: 5_000 });
    expect(afterFailedAttempt(11, POLICY, highest)).toEqual({ outcome: 'retry', retryInMs: 3_600_000 });
    expect(afterFailedAttempt(12, POLICY, lowest)).toEqual({ outcome: 'failed' });
    expect(afterFailedAttempt(13, POLICY, lowest)).toEqual({ outcome: 'failed' });
    expect(afterFailedAttempt(1, { ...POLICY, maxAttempts: 1 })).toEqual({ outcome: 'failed' });
  });
});
