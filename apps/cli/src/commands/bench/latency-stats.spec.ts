import { describe, expect, it } from '@jest/globals';
import { latenciesBySecond, median, summariseLatencies } from './latency-stats.js';

describe('summariseLatencies', () => {
  it('gives nearest-rank percentiles of 1..100', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(summariseLatencies(samples)).toEqual({ count: 100, p50: 50, p95: 95, p99: 99, max: 100 });
  });

  it('handles one sample and none', () => {
    expect(summariseLatencies([7.5])).toEqual({ count: 1, p50: 7.5, p95: 7.5, p99: 7.5, max: 7.5 });
    expect(summariseLatencies([])).toEqual({ count: 0, p50: null, p95: null, p99: null, max: null });
  });

  it('sorts numerically, not as text', () => {
    expect(summariseLatencies([10, 9, 100]).p50).toBe(10);
    expect(median([3, 1, 2])).toBe(2);
  });
});

describe('latenciesBySecond', () => {
  it('groups latencies by the second their update was sent in, counted from the start', () => {
    const startedAt = 5_000;
    const sentAt = [5_000, 5_999, 6_000, 8_500, 8_900, 4_990];
    const latencies = [120, 80, 10, 30, 40, 7];
    expect(latenciesBySecond(latencies, sentAt, startedAt)).toEqual([
      // A send a little before the start (a late timer's catch-up) counts in the first second.
      { second: 0, count: 3, p50: 80, p95: 120, p99: 120, max: 120 },
      { second: 1, count: 1, p50: 10, p95: 10, p99: 10, max: 10 },
      { second: 3, count: 2, p50: 30, p95: 40, p99: 40, max: 40 },
    ]);
  });

  it('refuses latencies without their moments', () => {
    expect(() => latenciesBySecond([1, 2], [0], 0)).toThrow('every latency needs the moment it was sent');
    expect(latenciesBySecond([], [], 0)).toEqual([]);
  });
});
