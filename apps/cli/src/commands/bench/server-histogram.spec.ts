import { describe, expect, it } from '@jest/globals';
import { parseUpdateBuckets, quantilesBetween } from './server-histogram.js';

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
