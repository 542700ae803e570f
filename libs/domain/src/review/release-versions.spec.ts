import { describe, expect, it } from '@jest/globals';
import { REVIEW_STATES, type ReviewState } from '#contracts';
import { decideReleasedVersion } from './release-versions.js';

describe('decideReleasedVersion', () => {
  it('releases version 1 as published, then each later one as a correction', () => {
    expect(decideReleasedVersion({ to: 'published', latest: null })).toEqual({
      event: 'published',
      version: 1,
      pubStatus: 'usable',
    });
    expect(decideReleasedVersion({ to: 'published', latest: { version: 1 } })).toEqual({
      event: 'corrected',
      version: 2,
      pubStatus: 'usable',
    });
    expect(decideReleasedVersion({ to: 'published', latest: { version: 7 } })?.version).toBe(8);
  });

  it('withdraws a released story with a canceled version n+1, and nothing never released', () => {
    expect(decideReleasedVersion({ to: 'withdrawn', latest: { version: 2 } })).toEqual({
      event: 'withdrawn',
      version: 3,
      pubStatus: 'canceled',
    });
    expect(decideReleasedVersion({ to: 'withdrawn', latest: null })).toBeNull();
  });

  it.each(REVIEW_STATES.filter((state): state is ReviewState => state !== 'published' && state !== 'withdrawn'))(
    'releases nothing on reaching %s',
    (to) => {
      expect(decideReleasedVersion({ to, latest: null })).toBeNull();
      expect(decideReleasedVersion({ to, latest: { version: 3 } })).toBeNull();
    },
  );
});
