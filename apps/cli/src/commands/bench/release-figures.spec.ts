import { describe, expect, it } from '@jest/globals';
import type { ArrivedDelivery } from './delivery-ledger.js';
import { embargoFigures, roundFigures } from './release-figures.js';

const EMBARGO = '2026-03-12T08:00:00.000Z';
const AT = Date.parse(EMBARGO);

function arrived(fields: Partial<ArrivedDelivery>): ArrivedDelivery {
  return {
    deliveryId: 'd',
    event: 'published',
    publicationId: 'p',
    draftId: 'draft',
    version: 1,
    publishedAt: null,
    embargoedUntil: null,
    arrivedAt: 0,
    arrivedAtEpochMs: 0,
    ...fields,
  };
}

describe('roundFigures', () => {
  it('times each publish request and its delivery after the answer, and counts the rounds without one', () => {
    const deliveries = new Map([
      ['p-1', arrived({ arrivedAt: 130 })],
      // Came before the bench had the answer: a negative wait, counted apart.
      ['p-2', arrived({ arrivedAt: 1_015 })],
    ]);
    const figures = roundFigures(
      [
        { publicationId: 'p-1', sentAt: 100, answeredAt: 120 },
        { publicationId: 'p-2', sentAt: 1_000, answeredAt: 1_020 },
        { publicationId: 'p-3', sentAt: 2_000, answeredAt: 2_040 },
      ],
      (id) => deliveries.get(id),
    );
    expect(figures).toEqual({
      delivered: 2,
      lost: 1,
      publishMs: { count: 3, p50: 20, p95: 40, p99: 40, max: 40 },
      deliveryMs: { count: 2, p50: -5, p95: 10, p99: 10, max: 10 },
      endToEndMs: { count: 2, p50: 15, p95: 30, p99: 30, max: 30 },
      beforeAnswer: 1,
    });
  });
});

describe('embargoFigures', () => {
  it('measures release lag from publishedAt, and the delivery from its arrival, after the one embargo', () => {
    const deliveries = new Map([
      [
        'a',
        [
          arrived({
            publishedAt: '2026-03-12T08:00:00.250Z',
            embargoedUntil: EMBARGO,
            arrivedAtEpochMs: AT + 300,
          }),
        ],
      ],
      [
        'b',
        [
          arrived({
            publishedAt: '2026-03-12T08:00:00.900Z',
            embargoedUntil: EMBARGO,
            arrivedAtEpochMs: AT + 950,
          }),
        ],
      ],
    ]);
    const figures = embargoFigures(['a', 'b', 'c'], EMBARGO, (id) => deliveries.get(id) ?? []);
    expect(figures).toEqual({
      scheduled: 3,
      delivered: 2,
      lost: 1,
      releaseLagMs: { count: 2, p50: 250, p95: 900, p99: 900, max: 900 },
      deliveryLagMs: { count: 2, p50: 300, p95: 950, p99: 950, max: 950 },
      releaseSpreadMs: 650,
      withoutPublishedAt: 0,
      early: 0,
      mismatched: 0,
    });
  });

  it('falls back on the arrival without publishedAt, and flags early releases and a wrong embargo', () => {
    const deliveries = new Map([
      ['a', [arrived({ publishedAt: null, embargoedUntil: EMBARGO, arrivedAtEpochMs: AT + 400 })]],
      ['b', [arrived({ publishedAt: '2026-03-12T07:59:59.000Z', embargoedUntil: null, arrivedAtEpochMs: AT - 900 })]],
    ]);
    const figures = embargoFigures(['a', 'b'], EMBARGO, (id) => deliveries.get(id) ?? []);
    expect(figures.releaseLagMs).toMatchObject({ count: 2, p50: -1_000, max: 400 });
    expect(figures).toMatchObject({ withoutPublishedAt: 1, early: 1, mismatched: 1, lost: 0, releaseSpreadMs: 1_400 });
    expect(embargoFigures(['a'], EMBARGO, (id) => deliveries.get(id) ?? []).releaseSpreadMs).toBeNull();
  });
});
