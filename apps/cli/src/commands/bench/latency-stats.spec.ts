import { describe, expect, it } from '@jest/globals';
import { median, summariseLatencies } from './latency-stats.js';

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
