/**
 * Quantiles of a server-side Prometheus histogram over the bench run: the difference of two
 * scrapes, read from the cumulative buckets (so a quantile is the upper bound of its bucket).
 * It tells the server's own latency apart from the bench process's, which shares the machine.
 */
import { parseSample } from './server-metrics.js';

export type BucketCounts = Map<number, number>;

const UPDATE_HISTOGRAM = 'copydesk_collab_update_seconds';

/** Cumulative bucket counts of `copydesk_collab_update_seconds{outcome="ok"}`, keyed by upper bound (s). */
export function parseUpdateBuckets(exposition: string): BucketCounts {
  return parseHistogramBuckets(exposition, UPDATE_HISTOGRAM, ['outcome="ok"']);
}

/** Cumulative bucket counts of histogram `name` (its lines that carry every one of `labels`), keyed by upper bound (s). */
export function parseHistogramBuckets(exposition: string, name: string, labels: readonly string[] = []): BucketCounts {
  const buckets: BucketCounts = new Map();
  const prefix = `${name}_bucket{`;
  for (const line of exposition.split('\n')) {
    if (!line.startsWith(prefix) || !labels.every((label) => line.includes(label))) continue;
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

export interface ServerHistogram extends ServerLatency {
  /** From the differences of `_sum` and `_count`, in ms (null: no samples, or no such lines). */
  meanMs: number | null;
  /** The largest finite bucket bound, in ms: a null quantile with samples lies above it. */
  topBoundMs: number | null;
}

/** An unlabelled histogram over a run: quantiles (bucket bounds) and mean of what the two scrapes differ by. */
export function histogramBetween(before: string, after: string, name: string): ServerHistogram {
  const latency = quantilesBetween(parseHistogramBuckets(before, name), parseHistogramBuckets(after, name));
  const sum = difference(before, after, `${name}_sum`);
  const count = difference(before, after, `${name}_count`);
  const bounds = [...parseHistogramBuckets(after, name).keys()].filter(Number.isFinite);
  return {
    ...latency,
    meanMs: sum !== null && count !== null && count > 0 ? (sum / count) * 1000 : null,
    topBoundMs: bounds.length > 0 ? Math.max(...bounds) * 1000 : null,
  };
}

/** One unlabelled sample's growth between two scrapes; a sample missing before counts from 0. */
function difference(before: string, after: string, sample: string): number | null {
  const end = parseSample(after, sample);
  return end === null ? null : end - (parseSample(before, sample) ?? 0);
}
