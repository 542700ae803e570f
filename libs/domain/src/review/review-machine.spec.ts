import { describe, expect, it } from '@jest/globals';
import { REVIEW_ACTIONS, REVIEW_STATES, ROLES, type ReviewAction, type ReviewState, type Role } from '#contracts';

import { DomainError } from '../errors/domain-error.js';
import { isBodyLocked } from './locked-states.js';
import {
  allowedActions,
  decideRelease,
  decideTransition,
  isReviewAction,
  type ReviewActorInput,
  type TransitionInput,
} from './review-machine.js';

// Written by hand from the product's spec (issue 12), not read from REVIEW_TRANSITIONS.
const ACTORS = {
  'reporter-author': { role: 'reporter', isAuthor: true },
  reporter: { role: 'reporter', isAuthor: false },
  fact_checker: { role: 'fact_checker', isAuthor: false },
  editor: { role: 'editor', isAuthor: false },
  'editor-author': { role: 'editor', isAuthor: true },
  admin: { role: 'admin', isAuthor: false },
  // Edge cases beyond the spec's six: listed as authors, still never in the workflow.
  'fact_checker-author': { role: 'fact_checker', isAuthor: true },
  'admin-author': { role: 'admin', isAuthor: true },
} as const satisfies Record<string, ReviewActorInput>;
type ActorName = keyof typeof ACTORS;

const Y = true;
const N = false;
/** Who may take each action, whatever the state, in ACTOR_ORDER. */
//          rep-author reporter checker editor ed-author admin checker-author admin-author
const WHO: Record<ReviewAction, boolean[]> = {
  submit: [Y, N, N, N, Y, N, N, N],
  'request-changes': [N, N, N, Y, Y, N, N, N],
  approve: [N, N, N, Y, Y, N, N, N],
  reopen: [N, N, N, Y, Y, N, N, N],
  publish: [N, N, N, Y, Y, N, N, N],
  correct: [N, N, N, Y, Y, N, N, N],
  withdraw: [N, N, N, Y, Y, N, N, N],
  spike: [Y, N, N, Y, Y, N, N, N],
  unspike: [Y, N, N, Y, Y, N, N, N],
};
const ACTOR_ORDER: ActorName[] = [
  'reporter-author',
  'reporter',
  'fact_checker',
  'editor',
  'editor-author',
  'admin',
  'fact_checker-author',
  'admin-author',
];

/** Where each action goes from each state it is open from (publish without an embargo). */
const GOES: Record<ReviewAction, Partial<Record<ReviewState, ReviewState>>> = {
  submit: { draft: 'in_review', changes_requested: 'in_review' },
  'request-changes': { in_review: 'changes_requested', approved: 'changes_requested' },
  approve: { in_review: 'approved' },
  reopen: { approved: 'in_review', scheduled: 'in_review' },
  publish: { approved: 'published' },
  correct: { published: 'in_review' },
  withdraw: { published: 'withdrawn', scheduled: 'withdrawn' },
  spike: { draft: 'spiked', in_review: 'spiked', changes_requested: 'spiked' },
  unspike: { spiked: 'draft' },
};

const NOW = new Date('2026-03-01T10:00:00Z');
const REASON = 'يحتاج الخبر مصدرًا ثانيًا';

type Outcome = ReviewState | 'FORBIDDEN' | 'CONFLICT';
const expected = (state: ReviewState, action: ReviewAction, actor: ActorName): Outcome => {
  if (!WHO[action][ACTOR_ORDER.indexOf(actor)]) return 'FORBIDDEN';
  return GOES[action][state] ?? 'CONFLICT';
};

const outcomeOf = (input: TransitionInput): Outcome => {
  try {
    return decideTransition(input).to;
  } catch (error) {
    if (error instanceof DomainError && (error.code === 'FORBIDDEN' || error.code === 'CONFLICT')) return error.code;
    throw error;
  }
};

const errorOf = (run: () => unknown): DomainError => {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
};

const TRIPLES = REVIEW_STATES.flatMap((state) =>
  REVIEW_ACTIONS.flatMap((action) =>
    ACTOR_ORDER.map((actor) => [state, action, actor, expected(state, action, actor)] as const),
  ),
);

describe('the review actions', () => {
  it('are the spec’s nine, each once', () => {
    expect([...REVIEW_ACTIONS]).toEqual([
      'submit',
      'request-changes',
      'approve',
      'reopen',
      'publish',
      'correct',
      'withdraw',
      'spike',
      'unspike',
    ]);
    expect(new Set(REVIEW_ACTIONS).size).toBe(REVIEW_ACTIONS.length);
  });

  it.each([
    ...REVIEW_ACTIONS.map((action) => [action, true] as const),
    ['release', false],
    ['Approve', false],
    [7, false],
  ])('isReviewAction(%p) is %p', (value, result) => {
    expect(isReviewAction(value)).toBe(result);
  });
});

