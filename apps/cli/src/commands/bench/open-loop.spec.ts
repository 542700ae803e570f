import { describe, expect, it } from '@jest/globals';
import { runOpenLoop } from './open-loop.js';

const busyFor = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

describe('runOpenLoop', () => {
  it('makes every action due inside the window, even when the thread ran late before it closed', async () => {
    let made = 0;
    // 5/s for 1 s from a phase of 100 ms: actions due at 100, 300, 500, 700 and 900 ms, the timer
    // ticking then too. The thread is blocked from 690 to 850 ms: the tick due at 700 runs at 850
    // (four actions due) and the next comes at 1,050, after the window closed at 1,000.
    const t0 = performance.now();
    setTimeout(() => busyFor(t0 + 850 - performance.now()), 690);
    await runOpenLoop(
      5,
      1,
      () => 0.5,
      () => (made += 1),
      () => false,
    );
    expect(made).toBe(5);
  });

  it('keeps to the schedule it was called with when its first timer runs late', async () => {
    let made = 0;
    const loop = runOpenLoop(
      5,
      1,
      () => 0.5,
      () => (made += 1),
      () => false,
    );
    // The thread is busy until 950 ms: all five actions (due at 100 … 900 ms) are due by then.
    busyFor(950);
    await loop;
    expect(made).toBe(5);
  });

  it('stops early when told to', async () => {
    let made = 0;
    await runOpenLoop(
      50,
      0.2,
      () => 0,
      () => (made += 1),
      () => made >= 3,
    );
    expect(made).toBe(3);
  });
});
