/**
 * The copies of a draft the review workflow keeps (issue 12, docs/review.md): on submit, approve
 * and publish, a full copy of the headline, the body and the claims with their verdicts.
 * `GET /api/drafts/:id/revisions` lists them, `.../revisions/:number` gives one in full, and
 * `.../diff?from=&to=` compares two.
 */
import type { DraftClaim } from './draft-claims.js';

/** The action a copy was kept at. */
export const REVISION_KINDS = ['submitted', 'approved', 'published'] as const;
export type RevisionKind = (typeof REVISION_KINDS)[number];

/** A kept revision as listed (without its text). */
export interface RevisionSummaryView {
  /** 1, 2, … within the draft: `.../revisions/:number`, the diff's `from` and `to`. */
  number: number;
  kind: RevisionKind;
  /** The document's sequence number of the text copied. */
  seq: number;
  textHash: string;
  /** ISO 8601. */
  createdAt: string;
  createdBy: string | null;
  /** `createdBy`'s display name; null when the user no longer exists. */
  createdByName: string | null;
}

/** A claim as a revision keeps it: as it stood, verdicts included, without the moment's suggestions. */
export type RevisionClaim = Omit<DraftClaim, 'suggestions'>;

/** One kept revision in full. */
export interface RevisionView extends RevisionSummaryView {
  id: string;
  draftId: string;
  headline: string;
  body: string;
  claims: RevisionClaim[];
}

export type DiffOp = 'equal' | 'insert' | 'delete';

export interface DiffPart {
  op: DiffOp;
  text: string;
}

/**
 * A word-level diff between two revisions of a draft, field by field. Joining the `text` of every
 * `equal` and `delete` part gives the older revision's field; joining every `equal` and `insert`
 * part gives the newer one's. Parts split only between words (a word keeps its harakat, shadda,
 * tatweel and attached prefixes), and a run of changes between two equal parts is one `delete`
 * then one `insert`.
 */
export interface RevisionDiff {
  headline: DiffPart[];
  body: DiffPart[];
}
