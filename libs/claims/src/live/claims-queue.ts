import type { AuthUser } from '#auth';
import { CLAIMS_QUEUE_STATUSES, type ClaimsQueuePage, type ClaimsQueueQuery } from '#contracts';
import { DomainError, isUuid } from '#domain';
import { queueCursorOf, type ClaimsRepository, type QueueCursor } from '#persistence';
import { toDraftClaim } from './claim-views.js';

const DEFAULT_LIMIT = 20;

/**
 * The checker's queue: open claims that need work, across the drafts the caller may see, drafts
 * in review first, then the newest drafts, claims in text order; keyset-paginated.
 */
export class ClaimsQueue {
  constructor(private readonly claims: Pick<ClaimsRepository, 'queue'>) {}

  async page(user: AuthUser, query: ClaimsQueueQuery): Promise<ClaimsQueuePage> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    // A desk the user is not on lists nothing, exactly like a desk with no claims.
    const deskIds = [...user.deskIds].filter((id) => !query.deskId || id === query.deskId);
    const rows = await this.claims.queue({
      deskIds,
      statuses: query.status ? [query.status] : CLAIMS_QUEUE_STATUSES,
      after: query.cursor ? decodeQueueCursor(query.cursor) : undefined,
      limit: limit + 1,
    });
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return {
      items: items.map((row) => ({
        claim: toDraftClaim({ ...row, verdicts: [], findings: [] }),
        draft: { id: row.draftId, headline: row.draftHeadline, reviewState: row.draftReviewState, deskId: row.deskId },
      })),
      nextCursor: rows.length > limit && last ? encodeQueueCursor(queueCursorOf(last)) : null,
    };
  }
}

export function encodeQueueCursor(cursor: QueueCursor): string {
  const { inReview, draftCreatedAt, draftId, startOffset, claimId } = cursor;
  return Buffer.from(JSON.stringify([inReview, draftCreatedAt.toISOString(), draftId, startOffset, claimId])).toString(
    'base64url',
  );
}

export function decodeQueueCursor(raw: string): QueueCursor {
  try {
    const [inReview, time, draftId, startOffset, claimId] = JSON.parse(
      Buffer.from(raw, 'base64url').toString('utf8'),
    ) as unknown[];
    const draftCreatedAt = new Date(String(time));
    if (
      typeof inReview === 'boolean' &&
      !Number.isNaN(draftCreatedAt.getTime()) &&
      typeof draftId === 'string' &&
      isUuid(draftId) &&
      Number.isInteger(startOffset) &&
      typeof claimId === 'string' &&
      isUuid(claimId)
    ) {
      return { inReview, draftCreatedAt, draftId, startOffset: startOffset as number, claimId };
    }
  } catch {
    // fall through
  }
  throw new DomainError('INVALID_CURSOR', 'The cursor is not one this API returned');
}
