import { describe, expect, it } from '@jest/globals';
import type { ScheduledRelease } from '#reviews';
import { EmbargoScheduler } from '../src/publications/embargo-scheduler.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const quiet = { info: () => undefined, warn: () => undefined };

/** A release store that is a plain list of due times (ms since the test began). */
function releasesAt(dueAt: number[], started = Date.now()) {
  const looks: number[] = [];
  const pending = [...dueAt];
  return {
    looks,
    releaseDue: async (limit: number): Promise<ScheduledRelease[]> => {
      const now = Date.now() - started;
      looks.push(now);
      const due = pending.filter((at) => at <= now).slice(0, limit);
      for (const at of due) pending.splice(pending.indexOf(at), 1);
      return due.map((at) => ({ draftId: `d${at}`, publicationId: null, lagMs: now - at }));
    },
    nextReleaseInMs: async () => (pending.length ? Math.min(...pending) - (Date.now() - started) : null),
  };
}

describe('EmbargoScheduler', () => {
  it('looks again at the next known embargo rather than at the poll', async () => {
    const store = releasesAt([150]);
    const released: ScheduledRelease[] = [];
    const scheduler = new EmbargoScheduler(store, { pollMs: 60_000, batch: 10, logger: quiet });
    scheduler.onReleased((release) => released.push(release));
    scheduler.start();
    for (let waited = 0; released.length === 0 && waited < 5_000; waited += 10) await sleep(10);
    await scheduler.stop();
    expect(released.map((release) => release.draftId)).toEqual(['d150']);
    // One look at start, the next planned for the embargo: not a poll a minute later.
    expect(store.looks).toHaveLength(2);
  });

  it('falls back to the poll when a release stays due after a look (never a tight loop)', async () => {
    let looks = 0;
    const stuck = {
      releaseDue: async (): Promise<ScheduledRelease[]> => {
        looks += 1;
        return [];
      },
      nextReleaseInMs: async () => -5_000,
    };
    const scheduler = new EmbargoScheduler(stuck, { pollMs: 60_000, batch: 10, logger: quiet });
    scheduler.start();
    await sleep(100);
    await scheduler.stop();
    // The first look, one at once in case the release had just fallen due, then the poll's.
    expect(looks).toBe(2);
  });

  it('looks again at once when a release fell due between the look and the plan', async () => {
    const started = Date.now();
    let looks = 0;
    let releasedAtLook: number | null = null;
    // Due at 30 ms; the first look releases nothing, and the plan is asked only after it is due.
    const racing = {
      releaseDue: async (): Promise<ScheduledRelease[]> => {
        looks += 1;
        if (looks === 1 || releasedAtLook !== null) return [];
        releasedAtLook = looks;
        return [{ draftId: 'd', publicationId: null, lagMs: Date.now() - started - 30 }];
      },
      nextReleaseInMs: async () => {
        if (releasedAtLook !== null) return null;
        await sleep(Math.max(0, 40 - (Date.now() - started)));
        return 30 - (Date.now() - started);
      },
    };
    const scheduler = new EmbargoScheduler(racing, { pollMs: 60_000, batch: 10, logger: quiet });
    scheduler.start();
    for (let waited = 0; releasedAtLook === null && waited < 5_000; waited += 5) await sleep(5);
    await scheduler.stop();
    expect(releasedAtLook).toBe(2);
  });

  it('releases a backlog batch after batch in one look', async () => {
    const store = releasesAt(Array.from({ length: 25 }, (_, i) => -100 - i));
    const scheduler = new EmbargoScheduler(store, { pollMs: 60_000, batch: 10, logger: quiet });
    expect(await scheduler.tick()).toBe(25);
    expect(store.looks).toHaveLength(3);
  });
});