describe('decideTransition: every (state, action, actor)', () => {
  it('covers 8 states × 9 actions × 8 actors, every role among them', () => {
    expect(TRIPLES).toHaveLength(8 * 9 * 8);
    expect(new Set(Object.values(ACTORS).map((actor) => actor.role))).toEqual(new Set<Role>(ROLES));
  });

  it.each(TRIPLES)('%s, %s by %s: %s', (state, action, actor, outcome) => {
    expect(outcomeOf({ state, action, actor: ACTORS[actor], reason: REASON, now: NOW })).toBe(outcome);
  });
});

describe('allowedActions', () => {
  const cases = REVIEW_STATES.flatMap((state) =>
    ACTOR_ORDER.map((actor) => {
      const allowed = REVIEW_ACTIONS.filter(
        (action) => !['FORBIDDEN', 'CONFLICT'].includes(expected(state, action, actor)),
      );
      return [state, actor, allowed] as const;
    }),
  );

  it.each(cases)('from %s, %s may %j', (state, actor, allowed) => {
    expect(allowedActions(state, ACTORS[actor])).toEqual(allowed);
  });

  it.each<[ReviewState, ActorName, ReviewAction[]]>([
    ['draft', 'reporter-author', ['submit', 'spike']],
    ['in_review', 'editor', ['request-changes', 'approve', 'spike']],
    ['approved', 'editor-author', ['request-changes', 'reopen', 'publish']],
    ['scheduled', 'editor', ['reopen', 'withdraw']],
    ['published', 'editor', ['correct', 'withdraw']],
    ['withdrawn', 'editor', []],
    ['spiked', 'reporter-author', ['unspike']],
    ['in_review', 'fact_checker', []],
    ['approved', 'admin', []],
  ])('spot check: from %s, %s may %j', (state, actor, allowed) => {
    expect(allowedActions(state, ACTORS[actor])).toEqual(allowed);
  });
});

describe('decideTransition: the order of checks', () => {
  it('answers FORBIDDEN to an actor who may never take the action, whatever the state and inputs', () => {
    const error = errorOf(() =>
      decideTransition({ state: 'withdrawn', action: 'approve', actor: ACTORS.reporter, reason: ' ', now: NOW }),
    );
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toBe('Only an editor may approve a draft');
  });

  it('answers a fact-checker FORBIDDEN even from a state the action is open from', () => {
    expect(outcomeOf({ state: 'in_review', action: 'approve', actor: ACTORS.fact_checker, now: NOW })).toBe(
      'FORBIDDEN',
    );
  });

  it('answers CONFLICT (reason state) before looking at a missing reason, naming the state and what is open', () => {
    const error = errorOf(() =>
      decideTransition({ state: 'draft', action: 'request-changes', actor: ACTORS.editor, now: NOW }),
    );
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toBe('Cannot request-changes a draft that is draft: from draft you may spike');
    expect(error.details).toEqual({ reason: 'state', state: 'draft', action: 'request-changes', allowed: ['spike'] });
  });

  it('says when nothing is open from the state', () => {
    const error = errorOf(() =>
      decideTransition({ state: 'withdrawn', action: 'correct', actor: ACTORS.editor, now: NOW }),
    );
    expect(error.message).toBe(
      'Cannot correct a draft that is withdrawn: from withdrawn no review action is open to you',
    );
    expect(error.details).toMatchObject({ allowed: [] });
  });

  it('refuses an unknown action as a bad field', () => {
    const input = { state: 'draft', action: 'release', actor: ACTORS.editor, now: NOW } as unknown as TransitionInput;
    expect(errorOf(() => decideTransition(input)).code).toBe('VALIDATION_FAILED');
  });
});

