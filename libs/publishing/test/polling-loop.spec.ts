import { describe, expect, it } from '@jest/globals';
import { PollingLoop } from '../src/polling-loop.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('PollingLoop', () => {
  it('looks at start, never twice at once, and once more right after a look when nudged during it', async () => {
    let looks = 0;
    let inFlight = 0;
    let overlapped = false;
    let release: () => void = () => undefined;
    const loop = new PollingLoop(
      async () => {
        looks += 1;
        inFlight += 1;
        overlapped ||= inFlight > 1;
        await new Promise<void>((resolve) => (release = resolve));
        inFlight -= 1;
      },
      60_000,
      () => undefined,
    );
    loop.start();
    await sleep(5);
    expect(looks).toBe(1);
    loop.nudge();
    loop.nudge();
    release();
    await sleep(5);
    // The nudges during the first look asked for one more, not two, and not at the same time.
    expect(looks).toBe(2);
    release();
    await sleep(5);
    expect(looks).toBe(2);
    expect(overlapped).toBe(false);
    const stopped = loop.stop();
    expect(loop.stopping).toBe(true);
    await stopped;
  });

  it('keeps looking after a failed look, telling onError', async () => {
    const errors: unknown[] = [];
    let looks = 0;
    const loop = new PollingLoop(
      async () => {
        looks += 1;
        throw new Error(`look ${looks}`);
      },
      1,
      (error) => errors.push(error),
    );
    loop.start();
    for (let waited = 0; looks < 3 && waited < 5_000; waited += 5) await sleep(5);
    await loop.stop();
    expect(looks).toBeGreaterThanOrEqual(3);
    expect(errors.length).toBe(looks);
  });

  it('waits for the look in progress on stop, and looks no more', async () => {
    let finished = false;
    let looks = 0;
    const loop = new PollingLoop(
      async () => {
        looks += 1;
        await sleep(20);
        finished = true;
      },
      1,
      () => undefined,
    );
    expect(loop.stopping).toBe(false);
    loop.start();
    await sleep(5);
    await loop.stop();
    expect(finished).toBe(true);
    const after = looks;
    loop.nudge();
    await sleep(10);
    expect(looks).toBe(after);
  });
});
