/** What the review workflow stores (issue 12): its audit log, the revisions it keeps, the draft's review fields. */
import type { ReviewEventKind, ReviewState, RevisionKind } from '#contracts';
import type { LatestPublication, NewPublication, PublicationRecord } from '../publications/publication-records.js';

/** What the log records (#contracts' list): a transition, a verdict, a finding set aside. */
export type { ReviewEventKind };

/** The action a copy was kept at (#contracts' list). */
export type { RevisionKind };

/** One entry of a draft's review log, to append. */
export interface NewReviewEvent {
  draftId: string;
  /** Null: the scheduler. */
  actorId: string | null;
  kind: ReviewEventKind;
  /** The review action (or `release`). */
  action?: string | null;
  fromState?: ReviewState | null;
  toState?: ReviewState | null;
  /** The document's sequence number at the event. */
  revision?: number | null;
  reason?: string | null;
  claimId?: string | null;
  details?: Record<string, unknown>;
}

export interface ReviewEventRecord {
  id: string;
  draftId: string;
  /** To the millisecond; strictly increasing within a draft's log. */
  at: Date;
  actorId: string | null;
  /** The actor's display name; null for the scheduler (or a user who no longer exists). */
  actorName: string | null;
  kind: ReviewEventKind;
  action: string | null;
  fromState: ReviewState | null;
  toState: ReviewState | null;
  revision: number | null;
  reason: string | null;
  claimId: string | null;
  details: Record<string, unknown>;
}

/** Where a page of events starts: after this event (the last one of the previous page). */
export interface ReviewEventCursor {
  at: Date;
  id: string;
}

export interface ReviewEventQuery {
  actorId?: string;
  /** 1 to MAX_REVIEW_EVENTS_PAGE; DEFAULT_REVIEW_EVENTS_PAGE when absent. */
  limit?: number;
  after?: ReviewEventCursor;
}

export const DEFAULT_REVIEW_EVENTS_PAGE = 50;
export const MAX_REVIEW_EVENTS_PAGE = 500;

/** A full copy of the draft to keep; numbered by the repository. */
export interface NewRevision {
  draftId: string;
  kind: RevisionKind;
  seq: number;
  textHash: string;
  headline: string;
  body: string;
  /** The claims with their verdicts at that moment, stored as given (JSON). */
  claims: unknown;
  createdBy: string | null;
}

/** A kept revision as listed (without its text). */
export interface RevisionSummary {
  number: number;
  kind: RevisionKind;
  seq: number;
  textHash: string;
  createdAt: Date;
  createdBy: string | null;
  /** The maker's display name; null when the user no longer exists. */
  createdByName: string | null;
}

export interface RevisionRecord extends RevisionSummary {
  id: string;
  draftId: string;
  headline: string;
  body: string;
  claims: unknown;
}

/** The draft's row as a transition reads it, locked. */
export interface ReviewDraftRow {
  id: string;
  reviewState: ReviewState;
  /** +1 per transition. */
  reviewRevision: number;
  headSeq: number;
  approvedSeq: number | null;
  approvedHash: string | null;
  embargoUntil: Date | null;
  deskId: string;
  authorIds: string[];
  /** The story's latest released version; null before the first release. */
  latestPublication: LatestPublication | null;
}

/** What a transition writes: the draft's new review fields, its log entry and the revision it keeps. */
export interface TransitionWrite {
  reviewState: ReviewState;
  approvedSeq: number | null;
  approvedHash: string | null;
  embargoUntil: Date | null;
  reason: string | null;
  /** The log entry: kind `transition`, from the locked state to `reviewState`, with `reason`. */
  event: {
    actorId: string | null;
    action: string;
    revision?: number | null;
    details?: Record<string, unknown>;
  };
  /** The copy to keep, numbered next for the draft; null keeps none. */
  revision: Omit<NewRevision, 'draftId'> | null;
  /** The version this transition releases (with its webhook deliveries); absent or null releases none. */
  publication?: NewPublication | null;
}

export interface TransitionResult {
  draft: ReviewDraftRow;
  event: ReviewEventRecord;
  revision: RevisionSummary | null;
  publication: PublicationRecord | null;
}
