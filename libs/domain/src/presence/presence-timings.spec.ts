import { describe, expect, it } from '@jest/globals';
import { presenceTimings } from './presence-timings.js';

describe('presenceTimings', () => {
  it.each([
    // timeout, heartbeat, sweep, stale after, ping interval, ping timeout
    [30_000, 6_000, 6_000, 21_000, 7_500, 7_500],
    [2_000, 400, 400, 1_400, 500, 500],
    [1_000, 200, 200, 700, 250, 250],
    [3_600_000, 720_000, 720_000, 2_520_000, 25_000, 20_000],
  ])('timeout %i ms: heartbeat %i, sweep %i, stale after %i, ping %i/%i', (timeout, hb, sweep, stale, pi, pt) => {
    expect(presenceTimings(timeout)).toEqual({
      heartbeatMs: hb,
      sweepMs: sweep,
      staleAfterMs: stale,
      pingIntervalMs: pi,
      pingTimeoutMs: pt,
    });
  });

  it.each([1_000, 2_000, 7_777, 30_000, 600_000])('keeps its promises for a timeout of %i ms', (timeout) => {
    const t = presenceTimings(timeout);
    // A dead owner's entry is noticed by a sweep within the timeout, with a tenth left for delivery...
    expect(t.staleAfterMs + t.sweepMs + timeout / 10).toBeLessThanOrEqual(timeout + 1);
    // ...a live owner may miss two heartbeats without being taken for dead...
    expect(3 * t.heartbeatMs).toBeLessThanOrEqual(t.staleAfterMs);
    // ...and a silent client is disconnected (and so leaves) within the timeout.
    expect(t.pingIntervalMs + t.pingTimeoutMs).toBeLessThanOrEqual(timeout);
  });
});
