import { describe, expect, it } from '@jest/globals';
import { RejoinSchedule } from './rejoin-schedule.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('RejoinSchedule', () => {
  it('keeps one retry due at a time and backs off until something succeeds', async () => {
    let rejoins = 0;
    const schedule = new RejoinSchedule(
      () => (rejoins += 1),
      0,
      10,
      1_000,
      () => 1,
    );
    expect(schedule.retry(false)).toBe(10);
    expect(schedule.retry(false)).toBeNull();
    await sleep(30);
    expect(rejoins).toBe(1);
    expect(schedule.retry(false)).toBe(20);
    schedule.stop();
    schedule.succeeded();
    expect(schedule.retry(true)).toBe(0);
    await sleep(10);
    expect(rejoins).toBe(2);
  });

  it('retries at once only once until something succeeds, then backs off', async () => {
    let rejoins = 0;
    const schedule = new RejoinSchedule(
      () => (rejoins += 1),
      0,
      10,
      1_000,
      () => 1,
    );
    expect(schedule.retry(true)).toBe(0);
    await sleep(5);
    expect(schedule.retry(true)).toBe(10);
    await sleep(20);
    expect(schedule.retry(true)).toBe(20);
    schedule.stop();
    schedule.succeeded();
    expect(schedule.retry(true)).toBe(0);
    await sleep(5);
    expect(rejoins).toBe(3);
  });

  it('resyncs periodically when an interval is set, never when it is 0', async () => {
    let rejoins = 0;
    const periodic = new RejoinSchedule(
      () => (rejoins += 1),
      5,
      10,
      1_000,
      () => 0.5,
    );
    periodic.resyncLater();
    await sleep(30);
    expect(rejoins).toBe(1); // the countdown restarts only when the session joined again
    const never = new RejoinSchedule(() => (rejoins += 1), 0, 10, 1_000);
    never.resyncLater();
    await sleep(20);
    expect(rejoins).toBe(1);
  });
});
