/** Latency percentiles, in milliseconds. */
export interface LatencySummary {
  count: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
}

/** Nearest-rank percentiles (no interpolation: every figure is a latency that happened). */
export function summariseLatencies(samples: readonly number[]): LatencySummary {
  if (samples.length === 0) return { count: 0, p50: null, p95: null, p99: null, max: null };
  const sorted = Float64Array.from(samples).sort();
  const rank = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
  return { count: sorted.length, p50: rank(50), p95: rank(95), p99: rank(99), max: sorted[sorted.length - 1]! };
}

export function median(samples: readonly number[]): number | null {
  return summariseLatencies(samples).p50;
}

/** One second of a run: the latencies of what was sent in it. */
export interface SecondSummary extends LatencySummary {
  /** Seconds since the typing began (0 is the first). */
  second: number;
}

/**
 * The latencies grouped by the second their update was sent in, from `startedAt` (the same clock
 * as `sentAt`), in order; seconds with nothing sent are left out. Totals say how slow a run was,
 * this says when: a warming server, a burst of background work, a stall.
 */
export function latenciesBySecond(
  latencies: readonly number[],
  sentAt: readonly number[],
  startedAt: number,
): SecondSummary[] {
  if (latencies.length !== sentAt.length) throw new Error('every latency needs the moment it was sent');
  const bySecond = new Map<number, number[]>();
  latencies.forEach((latency, i) => {
    const second = Math.max(0, Math.floor((sentAt[i]! - startedAt) / 1000));
    const samples = bySecond.get(second);
    if (samples) samples.push(latency);
    else bySecond.set(second, [latency]);
  });
  return [...bySecond.entries()]
    .sort(([a], [b]) => a - b)
    .map(([second, samples]) => ({ second, ...summariseLatencies(samples) }));
}
