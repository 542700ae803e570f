import { describe, expect, it } from '@jest/globals';
import { inOneGo, inSlices } from '../src/in-slices.js';

/** Steps that log themselves, to see what else ran between them. */
function* counting(log: string[], steps: number): Generator<void, number, void> {
  for (let i = 1; i <= steps; i++) {
    log.push(`step ${i}`);
    yield;
  }
  return steps;
}

describe('inSlices', () => {
  it('lets other work run between slices', async () => {
    const log: string[] = [];
    setImmediate(() => log.push('other work'));
    const done = inSlices(counting(log, 3), 0);
    expect(log).toEqual(['step 1']); // the first slice runs at once
    const { value, busyMs } = await done;
    expect(value).toBe(3);
    expect(busyMs).toBeGreaterThanOrEqual(0);
    expect(log.indexOf('other work')).toBeGreaterThan(0);
    expect(log.indexOf('other work')).toBeLessThan(log.length - 1);
  });

  it('puts its next slice behind what I/O queued meanwhile (a fan-out, say)', async () => {
    const log: string[] = [];
    const done = inSlices(counting(log, 2), 0);
    // Queued after the slice ended, as an update read in the next poll phase queues its fan-out.
    setImmediate(() => log.push('fan-out'));
    await done;
    expect(log).toEqual(['step 1', 'fan-out', 'step 2']);
  });

  it('runs a computation that fits in one slice without waiting a turn', async () => {
    const log: string[] = [];
    setImmediate(() => log.push('other work'));
    const { value } = await inSlices(counting(log, 3), Infinity);
    expect(value).toBe(3);
    expect(log).toEqual(['step 1', 'step 2', 'step 3']);
  });

  it('passes a failure on', async () => {
    function* failing(): Generator<void, never, void> {
      yield;
      throw new Error('broken text');
    }
    await expect(inSlices(failing(), 0)).rejects.toThrow('broken text');
  });

  it('runs the same steps to the end at once where nothing else waits (inOneGo)', () => {
    const log: string[] = [];
    expect(inOneGo(counting(log, 3))).toBe(3);
    expect(log).toEqual(['step 1', 'step 2', 'step 3']);
  });
});
