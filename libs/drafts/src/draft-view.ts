import type { DraftAccess, DraftView, ReviewState, ReviewStatus } from '#contracts';
import type { DraftEntity } from '#persistence';

/**
 * A draft's review status as every answer tells it (the draft's REST views, the join answer, the
 * `review` event, the review log): the embargo only while `scheduled`. A released draft keeps the
 * time in its row, but it is past: the version's `embargoedUntil` tells it from then on.
 */
export function reviewStatusOf(draft: {
  reviewState: ReviewState;
  reviewRevision: number;
  embargoUntil: Date | null;
}): ReviewStatus {
  const embargo = draft.reviewState === 'scheduled' ? draft.embargoUntil : null;
  return {
    state: draft.reviewState,
    revision: draft.reviewRevision,
    embargoUntil: embargo ? new Date(embargo).toISOString() : null,
  };
}

export function toDraftView(draft: DraftEntity, access: DraftAccess): DraftView {
  return {
    id: draft.id,
    deskId: draft.deskId,
    language: draft.language,
    headline: draft.headline,
    body: draft.body,
    authorIds: draft.authorIds,
    createdBy: draft.createdBy,
    review: reviewStatusOf(draft),
    access,
    createdAt: draft.createdAt.toISOString(),
    updatedAt: draft.updatedAt.toISOString(),
  };
}
