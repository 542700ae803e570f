import { describe, expect, it } from '@jest/globals';
import { ExpiryTimers } from '#sessions';

const DAY_MS = 24 * 3600 * 1000;
const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('ExpiryTimers', () => {
  it('fires when the token expires, once, and forgets the connection', async () => {
    const timers = new ExpiryTimers();
    const fired: string[] = [];
    timers.arm('c1', Date.now() + 20, () => fired.push('c1'));
    timers.arm('c2', Date.now() - 1_000, () => fired.push('c2'));
    await tick(60);
    expect(fired.sort()).toEqual(['c1', 'c2']);
    expect(timers.size).toBe(0);
  });

  it('fires nothing for a connection cleared first, or re-armed later', async () => {
    const timers = new ExpiryTimers();
    const fired: string[] = [];
    timers.arm('c1', Date.now() + 20, () => fired.push('cleared'));
    timers.clear('c1');
    timers.arm('c2', Date.now() + 20, () => fired.push('first'));
    timers.arm('c2', Date.now() + 200, () => fired.push('re-armed'));
    await tick(60);
    expect(fired).toEqual([]);
    timers.clear('c2');
  });

  // Node fires a timeout of more than 2^31-1 ms after 1 ms; a 30-day token must not close at once.
  it('waits out a token that lives longer than a timer can', async () => {
    const timers = new ExpiryTimers();
    const fired: string[] = [];
    timers.arm('c1', Date.now() + 30 * DAY_MS, () => fired.push('c1'));
    await tick(30);
    expect(fired).toEqual([]);
    expect(timers.size).toBe(1);
    timers.clear('c1');
    expect(timers.size).toBe(0);
  });
});
