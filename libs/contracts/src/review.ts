/**
 * The review workflow as clients see it (issue 12): the actions of
 * `POST /api/drafts/:id/review/:action`, their body and answer, the blockers a
 * `409 PUBLISH_GATE_FAILED` lists in `error.blockers`, the review log and the editor's queue.
 * The rules themselves live in libs/domain/src/review.
 */
import type { Language, Page, ReviewState } from './api.js';
import type { ClaimKind, FindingKind } from './claims.js';
import type { ReviewStatus } from './collab.js';
import type { DocumentField } from './document.js';
import type { PublicationEventName } from './publications.js';

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

/**
 * Why a review action was refused `409 CONFLICT`, as `error.reason`:
 * - `state`: the action is not open from the draft's state (someone moved it first);
 *   `error.state`, `error.action` and `error.allowed` say where it stands and what this caller may do;
 * - `changed`: an update was stored while the text was being checked (`error.checked`,
 *   `error.current`: the sequence numbers compared); the same action may simply be tried again.
 */
export const REVIEW_CONFLICT_REASONS = ['state', 'changed'] as const;
export type ReviewConflictReason = (typeof REVIEW_CONFLICT_REASONS)[number];

/** The `error` of a `409 CONFLICT` refusing a review action because of the draft's state. */
export interface ReviewStateConflictError {
  code: 'CONFLICT';
  message: string;
  requestId?: string;
  reason: 'state';
  state: ReviewState;
  action: ReviewAction;
  /** The actions this caller may take from `state`, in REVIEW_ACTIONS order. */
  allowed: ReviewAction[];
}

/** The `error` of a `409 CONFLICT` refusing `submit`, `approve` or `publish`: the draft changed under the check. */
export interface ReviewChangedConflictError {
  code: 'CONFLICT';
  message: string;
  requestId?: string;
  reason: 'changed';
  /** The document's sequence number of the text checked. */
  checked: number;
  /** Its sequence number when the transition was about to commit. */
  current: number;
}

export type ReviewConflictError = ReviewStateConflictError | ReviewChangedConflictError;

/** What `POST /api/drafts/:id/review/:action` answers: the draft's review fields after the action. */
export interface ReviewOutcome {
  state: ReviewState;
  /** +1 per transition. */
  revision: number;
  /** The document's sequence number the standing approval pinned; null when none stands. */
  approvedSeq: number | null;
  /** ISO 8601: when a `scheduled` draft is released; null when not embargoed. */
  embargoUntil: string | null;
  /** The version this transition released, if it released one (`GET /api/drafts/:id/publications/:version`). */
  publication: { id: string; version: number; event: PublicationEventName } | null;
}

/** What the review log records: a transition, a verdict on a claim, or a finding set aside. */
export const REVIEW_EVENT_KINDS = ['transition', 'verdict', 'finding_dismissed'] as const;
export type ReviewEventKind = (typeof REVIEW_EVENT_KINDS)[number];

/** The action of a `transition` entry: a review action, or `release` (the scheduler, at an embargo's end). */
export type ReviewLogAction = ReviewAction | 'release';

/** One entry of a draft's review log. */
export interface ReviewEventView {
  id: string;
  /** ISO 8601, to the millisecond; strictly increasing within a draft's log. */
  at: string;
  /** Null: the scheduler. */
  actorId: string | null;
  /** The actor's display name; null for the scheduler (or a user who no longer exists). */
  actorName: string | null;
  kind: ReviewEventKind;
  /** `transition` entries only. */
  action: ReviewLogAction | null;
  from: ReviewState | null;
  to: ReviewState | null;
  /** The document's sequence number at the event. */
  revision: number | null;
  /** A transition's reason, a verdict's note, or why a finding was set aside. */
  reason: string | null;
  /** `verdict` and `finding_dismissed` entries: the claim. */
  claimId: string | null;
  /** `verdict`: `{ status, citesVerdictId }`; `finding_dismissed`: `{ findingId }`. */
  details: Record<string, unknown>;
}

/** `GET /api/drafts/:id/review`: the review status (with a scheduled draft's embargo) and the log, oldest first. */
export interface ReviewHistory extends ReviewStatus {
  history: ReviewEventView[];
}

/** `GET /api/drafts/:id/review` query: only the entries of one user. */
export interface ReviewHistoryQuery {
  actorId?: string;
}

/** One draft of the editor's queue (`GET /api/review/queue`), and what stands between it and approval. */
export interface QueuedDraft {
  draft: { id: string; deskId: string; headline: string; language: Language; updatedAt: string };
  /** How many blockers of each kind the gate finds now (claims as last reconciled). */
  blockers: Record<GateBlockerKind, number>;
  /** No blocker: an editor may approve it. */
  ready: boolean;
}

/** `GET /api/review/queue` query: drafts in review on the caller's desks, newest first. */
export interface ReviewQueueQuery {
  /** One of the caller's desks; another desk lists nothing. */
  deskId?: string;
  /** 1 to 100; 20 when absent. */
  limit?: number;
  /** The previous page's `nextCursor`. */
  cursor?: string;
}

export type ReviewQueuePage = Page<QueuedDraft>;

/**
 * Review states in which the body may not be edited (updates are refused `LOCKED`): an approval
 * is pinned to a revision, a release is immutable, a spiked story is dead until unspiked.
 */
export const BODY_LOCKED_STATES = ['approved', 'scheduled', 'published', 'withdrawn', 'spiked'] as const;
export type BodyLockedState = (typeof BODY_LOCKED_STATES)[number];
