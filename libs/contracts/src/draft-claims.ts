/**
 * Claims in a draft (docs/claims.md, "Claims in a draft"): what fact-checkers tag and verify,
 * anchored to the body so they move with edits. REST answers these, the join answer carries the
 * active ones, and the `claims` event announces every change.
 */
import type { Page, ReviewState } from './api.js';
import type { ClaimKind, ExtractedClaim, FindingKind } from './claims.js';
import type { RelativePositionJson } from './collab.js';

/** What a fact-checker (or, for `waived`, an editor) may record, in the order work usually goes. */
export const VERDICT_STATUSES = ['in_progress', 'verified', 'disputed', 'false', 'inconclusive', 'waived'] as const;
export type VerdictStatus = (typeof VERDICT_STATUSES)[number];

/** A claim's status: its latest verdict's, or `unchecked` before the first. */
export type ClaimStatus = 'unchecked' | VerdictStatus;

export const CLAIM_ORIGINS = ['auto', 'manual'] as const;
/** `auto`: found by the extractor; `manual`: tagged by a fact-checker or editor. */
export type ClaimOrigin = (typeof CLAIM_ORIGINS)[number];

export interface Evidence {
  /** An http(s) URL. */
  url: string;
  title?: string;
}

export interface Verdict {
  id: string;
  status: VerdictStatus;
  byUserId: string;
  /** `byUserId`'s display name (a verdict's giver is never deleted). */
  byName: string;
  /** ISO 8601. */
  at: string;
  note: string | null;
  evidence: Evidence[];
  /** The claim's text when this verdict was given. */
  text: string;
  /** An earlier verdict in another draft this one accepted (newsroom memory). */
  citesVerdictId: string | null;
}

export interface DraftClaimFinding {
  id: string;
  kind: FindingKind;
  message: string;
  /**
   * Set aside by a fact-checker or editor, with why; kept in the history. `byName` is their
   * display name (null when the user no longer exists).
   */
  dismissed: { byUserId: string; byName: string | null; at: string; reason: string } | null;
}

/** An earlier verdict on the same claim in another draft the caller may see. */
export interface ClaimSuggestion {
  draftId: string;
  claimId: string;
  verdict: Verdict;
}

export interface DraftClaim {
  id: string;
  draftId: string;
  /** Null for a manual claim tagged without a kind that the extractor does not recognise either. */
  kind: ClaimKind | null;
  origin: ClaimOrigin;
  /** `Y.relativePositionToJSON` positions in `body`: a client resolves them against its own document. */
  anchor: RelativePositionJson;
  head: RelativePositionJson;
  /** The text the anchors cover, and where, as the server last resolved them (REST: resolved now). */
  text: string;
  start: number;
  end: number;
  /** The extractor's value (null for a manual claim it does not read). */
  value: ExtractedClaim['value'] | null;
  /** The noun a rank or figure belongs to, when the extractor names one. */
  subject: string | null;
  /** A manual claim's note from whoever tagged it. */
  note: string | null;
  status: ClaimStatus;
  /** Its text changed since the latest verdict: the verdict is kept but no longer counts. */
  stale: boolean;
  verdict: Verdict | null;
  /** Every verdict, oldest first. */
  verdicts: Verdict[];
  findings: DraftClaimFinding[];
  suggestions: ClaimSuggestion[];
  /** Set once its text was deleted (or the extractor no longer finds it): out of the active list, kept in history. */
  closed: { at: string; reason: string } | null;
  createdAt: string;
  updatedAt: string;
}

/** The `claims` event: claims added, re-checked, gone stale or closed (their ids in `closed`). */
export interface ClaimsEvent {
  draftId: string;
  changed: DraftClaim[];
  closed: string[];
}

/** `POST /api/drafts/:id/claims`: by offsets into the current body, or by relative positions. */
export interface TagClaimRequest {
  start?: number;
  end?: number;
  anchor?: RelativePositionJson;
  head?: RelativePositionJson;
  kind?: ClaimKind;
  note?: string;
}

/** `POST /api/drafts/:id/claims/:claimId/verdicts`. */
export interface VerdictRequest {
  status: VerdictStatus;
  note?: string;
  evidence?: Evidence[];
  /** Accept an earlier verdict from newsroom memory: it is cited. */
  citesVerdictId?: string;
}

/** `POST /api/drafts/:id/claims/:claimId/findings/:findingId/dismiss`. */
export interface DismissFindingRequest {
  /** Why the finding is set aside; at most 2,000 characters. */
  reason: string;
}

/** The open claims the checker's queue lists: never checked, gone stale, or being checked. */
export const CLAIMS_QUEUE_STATUSES = ['unchecked', 'stale', 'in_progress'] as const;
export type ClaimsQueueStatus = (typeof CLAIMS_QUEUE_STATUSES)[number];

/** `GET /api/claims` query. */
export interface ClaimsQueueQuery {
  /** Only claims of this status; all three when absent. */
  status?: ClaimsQueueStatus;
  /** One of the caller's desks; another desk lists nothing. */
  deskId?: string;
  /** 1 to 100; 20 when absent. */
  limit?: number;
  /** The previous page's `nextCursor`. */
  cursor?: string;
}

/** One entry of the checker's queue: the claim, and enough of its draft to decide where to go next. */
export interface QueuedClaim {
  /** Its status, without verdicts, findings or suggestions (empty, `verdict` null): `GET .../claims/:claimId` has them. */
  claim: DraftClaim;
  draft: { id: string; headline: string; reviewState: ReviewState; deskId: string };
}

/** `GET /api/claims`: drafts in review first, then the newest drafts, claims in text order. */
export type ClaimsQueuePage = Page<QueuedClaim>;
