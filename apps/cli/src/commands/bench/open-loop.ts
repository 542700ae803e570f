import type { Random } from './random-edit.js';

/**
 * Calls `act` `rate` times a second for `durationS`, starting at a random phase (as people do),
 * open loop: a late timer catches up on the actions that were due, so a busy bench process does
 * not quietly offer less load than asked for. Resolves when the window closes.
 */
export function runOpenLoop(
  rate: number,
  durationS: number,
  random: Random,
  act: () => void,
  stopped: () => boolean,
): Promise<void> {
  const intervalMs = 1000 / rate;
  const maxActions = Math.ceil(rate * durationS);
  return new Promise((resolve) => {
    let made = 0;
    let startedAt = 0;
    let interval: NodeJS.Timeout | undefined;
    const catchUp = () => {
      const due = Math.min(maxActions, Math.floor((performance.now() - startedAt) / intervalMs) + 1);
      for (; made < due && !stopped(); made += 1) act();
    };
    const start = setTimeout(() => {
      startedAt = performance.now();
      interval = setInterval(catchUp, intervalMs);
      catchUp();
    }, random() * intervalMs);
    setTimeout(() => {
      clearTimeout(start);
      clearInterval(interval);
      resolve();
    }, durationS * 1000);
  });
}
