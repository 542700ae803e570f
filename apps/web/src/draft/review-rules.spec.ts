import { describe, expect, it } from '@jest/globals';
import { REVIEW_ACTIONS, REVIEW_STATES, type ReviewAction, type ReviewState, type Role } from '#contracts';
import {
  actionsFor,
  isBodyLocked,
  mayTakeAction,
  needsForm,
  primaryAction,
  REVIEW_ACTION_RULES,
} from './review-rules.js';

// The table of docs/review.md ("States and actions"), written out: the mirror must say the same.
const EXPECTED: Record<ReviewState, { author: ReviewAction[]; editor: ReviewAction[] }> = {
  draft: { author: ['submit', 'spike'], editor: ['spike'] },
  in_review: { author: ['spike'], editor: ['request-changes', 'approve', 'spike'] },
  changes_requested: { author: ['submit', 'spike'], editor: ['spike'] },
  approved: { author: [], editor: ['request-changes', 'reopen', 'publish'] },
  scheduled: { author: [], editor: ['reopen', 'withdraw'] },
  published: { author: [], editor: ['correct', 'withdraw'] },
  withdrawn: { author: [], editor: [] },
  spiked: { author: ['unspike'], editor: ['unspike'] },
};

describe('review rules (a mirror of libs/domain/src/review)', () => {
  it('has a rule for every action of the contract, in its order', () => {
    expect(Object.keys(REVIEW_ACTION_RULES)).toEqual([...REVIEW_ACTIONS]);
  });

  it.each(REVIEW_STATES)('offers in %s what docs/review.md lets each role do', (state) => {
    expect(actionsFor(state, { role: 'reporter', isAuthor: true })).toEqual(EXPECTED[state].author);
    expect(actionsFor(state, { role: 'reporter', isAuthor: false })).toEqual([]);
    expect(actionsFor(state, { role: 'editor', isAuthor: false })).toEqual(EXPECTED[state].editor);
    // An editor who is also an author may do both (and approve their own draft).
    const both = new Set([...EXPECTED[state].author, ...EXPECTED[state].editor]);
    expect(actionsFor(state, { role: 'editor', isAuthor: true })).toEqual(
      REVIEW_ACTIONS.filter((action) => both.has(action)),
    );
  });

  it.each<Role>(['fact_checker', 'admin'])('offers a %s nothing, author or not', (role) => {
    for (const state of REVIEW_STATES) {
      expect(actionsFor(state, { role, isAuthor: true })).toEqual([]);
      expect(actionsFor(state, { role, isAuthor: false })).toEqual([]);
    }
    expect(REVIEW_ACTIONS.some((action) => mayTakeAction(action, { role, isAuthor: true }))).toBe(false);
  });

  it('locks the body while approved, scheduled, published, withdrawn or spiked', () => {
    expect(REVIEW_STATES.filter(isBodyLocked)).toEqual(['approved', 'scheduled', 'published', 'withdrawn', 'spiked']);
  });

  it('asks for a form where a reason is required or an embargo may be named', () => {
    expect(REVIEW_ACTIONS.filter(needsForm)).toEqual(['request-changes', 'publish', 'withdraw']);
    expect(REVIEW_ACTIONS.filter((action) => REVIEW_ACTION_RULES[action].reasonRequired)).toEqual([
      'request-changes',
      'withdraw',
    ]);
  });

  it('styles the action that moves the story forward as the primary one', () => {
    expect(primaryAction(['request-changes', 'approve', 'spike'])).toBe('approve');
    expect(primaryAction(['submit', 'spike'])).toBe('submit');
    expect(primaryAction(['correct', 'withdraw'])).toBeNull();
  });
});
