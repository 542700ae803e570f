import { describe, expect, it } from '@jest/globals';
import { histogramBetween, parseUpdateBuckets, quantilesBetween } from './server-histogram.js';

const scrape = (counts: [string, number][]) =>
  [
    '# TYPE copydesk_collab_update_seconds histogram',
    ...counts.map(([le, n]) => `copydesk_collab_update_seconds_bucket{le="${le}",outcome="ok"} ${n}`),
    'copydesk_collab_update_seconds_bucket{le="0.005",outcome="LOCKED"} 99',
  ].join('\n');

describe('server histogram quantiles', () => {
  it('reads the ok buckets and takes quantiles of the difference between two scrapes', () => {
    const before = parseUpdateBuckets(
      scrape([
        ['0.005', 10],
        ['0.01', 10],
        ['0.03', 10],
        ['+Inf', 10],
      ]),
    );
    const after = parseUpdateBuckets(
      scrape([
        ['0.005', 60],
        ['0.01', 106],
        ['0.03', 110],
        ['+Inf', 110],
      ]),
    );
    expect(quantilesBetween(before, after)).toEqual({ count: 100, p50Ms: 5, p95Ms: 10, p99Ms: 30 });
  });

  it('has no quantiles without samples, and none past the last finite bucket', () => {
    const empty = parseUpdateBuckets(
      scrape([
        ['0.005', 0],
        ['+Inf', 0],
      ]),
    );
    expect(quantilesBetween(empty, empty)).toEqual({ count: 0, p50Ms: null, p95Ms: null, p99Ms: null });
    const slow = parseUpdateBuckets(
      scrape([
        ['0.005', 0],
        ['+Inf', 4],
      ]),
    );
    expect(quantilesBetween(empty, slow).p99Ms).toBeNull();
  });
});

describe('histogramBetween', () => {
  const claims = (counts: [string, number][], sum: number) =>
    [
      '# TYPE copydesk_claims_extract_seconds histogram',
      ...counts.map(([le, n]) => `copydesk_claims_extract_seconds_bucket{le="${le}"} ${n}`),
      `copydesk_claims_extract_seconds_sum ${sum}`,
      `copydesk_claims_extract_seconds_count ${counts.at(-1)![1]}`,
      // A longer name with the same start is another histogram.
      'copydesk_claims_extract_seconds_total_bucket{le="0.001"} 999',
    ].join('\n');

  it('gives the quantiles, the mean and the last finite bound of an unlabelled histogram over a run', () => {
    const before = claims(
      [
        ['0.001', 2],
        ['0.0025', 2],
        ['0.005', 2],
        ['+Inf', 2],
      ],
      0.001,
    );
    const after = claims(
      [
        ['0.001', 2],
        ['0.0025', 9],
        ['0.005', 12],
        ['+Inf', 12],
      ],
      0.031,
    );
    const result = histogramBetween(before, after, 'copydesk_claims_extract_seconds');
    expect(result).toMatchObject({ count: 10, p50Ms: 2.5, p95Ms: 5, p99Ms: 5, topBoundMs: 5 });
    expect(result.meanMs).toBeCloseTo(3, 9);
  });

  it('counts from zero when the first scrape had no such histogram, and has no mean without samples', () => {
    const after = claims(
      [
        ['0.001', 1],
        ['+Inf', 1],
      ],
      0.0005,
    );
    expect(histogramBetween('', after, 'copydesk_claims_extract_seconds')).toMatchObject({ count: 1, p50Ms: 1 });
    expect(histogramBetween('', after, 'copydesk_claims_extract_seconds').meanMs).toBeCloseTo(0.5, 9);
    expect(histogramBetween(after, after, 'copydesk_claims_extract_seconds')).toMatchObject({
      count: 0,
      p50Ms: null,
      meanMs: null,
    });
    expect(histogramBetween('', '', 'copydesk_claims_extract_seconds')).toEqual({
      count: 0,
      p50Ms: null,
      p95Ms: null,
      p99Ms: null,
      meanMs: null,
      topBoundMs: null,
    });
  });
});
