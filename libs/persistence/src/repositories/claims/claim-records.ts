/**
 * What the claims repository takes and gives: claims with their verdicts and findings, the rows a
 * reconcile writes, the fact-check queue's rows and cursor, newsroom-memory suggestions.
 */
import type {
  ClaimKind,
  ClaimOrigin,
  ClaimStatus,
  Evidence,
  ExtractedClaim,
  FindingKind,
  Language,
  RelativePositionJson,
  ReviewState,
  VerdictStatus,
} from '#contracts';

/** What the extractor read from a claim (a number, a money amount, a date...). */
export type ClaimValue = ExtractedClaim['value'];

/** One verdict of a claim's history, with the giver's display name. */
export interface VerdictRecord {
  id: string;
  claimId: string;
  status: VerdictStatus;
  note: string | null;
  evidence: Evidence[];
  byUserId: string;
  byName: string;
  at: Date;
  /** The claim's text when the verdict was given. */
  text: string;
  citesVerdictId: string | null;
}

/** A finding the extractor still reports on a claim (dismissed or not). */
export interface FindingRecord {
  id: string;
  claimId: string;
  kind: FindingKind;
  message: string;
  text: string;
  createdAt: Date;
  dismissedBy: string | null;
  /** The dismisser's display name; null when not dismissed (or the user no longer exists). */
  dismissedByName: string | null;
  dismissedAt: Date | null;
  dismissReason: string | null;
}

/** A claim's own columns. */
export interface ClaimFields {
  id: string;
  draftId: string;
  /** Null only for a manual claim tagged without a kind the extractor recognises. */
  kind: ClaimKind | null;
  origin: ClaimOrigin;
  anchor: RelativePositionJson;
  head: RelativePositionJson;
  /** The text under the anchors, and where, when last reconciled. */
  text: string;
  startOffset: number;
  endOffset: number;
  value: ClaimValue | null;
  subject: string | null;
  note: string | null;
  memoryKey: string | null;
  status: ClaimStatus;
  /** The text at the latest verdict. */
  checkedText: string | null;
  stale: boolean;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
  closedReason: string | null;
}

export interface ClaimRecord extends ClaimFields {
  /** Oldest first. */
  verdicts: VerdictRecord[];
  /** Those the extractor still reports, dismissed ones included, oldest first. */
  findings: FindingRecord[];
}

/** A finding as the extractor reports it; matched to a stored one by all three. */
export interface NewFinding {
  kind: FindingKind;
  message: string;
  text: string;
}

/** Where a claim's anchors sit and what they cover, as a reconcile or a tag writes them. */
type PlacedFields = 'anchor' | 'head' | 'text' | 'startOffset' | 'endOffset' | 'value' | 'subject' | 'memoryKey';

export type NewClaimRow = Pick<ClaimFields, PlacedFields | 'kind' | 'origin' | 'note' | 'createdBy'> & {
  findings: NewFinding[];
};

export type ClaimUpdateRow = Pick<ClaimFields, PlacedFields | 'id' | 'stale'> & {
  /** Every finding now reported on the claim; null leaves its findings alone (a manual claim). */
  findings: NewFinding[] | null;
};

/** What a reconcile decided: claims to create, to rewrite, to close. */
export interface ClaimWrites {
  created: NewClaimRow[];
  updated: ClaimUpdateRow[];
  closed: { id: string; reason: string }[];
}

/** What a reconcile's rules need to know of the draft, read with its lock. */
export interface ReconcilingDraft {
  deskId: string;
  language: Language;
  createdAt: Date;
}

export interface ReconcileResult {
  /** New claims and those whose stored fields or findings changed, as now stored, in document order. */
  changed: ClaimRecord[];
  /** The ids of the claims closed. */
  closed: string[];
}

export interface NewVerdict {
  status: VerdictStatus;
  note: string | null;
  evidence: Evidence[];
  byUserId: string;
  /** The claim's text now. */
  text: string;
  citesVerdictId: string | null;
}

export interface FindingDismissal {
  byUserId: string;
  reason: string;
}

/** `stale`: any stale claim; `unchecked` and `in_progress`: that status, not stale. */
export type QueueStatus = 'unchecked' | 'stale' | 'in_progress';

/** The last row of a queue page: where the next one starts. */
export interface QueueCursor {
  /** Its draft was in review (`review_state = 'in_review'`). */
  inReview: boolean;
  draftCreatedAt: Date;
  draftId: string;
  startOffset: number;
  claimId: string;
}

export interface ClaimQueueQuery {
  /** Only these desks (the caller's). */
  deskIds: readonly string[];
  statuses: readonly QueueStatus[];
  /** Narrows to one desk (which must also be in deskIds). */
  deskId?: string;
  after?: QueueCursor;
  limit: number;
}

export interface QueueRow extends ClaimFields {
  draftHeadline: string;
  draftReviewState: ReviewState;
  draftCreatedAt: Date;
  deskId: string;
}

export interface SuggestionRecord {
  draftId: string;
  claimId: string;
  verdict: VerdictRecord;
}

export interface FoundVerdict extends VerdictRecord {
  draftId: string;
  deskId: string;
}

/** The cursor a queue page ending with `row` hands on. */
export function queueCursorOf(row: QueueRow): QueueCursor {
  return {
    inReview: row.draftReviewState === 'in_review',
    draftCreatedAt: row.draftCreatedAt,
    draftId: row.draftId,
    startOffset: row.startOffset,
    claimId: row.id,
  };
}
