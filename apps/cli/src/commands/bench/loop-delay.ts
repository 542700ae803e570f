import { monitorEventLoopDelay } from 'node:perf_hooks';

const RESOLUTION_MS = 2;

/**
 * Watches this thread's event loop while a bench runs. `stop` answers how late (p99) a timer
 * ran beyond its schedule: when it grows, latencies include the bench's own delay.
 */
export function watchLoopDelay(): { stop(): number } {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  return {
    stop() {
      histogram.disable();
      // The histogram holds whole intervals between ticks, schedule included.
      return Math.max(0, histogram.percentile(99) / 1e6 - RESOLUTION_MS);
    },
  };
}
