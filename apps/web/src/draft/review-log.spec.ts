import { describe, expect, it } from '@jest/globals';
import type { DraftClaim, PresenceEntry, ReviewEventView, ReviewState, Verdict } from '#contracts';
import { knownNames, lastTransitionTo, personOf, standingApproval, wasReleased } from './review-log.js';

let clock = 0;
function transition(from: ReviewState, to: ReviewState, actorId: string | null = 'editor'): ReviewEventView {
  clock += 1;
  return {
    id: `e${clock}`,
    at: new Date(Date.UTC(2026, 0, 1, 0, clock)).toISOString(),
    actorId,
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
  const verdict = (byUserId: string, byName: string) => ({ byUserId, byName }) as Verdict;
  const present = (userId: string, displayName: string) => ({ userId, displayName }) as PresenceEntry;
  const names = knownNames(
    { id: 'me', displayName: 'ليلى منصور' },
    [present('u2', 'ريم الحلبي')],
    [{ verdicts: [verdict('u3', 'سامر العلي'), verdict('u2', 'old name')] } as Pick<DraftClaim, 'verdicts'>],
  );

  it('knows the user, the people present and whoever gave a verdict', () => {
    expect(Object.fromEntries(names)).toEqual({ me: 'ليلى منصور', u2: 'ريم الحلبي', u3: 'سامر العلي' });
  });

  it('tells the user, the scheduler, a known name and someone unknown apart', () => {
    expect(personOf('me', 'me', names)).toEqual({ kind: 'me' });
    expect(personOf(null, 'me', names)).toEqual({ kind: 'scheduler' });
    expect(personOf('scheduler', 'me', names)).toEqual({ kind: 'scheduler' });
    expect(personOf('u3', 'me', names)).toEqual({ kind: 'named', name: 'سامر العلي' });
    expect(personOf('u9', 'me', names)).toEqual({ kind: 'unknown' });
  });
});
