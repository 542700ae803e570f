/**
 * Quantiles of a server-side Prometheus histogram over the bench run: the difference of two
 * scrapes, read from the cumulative buckets (so a quantile is the upper bound of its bucket).
 * It tells the server's own latency apart from the bench process's, which shares the machine.
 */
export type BucketCounts = Map<number, number>;

const UPDATE_HISTOGRAM = 'copydesk_collab_update_seconds_bucket';

/** Cumulative bucket counts of `copydesk_collab_update_seconds{outcome="ok"}`, keyed by upper bound (s). */
export function parseUpdateBuckets(exposition: string): BucketCounts {
  const buckets: BucketCounts = new Map();
  for (const line of exposition.split('\n')) {
    if (!line.startsWith(UPDATE_HISTOGRAM) || !line.includes('outcome="ok"')) continue;
    const le = /le="([^"]+)"/.exec(line)?.[1];
    const value = Number(line.trim().split(/\s+/).at(-1));
    if (le !== undefined && Number.isFinite(value)) buckets.set(le === '+Inf' ? Infinity : Number(le), value);
  }
  return buckets;
}

export interface ServerLatency {
  count: number;
  /** Upper bounds of the buckets holding each quantile, in ms (null: no samples). */
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
}

export function quantilesBetween(before: BucketCounts, after: BucketCounts): ServerLatency {
  const bounds = [...after.keys()].sort((a, b) => a - b);
  const counts = bounds.map((bound) => (after.get(bound) ?? 0) - (before.get(bound) ?? 0));
  const total = counts.at(-1) ?? 0;
  const quantile = (q: number): number | null => {
    if (total === 0) return null;
    const index = counts.findIndex((cumulative) => cumulative >= q * total);
    const bound = bounds[index] ?? Infinity;
    return bound === Infinity ? null : bound * 1000;
  };
  return { count: total, p50Ms: quantile(0.5), p95Ms: quantile(0.95), p99Ms: quantile(0.99) };
}
