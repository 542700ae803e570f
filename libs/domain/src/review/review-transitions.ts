/**
 * The review workflow as data (issue 12): from which states each action goes, where to, who may
 * take it, and what it needs. The one table; review-machine.ts only reads it.
 */
import type { ReviewAction, ReviewState, Role } from '#contracts';

/**
 * Who may take an action. `author`: in the draft's `authorIds`; `editor`: the role `editor`;
 * `author_or_editor`: either. Admins administer and fact-checkers check: neither takes a review
 * action, author or not (draft-access.ts gives an admin only `view` of a draft it did not write).
 */
export type ReviewActor = 'author' | 'editor' | 'author_or_editor';

export interface ReviewTransition {
  from: readonly ReviewState[];
  to: ReviewState;
  /** `publish` with an embargo goes here instead of `to`. Only actions that have it take an embargo. */
  toWhenEmbargoed?: ReviewState;
  by: ReviewActor;
  /** A non-blank reason is required; any other action takes an optional one. */
  reasonRequired: boolean;
}

export const REVIEW_TRANSITIONS: Readonly<Record<ReviewAction, ReviewTransition>> = {
  submit: { from: ['draft', 'changes_requested'], to: 'in_review', by: 'author', reasonRequired: false },
  'request-changes': {
    from: ['in_review', 'approved'],
    to: 'changes_requested',
    by: 'editor',
    reasonRequired: true,
  },
  // The publish gate is the caller's to check before approving (publish-gate.ts).
  approve: { from: ['in_review'], to: 'approved', by: 'editor', reasonRequired: false },
  reopen: { from: ['approved', 'scheduled'], to: 'in_review', by: 'editor', reasonRequired: false },
  publish: {
    from: ['approved'],
    to: 'published',
    toWhenEmbargoed: 'scheduled',
    by: 'editor',
    reasonRequired: false,
  },
  // A correction starts a new version cycle: the caller bumps the review revision.
  correct: { from: ['published'], to: 'in_review', by: 'editor', reasonRequired: false },
  withdraw: { from: ['published', 'scheduled'], to: 'withdrawn', by: 'editor', reasonRequired: true },
  spike: {
    from: ['draft', 'in_review', 'changes_requested'],
    to: 'spiked',
    by: 'author_or_editor',
    reasonRequired: false,
  },
  unspike: { from: ['spiked'], to: 'draft', by: 'author_or_editor', reasonRequired: false },
};

/** The scheduler's release of an embargoed draft: not a person's action, so not in REVIEW_ACTIONS. */
export const RELEASE_TRANSITION = { from: ['scheduled'], to: 'published' } as const satisfies {
  from: readonly ReviewState[];
  to: ReviewState;
};

/** The roles that take part in the workflow at all: the ones that write drafts. */
const WORKFLOW_ROLES: readonly Role[] = ['reporter', 'editor'];

/** Whether this actor may take this action, whatever the draft's state. */
export function mayTakeAction(action: ReviewAction, actor: { role: Role; isAuthor: boolean }): boolean {
  if (!WORKFLOW_ROLES.includes(actor.role)) return false;
  const editor = actor.role === 'editor';
  switch (REVIEW_TRANSITIONS[action].by) {
    case 'author':
      return actor.isAuthor;
    case 'editor':
      return editor;
    case 'author_or_editor':
      return actor.isAuthor || editor;
  }
}
