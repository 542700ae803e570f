import { describe, expect, it } from '@jest/globals';
import { extractClaims } from '#domain';
import { RELEASE_BODY, releaseHeadline } from './release-story.js';

describe('the stories of --releases', () => {
  it('have nothing in their body for the publish gate to hold: no claim, no finding', () => {
    expect(extractClaims(RELEASE_BODY, { language: 'ar', now: new Date('2026-03-12T08:00:00Z') })).toEqual({
      language: 'ar',
      claims: [],
      findings: [],
    });
    expect(RELEASE_BODY).toMatch(/\p{Script=Arabic}/u);
  });

  it('are told apart by run, part and round', () => {
    const startedAt = new Date('2026-03-12T08:00:00.123Z');
    expect(releaseHeadline(startedAt, 'now', 0)).toBe('copydesk bench --releases 2026-03-12T08:00:00 نشر #1');
    expect(releaseHeadline(startedAt, 'embargo', 19)).toBe('copydesk bench --releases 2026-03-12T08:00:00 حظر #20');
  });
});
