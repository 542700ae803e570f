/**
 * The review state machine (issue 12): decides one transition from the table in
 * review-transitions.ts. Pure: the time is an argument, nothing is stored.
 *
 * Checks, in this order, the first failure thrown:
 * 1. the actor may take this action at all (FORBIDDEN), whatever the state: a user who may never
 *    approve learns nothing about the workflow by trying, and gets the same answer every time;
 * 2. the action goes from the draft's state (CONFLICT with `reason: 'state'`, naming the state
 *    and what this actor may do from it; #contracts' ReviewStateConflictError);
 * 3. the inputs: reason, then embargo (VALIDATION_FAILED naming the field).
 * Desk membership is the caller's: it answers NOT_FOUND before asking (draft-access.ts).
 */
import { REVIEW_ACTIONS, type ReviewAction, type ReviewState, type Role } from '#contracts';
import { DomainError } from '../errors/domain-error.js';
import { invalidField } from '../fact-check/invalid-field.js';
import { mayTakeAction, RELEASE_TRANSITION, REVIEW_TRANSITIONS, type ReviewTransition } from './review-transitions.js';

export const MAX_REVIEW_REASON_LENGTH = 2_000;

export interface ReviewActorInput {
  role: Role;
  /** In the draft's `authorIds`. */
  isAuthor: boolean;
}

export interface TransitionInput {
  state: ReviewState;
  action: ReviewAction;
  actor: ReviewActorInput;
  reason?: string | null;
  embargoUntil?: Date | null;
  now: Date;
}

export interface TransitionDecision {
  to: ReviewState;
  /** Trimmed; null when absent or blank (allowed only where no reason is required). */
  reason: string | null;
  /** Set only for a `publish` that schedules. */
  embargoUntil: Date | null;
}

export function isReviewAction(value: unknown): value is ReviewAction {
  return typeof value === 'string' && (REVIEW_ACTIONS as readonly string[]).includes(value);
}

/** The actions this actor may take from this state, in REVIEW_ACTIONS order (for UIs). */
export function allowedActions(state: ReviewState, actor: ReviewActorInput): ReviewAction[] {
  return REVIEW_ACTIONS.filter(
    (action) => mayTakeAction(action, actor) && REVIEW_TRANSITIONS[action].from.includes(state),
  );
}

const WHO: Readonly<Record<ReviewTransition['by'], string>> = {
  author: 'an author of the draft',
  editor: 'an editor',
  author_or_editor: 'an author of the draft or an editor',
};

function checkReason(reason: unknown, required: boolean): string | null {
  if (reason !== undefined && reason !== null && typeof reason !== 'string') {
    throw invalidField('reason', 'must be text');
  }
  const text = typeof reason === 'string' ? reason.trim() : '';
  if (text.length > MAX_REVIEW_REASON_LENGTH) {
    throw invalidField('reason', `at most ${MAX_REVIEW_REASON_LENGTH} characters (this one has ${text.length})`);
  }
  if (text.length === 0 && required) throw invalidField('reason', 'required: say why');
  return text.length === 0 ? null : text;
}

function checkEmbargo(
  action: ReviewAction,
  transition: ReviewTransition,
  embargoUntil: unknown,
  now: Date,
): Date | null {
  if (embargoUntil === undefined || embargoUntil === null) return null;
  if (transition.toWhenEmbargoed === undefined) throw invalidField('embargoUntil', `${action} takes no embargo`);
  if (!(embargoUntil instanceof Date) || Number.isNaN(embargoUntil.getTime())) {
    throw invalidField('embargoUntil', 'must be a valid date and time');
  }
  if (embargoUntil.getTime() <= now.getTime()) throw invalidField('embargoUntil', 'must be in the future');
  return embargoUntil;
}

export function decideTransition(input: TransitionInput): TransitionDecision {
  const { state, action, actor } = input;
  if (!isReviewAction(action)) throw invalidField('action', `must be one of ${REVIEW_ACTIONS.join(', ')}`);
  const transition = REVIEW_TRANSITIONS[action];
  if (!mayTakeAction(action, actor)) {
    throw new DomainError('FORBIDDEN', `Only ${WHO[transition.by]} may ${action} a draft`, { action });
  }
  if (!transition.from.includes(state)) {
    const allowed = allowedActions(state, actor);
    const open = allowed.length === 0 ? 'no review action is open to you' : `you may ${allowed.join(', ')}`;
    throw new DomainError('CONFLICT', `Cannot ${action} a draft that is ${state}: from ${state} ${open}`, {
      reason: 'state',
      state,
      action,
      allowed,
    });
  }
  const reason = checkReason(input.reason, transition.reasonRequired);
  const embargoUntil = checkEmbargo(action, transition, input.embargoUntil, input.now);
  const to = embargoUntil !== null && transition.toWhenEmbargoed ? transition.toWhenEmbargoed : transition.to;
  return { to, reason, embargoUntil };
}

/**
 * The scheduler's release of a scheduled draft once its embargo has passed. CONFLICT when the
 * draft is not scheduled, or its embargo is not yet due or unknown (an embargo is never broken
 * on a guess).
 */
export function decideRelease(input: { state: ReviewState; embargoUntil: Date | null; now: Date }): {
  to: ReviewState;
} {
  const { state, embargoUntil, now } = input;
  if (!(RELEASE_TRANSITION.from as readonly ReviewState[]).includes(state)) {
    throw new DomainError('CONFLICT', `Cannot release a draft that is ${state}: only a scheduled draft is released`, {
      state,
    });
  }
  if (embargoUntil === null || Number.isNaN(embargoUntil.getTime()) || embargoUntil.getTime() > now.getTime()) {
    throw new DomainError('CONFLICT', 'The embargo has not passed yet', { state, embargoUntil });
  }
  return { to: RELEASE_TRANSITION.to };
}
