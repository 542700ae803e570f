import { describe, expect, it } from '@jest/globals';
import type { ReviewEventView, ReviewState } from '#contracts';
import { lastTransitionTo, personOf, standingApproval, wasReleased } from './review-log.js';

let clock = 0;
function transition(from: ReviewState, to: ReviewState, actorId: string | null = 'editor'): ReviewEventView {
  clock += 1;
  return {
    id: `e${clock}`,
    at: new Date(Date.UTC(2026, 0, 1, 0, clock)).toISOString(),
    actorId,
    actorName: actorId === null ? null : `Name of ${actorId}`,
    kind: 'transition',
    action: null,
    from,
    to,
    revision: clock,
    reason: null,
    claimId: null,
    details: {},
  };
}

describe('the review log', () => {
  const submitted = transition('draft', 'in_review', 'reporter');
  const approvedOnce = transition('in_review', 'approved');
  const reopened = transition('approved', 'in_review');
  const verdict: ReviewEventView = { ...transition('in_review', 'in_review'), kind: 'verdict', to: null, from: null };
  const approvedAgain = transition('in_review', 'approved', 'editor2');
  const scheduled = transition('approved', 'scheduled');
  const released = transition('scheduled', 'published', null);
  const log = [submitted, approvedOnce, reopened, verdict, approvedAgain, scheduled, released];

  it('finds the latest transition into a state', () => {
    expect(lastTransitionTo(log, ['approved'])).toBe(approvedAgain);
    expect(lastTransitionTo(log, ['changes_requested'])).toBeNull();
  });

  it('names the standing approval only while one stands', () => {
    expect(standingApproval(log, 'published')).toBe(approvedAgain);
    expect(standingApproval(log.slice(0, 3), 'in_review')).toBeNull();
    expect(standingApproval(log.slice(0, 2), 'approved')).toBe(approvedOnce);
  });

  it('knows whether a version ever went out', () => {
    expect(wasReleased(log)).toBe(true);
    expect(wasReleased(log.slice(0, 6))).toBe(false);
  });
});

describe('names', () => {
  it('names the user as such, the scheduler, and anyone else by the name the server sent', () => {
    expect(personOf('me', 'ليلى منصور', 'me')).toEqual({ kind: 'me' });
    expect(personOf(null, null, 'me')).toEqual({ kind: 'scheduler' });
    expect(personOf('scheduler', null, 'me')).toEqual({ kind: 'scheduler' });
    expect(personOf('u3', 'سامر العلي', 'me')).toEqual({ kind: 'named', name: 'سامر العلي' });
  });

  it('has no name for a user who no longer exists', () => {
    expect(personOf('u9', null, 'me')).toEqual({ kind: 'unknown' });
    expect(personOf('u9', '', 'me')).toEqual({ kind: 'unknown' });
  });
});
