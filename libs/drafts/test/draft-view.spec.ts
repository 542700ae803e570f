import { describe, expect, it } from '@jest/globals';
import { REVIEW_STATES } from '#contracts';
import { reviewStatusOf } from '../src/draft-view.js';

const EMBARGO = new Date('2026-03-01T08:00:00.000Z');

describe('reviewStatusOf', () => {
  it('tells a scheduled draft’s embargo as ISO 8601', () => {
    expect(reviewStatusOf({ reviewState: 'scheduled', reviewRevision: 4, embargoUntil: EMBARGO })).toEqual({
      state: 'scheduled',
      revision: 4,
      embargoUntil: '2026-03-01T08:00:00.000Z',
    });
  });

  it.each(REVIEW_STATES.filter((state) => state !== 'scheduled').map((state) => [state]))(
    'tells no embargo for a draft that is %s, even one released from an embargo (its row keeps the time)',
    (state) => {
      expect(reviewStatusOf({ reviewState: state, reviewRevision: 5, embargoUntil: EMBARGO }).embargoUntil).toBeNull();
    },
  );

  it('tells none for a scheduled draft whose time is unknown', () => {
    expect(reviewStatusOf({ reviewState: 'scheduled', reviewRevision: 4, embargoUntil: null }).embargoUntil).toBeNull();
  });
});
