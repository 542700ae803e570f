/**
 * Which review actions the page offers, and which states lock the body. A mirror of the rules in
 * libs/domain/src/review/ (review-transitions.ts; docs/review.md), which the page may not import
 * (test/house/web-review-rules.spec.ts holds the two together): it only decides which buttons to show. The server is the judge: whatever
 * it refuses, the review bar shows its answer.
 */
import { BODY_LOCKED_STATES, type BodyLockedState, type ReviewAction, type ReviewState, type Role } from '#contracts';

/** Who may take an action: an author of the draft, an editor, or either (review-transitions.ts). */
export type ReviewActor = 'author' | 'editor' | 'author_or_editor';

export interface ReviewActionRule {
  from: readonly ReviewState[];
  by: ReviewActor;
  /** A non-blank reason is required (request-changes, withdraw). */
  reasonRequired: boolean;
  /** `publish` may name an embargo: the draft is then `scheduled` until it passes. */
  takesEmbargo: boolean;
}

/** REVIEW_TRANSITIONS of libs/domain/src/review/review-transitions.ts, in REVIEW_ACTIONS order. */
export const REVIEW_ACTION_RULES: Readonly<Record<ReviewAction, ReviewActionRule>> = {
  submit: { from: ['draft', 'changes_requested'], by: 'author', reasonRequired: false, takesEmbargo: false },
  'request-changes': { from: ['in_review', 'approved'], by: 'editor', reasonRequired: true, takesEmbargo: false },
  approve: { from: ['in_review'], by: 'editor', reasonRequired: false, takesEmbargo: false },
  reopen: { from: ['approved', 'scheduled'], by: 'editor', reasonRequired: false, takesEmbargo: false },
  publish: { from: ['approved'], by: 'editor', reasonRequired: false, takesEmbargo: true },
  correct: { from: ['published'], by: 'editor', reasonRequired: false, takesEmbargo: false },
  withdraw: { from: ['published', 'scheduled'], by: 'editor', reasonRequired: true, takesEmbargo: false },
  spike: {
    from: ['draft', 'in_review', 'changes_requested'],
    by: 'author_or_editor',
    reasonRequired: false,
    takesEmbargo: false,
  },
  unspike: { from: ['spiked'], by: 'author_or_editor', reasonRequired: false, takesEmbargo: false },
};

/** Reasons are at most this long, trimmed (MAX_REVIEW_REASON_LENGTH in review-machine.ts). */
export const MAX_REASON_LENGTH = 2_000;

/** The states in which the body may not be edited (`BODY_LOCKED_STATES` in #contracts). */
export function isBodyLocked(state: ReviewState): state is BodyLockedState {
  return (BODY_LOCKED_STATES as readonly ReviewState[]).includes(state);
}

export interface ReviewActorInput {
  role: Role;
  /** In the draft's `authorIds`. */
  isAuthor: boolean;
}

/** Only reporters and editors take part in the workflow: fact-checkers and admins never transition. */
const WORKFLOW_ROLES: readonly Role[] = ['reporter', 'editor'];

/** Whether this user may take this action at all, whatever the state (mayTakeAction in the domain). */
export function mayTakeAction(action: ReviewAction, actor: ReviewActorInput): boolean {
  if (!WORKFLOW_ROLES.includes(actor.role)) return false;
  const editor = actor.role === 'editor';
  switch (REVIEW_ACTION_RULES[action].by) {
    case 'author':
      return actor.isAuthor;
    case 'editor':
      return editor;
    case 'author_or_editor':
      return actor.isAuthor || editor;
  }
}

/** The actions to offer this user in this state, in REVIEW_ACTIONS order (allowedActions in the domain). */
export function actionsFor(state: ReviewState, actor: ReviewActorInput): ReviewAction[] {
  return (Object.keys(REVIEW_ACTION_RULES) as ReviewAction[]).filter(
    (action) => mayTakeAction(action, actor) && REVIEW_ACTION_RULES[action].from.includes(state),
  );
}

/** Whether the action opens a form first: a reason to give, or an embargo (and a note) to choose. */
export function needsForm(action: ReviewAction): boolean {
  const rule = REVIEW_ACTION_RULES[action];
  return rule.reasonRequired || rule.takesEmbargo;
}

/** Actions that end a story's life for now: shown apart and styled as such. */
export const DESTRUCTIVE_ACTIONS: readonly ReviewAction[] = ['withdraw', 'spike'];

/** The action that moves the story forward from this state, styled as the primary button. */
export function primaryAction(actions: readonly ReviewAction[]): ReviewAction | null {
  for (const action of ['submit', 'approve', 'publish', 'unspike'] as const) {
    if (actions.includes(action)) return action;
  }
  return null;
}