describe('decideTransition: reasons', () => {
  const base = { state: 'in_review', action: 'request-changes', actor: ACTORS.editor, now: NOW } as const;
  const withdraw = { state: 'published', action: 'withdraw', actor: ACTORS.editor, now: NOW } as const;

  it.each<[string, TransitionInput]>([
    ['request-changes without one', base],
    ['request-changes with null', { ...base, reason: null }],
    ['request-changes with an empty one', { ...base, reason: '' }],
    ['request-changes with white space only', { ...base, reason: ' \n\t\u00a0 ' }],
    ['withdraw without one', withdraw],
    ['withdraw with a blank one', { ...withdraw, reason: '   ' }],
    ['a reason of 2,001 characters', { ...base, reason: 'س'.repeat(2_001) }],
    ['an optional reason of 2,001 characters', { ...base, action: 'approve', reason: 'a'.repeat(2_001) }],
    ['a reason that is not text', { ...base, reason: 42 as unknown as string }],
  ])('refuses %s (VALIDATION_FAILED naming reason)', (_name, input) => {
    const error = errorOf(() => decideTransition(input));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details).toMatchObject({ fields: [{ field: 'reason' }] });
  });

  it.each<[string, TransitionInput, string | null]>([
    ['a reason, trimmed', { ...base, reason: `  ${REASON}\n` }, REASON],
    ['2,000 characters, surrounding space aside', { ...base, reason: ` ${'a'.repeat(2_000)} ` }, 'a'.repeat(2_000)],
    ['a withdrawal’s reason', { ...withdraw, reason: 'Legal hold' }, 'Legal hold'],
    ['no reason where none is required', { ...base, action: 'approve' }, null],
    ['a blank optional reason as none', { ...base, action: 'approve', reason: '  ' }, null],
    ['an optional reason', { ...base, action: 'spike', reason: 'Duplicate story' }, 'Duplicate story'],
  ])('accepts %s', (_name, input, reason) => {
    expect(decideTransition(input).reason).toBe(reason);
  });
});

describe('decideTransition: embargoes', () => {
  const publish = { state: 'approved', action: 'publish', actor: ACTORS.editor, now: NOW } as const;
  const later = new Date('2026-03-01T10:00:01Z');

  it('publishes now without one', () => {
    expect(decideTransition({ ...publish, embargoUntil: null })).toEqual({
      to: 'published',
      reason: null,
      embargoUntil: null,
    });
  });

  it('schedules with one in the future', () => {
    expect(decideTransition({ ...publish, embargoUntil: later })).toEqual({
      to: 'scheduled',
      reason: null,
      embargoUntil: later,
    });
  });

  it.each<[string, TransitionInput]>([
    ['an embargo now', { ...publish, embargoUntil: new Date(NOW) }],
    ['an embargo in the past', { ...publish, embargoUntil: new Date('2026-02-28T10:00:00Z') }],
    ['an invalid date', { ...publish, embargoUntil: new Date('not a date') }],
    ['an embargo that is not a Date', { ...publish, embargoUntil: '2026-04-01' as unknown as Date }],
    ['an embargo on approve', { ...publish, state: 'in_review', action: 'approve', embargoUntil: later }],
    ['an embargo on reopen', { ...publish, action: 'reopen', embargoUntil: later }],
    [
      'an embargo on withdraw',
      { ...publish, state: 'scheduled', action: 'withdraw', reason: 'x', embargoUntil: later },
    ],
  ])('refuses %s (VALIDATION_FAILED naming embargoUntil)', (_name, input) => {
    const error = errorOf(() => decideTransition(input));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details).toMatchObject({ fields: [{ field: 'embargoUntil' }] });
  });
});

describe('decideRelease (the scheduler)', () => {
  const due = new Date('2026-03-01T09:00:00Z');

  it.each([
    ['past', due],
    ['exactly now', new Date(NOW)],
  ])('publishes a scheduled draft whose embargo is %s', (_name, embargoUntil) => {
    expect(decideRelease({ state: 'scheduled', embargoUntil, now: NOW })).toEqual({ to: 'published' });
  });

  it.each<[string, ReviewState, Date | null]>([
    ['not yet due', 'scheduled', new Date('2026-03-01T10:00:01Z')],
    ['with no embargo recorded', 'scheduled', null],
    ...REVIEW_STATES.filter((state) => state !== 'scheduled').map(
      (state) => [`${state}`, state, due] as [string, ReviewState, Date],
    ),
  ])('refuses a draft %s (CONFLICT)', (_name, state, embargoUntil) => {
    expect(errorOf(() => decideRelease({ state, embargoUntil, now: NOW })).code).toBe('CONFLICT');
  });
});

describe('isBodyLocked', () => {
  it.each<[ReviewState, boolean]>([
    ['draft', false],
    ['in_review', false],
    ['changes_requested', false],
    ['approved', true],
    ['scheduled', true],
    ['published', true],
    ['withdrawn', true],
    ['spiked', true],
  ])('%s: %p', (state, locked) => {
    expect(isBodyLocked(state)).toBe(locked);
  });
});
