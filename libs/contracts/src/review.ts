/**
 * The review workflow as clients see it (issue 12): the actions of
 * `POST /api/drafts/:id/review/:action`, their body, and the blockers a `409 PUBLISH_GATE_FAILED`
 * lists in `error.blockers`. The rules themselves live in libs/domain/src/review.
 */
import type { ClaimKind, FindingKind } from './claims.js';
import type { DocumentField } from './document.js';

/** The `:action` of `POST /api/drafts/:id/review/:action`. Release is the scheduler's, not an action. */
export const REVIEW_ACTIONS = [
  'submit',
  'request-changes',
  'approve',
  'reopen',
  'publish',
  'correct',
  'withdraw',
  'spike',
  'unspike',
] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

/** The body of `POST /api/drafts/:id/review/:action`. */
export interface ReviewActionRequest {
  /** Required (non-blank) for `request-changes` and `withdraw`; optional otherwise; at most 2,000 characters. */
  reason?: string;
  /** `publish` only: an ISO 8601 instant in the future; the draft is `scheduled` until then. */
  embargoUntil?: string;
}

export const GATE_BLOCKER_KINDS = ['empty_field', 'claim_unchecked', 'finding_unresolved', 'revision_changed'] as const;
export type GateBlockerKind = (typeof GATE_BLOCKER_KINDS)[number];

/** Why a claim holds the gate: its status, or `stale` when its verdict no longer covers its text. */
export const CLAIM_BLOCK_REASONS = ['unchecked', 'in_progress', 'inconclusive', 'stale', 'disputed', 'false'] as const;
export type ClaimBlockReason = (typeof CLAIM_BLOCK_REASONS)[number];

/** A revision of the draft's document: its update sequence number and the hash of its text. */
export interface GateRevision {
  seq: number;
  textHash: string;
}

/** The headline or body has no letter or digit. */
export interface EmptyFieldBlocker {
  kind: 'empty_field';
  field: DocumentField;
}

/** A claim neither verified nor waived, or whose verdict went stale. */
export interface ClaimUncheckedBlocker {
  kind: 'claim_unchecked';
  reason: ClaimBlockReason;
  claim: { id: string; kind: ClaimKind | null; text: string };
}

/** A finding that blocks (`weekday_mismatch`, `invalid_date`) and is not dismissed. */
export interface FindingUnresolvedBlocker {
  kind: 'finding_unresolved';
  claimId: string;
  finding: { id: string; kind: FindingKind };
}

/** On publish: the document is not the revision that was approved (`approved: null`: none was). */
export interface RevisionChangedBlocker {
  kind: 'revision_changed';
  approved: GateRevision | null;
  current: GateRevision;
}

export type GateBlocker = EmptyFieldBlocker | ClaimUncheckedBlocker | FindingUnresolvedBlocker | RevisionChangedBlocker;

/** The `error` of a `409 PUBLISH_GATE_FAILED` body: every blocker, not just the first. */
export interface PublishGateFailedError {
  code: 'PUBLISH_GATE_FAILED';
  message: string;
  requestId?: string;
  blockers: GateBlocker[];
}
