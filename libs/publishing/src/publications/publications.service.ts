import { Injectable } from '@nestjs/common';
import type { AuthUser } from '#auth';
import type { Publication, PublicationFeedPage } from '#contracts';
import { DomainError, invalidField } from '#domain';
import { DraftAccessService } from '#drafts';
import { PublicationsRepository, type PublicationRecord } from '#persistence';

export interface FeedRequest {
  /** One of the caller's desks; a desk they are not on gives an empty feed. */
  deskId?: string;
  /** A feed position (a previous answer's `head`): only later releases. */
  since?: string;
  /** The previous page's `nextCursor`. */
  cursor?: string;
  limit?: number;
}

const DEFAULT_FEED_PAGE = 20;
const MAX_FEED_PAGE = 100;

/**
 * Released versions as the API shows them (docs/publishing.md): those of a draft the caller may
 * see, and the feed across the caller's desks. A draft the caller may not see has no versions
 * for them, and its versions are answered NOT_FOUND like the draft.
 */
@Injectable()
export class PublicationsService {
  constructor(
    private readonly publications: PublicationsRepository,
    private readonly access: DraftAccessService,
  ) {}

  async ofDraft(user: AuthUser, draftId: string): Promise<Publication[]> {
    await this.access.require(user, draftId, 'view');
    return (await this.publications.ofDraft(draftId)).map(toPublication);
  }

  async version(user: AuthUser, draftId: string, version: number): Promise<Publication> {
    await this.access.require(user, draftId, 'view');
    const found = await this.publications.version(draftId, version);
    if (!found) throw new DomainError('NOT_FOUND', `No version ${version} of this story`);
    return toPublication(found);
  }

  async byId(user: AuthUser, id: string): Promise<Publication> {
    const found = await this.publications.byId(id);
    if (!found || !(await this.access.currentAccess(user, found.draftId))) {
      throw new DomainError('NOT_FOUND', 'No such publication');
    }
    return toPublication(found);
  }

  /** Newest first, on the caller's desks (or the one asked for, if theirs). */
  async feed(user: AuthUser, request: FeedRequest): Promise<PublicationFeedPage> {
    const limit = Math.min(Math.max(request.limit ?? DEFAULT_FEED_PAGE, 1), MAX_FEED_PAGE);
    const deskIds =
      request.deskId === undefined ? [...user.deskIds] : [request.deskId].filter((id) => user.deskIds.has(id));
    const { items, head } = await this.publications.feed({
      deskIds,
      after: positionOf('since', request.since),
      before: positionOf('cursor', request.cursor),
      limit: limit + 1,
    });
    const page = items.slice(0, limit);
    return {
      items: page.map(toPublication),
      nextCursor: items.length > limit ? String(page.at(-1)!.position) : null,
      head,
    };
  }
}

function positionOf(field: 'since' | 'cursor', value: string | undefined): number | null {
  if (value === undefined) return null;
  const position = Number(value);
  if (/^\d{1,15}$/.test(value) && Number.isSafeInteger(position)) return position;
  if (field === 'cursor') throw new DomainError('INVALID_CURSOR', 'The cursor is not one this API returned');
  throw invalidField(field, 'must be a feed position (a whole number) from an earlier answer');
}

export function toPublication(record: PublicationRecord): Publication {
  return {
    id: record.id,
    draftId: record.draftId,
    deskId: record.deskId,
    version: record.version,
    uri: record.uri,
    event: record.event,
    pubStatus: record.pubStatus,
    language: record.language,
    headline: record.headline,
    position: record.position,
    publishedAt: record.publishedAt.toISOString(),
    publishedBy: record.publishedBy,
    publishedByName: record.publishedByName,
    embargoedUntil: record.embargoedUntil?.toISOString() ?? null,
    note: record.note,
    ninjs: record.ninjs as Record<string, unknown>,
    html: record.html,
  };
}
