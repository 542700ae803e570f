import type { Random } from './random-edit.js';

/**
 * Calls `act` `rate` times a second for `durationS`, starting at a random phase (as people do),
 * open loop: the schedule is fixed when this is called, and a late timer catches up on the actions
 * that were due, so a busy bench process does not quietly offer less load than asked for. When the
 * window closes, whatever was due inside it is made (a late thread may not have got to it yet),
 * then it resolves.
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
    const phaseMs = random() * intervalMs;
    // Action k is due at startsAt + k × intervalMs, however late the timers below run.
    const startsAt = performance.now() + phaseMs;
    let interval: NodeJS.Timeout | undefined;
    const catchUp = () => {
      const due = Math.min(maxActions, Math.floor((performance.now() - startsAt) / intervalMs) + 1);
      for (; made < due && !stopped(); made += 1) act();
    };
    const start = setTimeout(() => {
      interval = setInterval(catchUp, intervalMs);
      catchUp();
    }, phaseMs);
    setTimeout(() => {
      clearTimeout(start);
      clearInterval(interval);
      catchUp();
      resolve();
    }, durationS * 1000);
  });
}
