import type { DraftAccess, DraftView } from '#contracts';
import type { DraftEntity } from '#persistence';

export function toDraftView(draft: DraftEntity, access: DraftAccess): DraftView {
  return {
    id: draft.id,
    deskId: draft.deskId,
    language: draft.language,
    headline: draft.headline,
    body: draft.body,
    authorIds: draft.authorIds,
    createdBy: draft.createdBy,
    review: { state: draft.reviewState, revision: draft.reviewRevision },
    access,
    createdAt: draft.createdAt.toISOString(),
    updatedAt: draft.updatedAt.toISOString(),
  };
}
