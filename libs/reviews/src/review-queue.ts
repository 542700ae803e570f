import type { AuthUser } from '#auth';
import type { GateBlockerKind, ReviewQueuePage, ReviewQueueQuery } from '#contracts';
import { checkPublishGate } from '#domain';
import { toDraftClaim } from '#claims';
import { decodeDraftCursor, encodeDraftCursor } from '#drafts';
import type { ClaimRecord, ClaimsRepository, DraftsRepository } from '#persistence';
import { toGateClaim } from './gate-claims.js';

const DEFAULT_LIMIT = 20;

/**
 * The editor's queue: drafts in review on the caller's desks, newest first, each with the gate's
 * blocker counts, so an editor sees at a glance what is ready to approve. The counts use each
 * draft's stored text and its claims as last reconciled; approving checks the live text again.
 */
export class ReviewQueue {
  constructor(
    private readonly drafts: Pick<DraftsRepository, 'list'>,
    private readonly claims: Pick<ClaimsRepository, 'active'>,
  ) {}

  async page(user: AuthUser, query: ReviewQueueQuery): Promise<ReviewQueuePage> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const deskIds = [...user.deskIds].filter((id) => !query.deskId || id === query.deskId);
    const rows = await this.drafts.list({
      deskIds,
      state: 'in_review',
      after: query.cursor ? decodeDraftCursor(query.cursor) : undefined,
      limit: limit + 1,
    });
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return {
      items: await Promise.all(
        items.map(async (draft) => {
          const blockers = countBlockers(draft.headline, draft.body, await this.claims.active(draft.id));
          return {
            draft: {
              id: draft.id,
              deskId: draft.deskId,
              headline: draft.headline,
              language: draft.language,
              updatedAt: draft.updatedAt.toISOString(),
            },
            blockers,
            ready: Object.values(blockers).every((count) => count === 0),
          };
        }),
      ),
      nextCursor: rows.length > limit && last ? encodeDraftCursor({ createdAt: last.createdAt, id: last.id }) : null,
    };
  }
}

function countBlockers(headline: string, body: string, claims: ClaimRecord[]): Record<GateBlockerKind, number> {
  const counts: Record<GateBlockerKind, number> = {
    empty_field: 0,
    claim_unchecked: 0,
    finding_unresolved: 0,
    revision_changed: 0,
  };
  const blockers = checkPublishGate({
    headline,
    body,
    claims: claims.map((claim) => toGateClaim(toDraftClaim(claim))),
    approvedRevision: null,
    current: { seq: 0, textHash: '' },
    checking: 'approve',
  });
  for (const blocker of blockers) counts[blocker.kind]++;
  return counts;
}
