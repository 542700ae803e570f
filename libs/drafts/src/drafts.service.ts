import { Injectable } from '@nestjs/common';
import type { DraftView, Language, Page, ReviewState } from '#contracts';
import { canCreateDrafts, DomainError, normaliseForSearch } from '#domain';
import { encodeInitialDocument } from '#collab';
import { DesksRepository, DraftsRepository } from '#persistence';
import { AccessChanges, type AuthUser } from '#auth';
import { decodeDraftCursor, encodeDraftCursor } from './draft-cursor.js';
import { DraftAccessService } from './draft-access.service.js';
import { toDraftView } from './draft-view.js';

export interface CreateDraftInput {
  language: Language;
  headline?: string;
  body?: string;
  deskId?: string;
}

export interface ListDraftsInput {
  deskId?: string;
  state?: ReviewState;
  q?: string;
  limit?: number;
  cursor?: string;
}

export interface UpdateDraftInput {
  language?: Language;
  authorIds?: string[];
}

export const DEFAULT_PAGE_SIZE = 20;

@Injectable()
export class DraftsService {
  constructor(
    private readonly drafts: DraftsRepository,
    private readonly desks: DesksRepository,
    private readonly access: DraftAccessService,
    private readonly accessChanges: AccessChanges,
  ) {}

  async create(user: AuthUser, input: CreateDraftInput): Promise<DraftView> {
    const deskId = this.chooseDesk(user, input.deskId);
    if (!canCreateDrafts(user.role)) {
      throw new DomainError('FORBIDDEN', 'Only reporters and editors start drafts');
    }
    const headline = input.headline ?? '';
    const body = input.body ?? '';
    const draft = await this.drafts.insert({
      deskId,
      language: input.language,
      headline,
      body,
      searchText: normaliseForSearch(`${headline}\n${body}`),
      createdBy: user.id,
      initialUpdate: headline || body ? encodeInitialDocument({ headline, body }) : null,
    });
    return toDraftView(draft, 'edit');
  }

  async list(user: AuthUser, input: ListDraftsInput): Promise<Page<DraftView>> {
    const limit = input.limit ?? DEFAULT_PAGE_SIZE;
    // A desk the user is not on lists nothing, exactly like a desk with no drafts.
    const deskIds = input.deskId ? [...user.deskIds].filter((id) => id === input.deskId) : [...user.deskIds];
    const search = input.q ? normaliseForSearch(input.q) : undefined;
    const rows = await this.drafts.list({
      deskIds,
      state: input.state,
      search: search || undefined,
      after: input.cursor ? decodeDraftCursor(input.cursor) : undefined,
      limit: limit + 1,
    });
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map((draft) => toDraftView(draft, this.access.accessTo(user, draft)!)),
      nextCursor: rows.length > limit && last ? encodeDraftCursor({ createdAt: last.createdAt, id: last.id }) : null,
    };
  }

  async get(user: AuthUser, draftId: string): Promise<DraftView> {
    const { draft, access } = await this.access.require(user, draftId, 'view');
    return toDraftView(draft, access);
  }

  async update(user: AuthUser, draftId: string, input: UpdateDraftInput): Promise<DraftView> {
    const { draft } = await this.access.require(user, draftId, 'edit');
    if (input.language === undefined && input.authorIds === undefined) {
      throw new DomainError('VALIDATION_FAILED', 'Nothing to change: give language or authorIds');
    }
    if (input.authorIds) await this.requireDeskMembers(draft.deskId, input.authorIds);
    const updated = await this.drafts.updateMetadata(draftId, {
      ...(input.language && { language: input.language }),
      ...(input.authorIds && { authorIds: [...new Set(input.authorIds)] }),
    });
    // Authors edit; whoever left or joined the list may now have other rights in open sessions.
    if (input.authorIds) this.accessChanges.notify([...draft.authorIds, ...input.authorIds]);
    // As the change leaves it: an author who took themself off the list now only views.
    return toDraftView(updated!, this.access.accessTo(user, updated!)!);
  }

  private chooseDesk(user: AuthUser, deskId: string | undefined): string {
    if (deskId) {
      if (!user.deskIds.has(deskId)) throw new DomainError('DESK_NOT_FOUND', 'No such desk');
      return deskId;
    }
    if (user.deskIds.size === 1) return [...user.deskIds][0]!;
    throw new DomainError(
      'DESK_REQUIRED',
      user.deskIds.size === 0 ? 'You are not on any desk yet: ask an admin to add you' : 'Say which desk: deskId',
    );
  }

  private async requireDeskMembers(deskId: string, userIds: string[]): Promise<void> {
    // Authors must be on the draft's desk: membership is what lets them see it at all.
    const members = new Set(await this.desks.members(deskId));
    const outsider = userIds.find((id) => !members.has(id));
    if (outsider) throw new DomainError('USER_NOT_FOUND', `User ${outsider} is not on the draft's desk`);
  }
}
