import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Language, ReviewState } from '#contracts';
import { StorageBoundary } from '../database/storage-boundary.js';
import { DraftUpdateEntity } from '../entities/draft-update.entity.js';
import { DraftEntity } from '../entities/draft.entity.js';

export interface NewDraft {
  deskId: string;
  language: Language;
  headline: string;
  body: string;
  searchText: string;
  createdBy: string;
  /** The document's first update, holding the initial text; stored as sequence 1. */
  initialUpdate: Uint8Array | null;
}

export interface DraftQuery {
  /** Only these desks (the caller's, already narrowed by any desk filter). */
  deskIds: readonly string[];
  state?: ReviewState;
  /** Already folded with normaliseForSearch. */
  search?: string;
  after?: { createdAt: Date; id: string };
  limit: number;
}

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

@Injectable()
@StorageBoundary()
export class DraftsRepository {
  constructor(private readonly dataSource: DataSource) {}

  findById(id: string): Promise<DraftEntity | null> {
    return this.dataSource.getRepository(DraftEntity).findOneBy({ id });
  }

  async insert(draft: NewDraft): Promise<DraftEntity> {
    return this.dataSource.transaction(async (tx: EntityManager) => {
      const seq = draft.initialUpdate ? 1 : 0;
      const created = await tx.getRepository(DraftEntity).save(
        tx.getRepository(DraftEntity).create({
          deskId: draft.deskId,
          language: draft.language,
          headline: draft.headline,
          body: draft.body,
          searchText: draft.searchText,
          createdBy: draft.createdBy,
          authorIds: [draft.createdBy],
          headSeq: seq,
          textSeq: seq,
        }),
      );
      if (draft.initialUpdate) {
        await tx.getRepository(DraftUpdateEntity).insert({
          draftId: created.id,
          seq: 1,
          data: Buffer.from(draft.initialUpdate),
          userId: null,
        });
      }
      return created;
    });
  }

  /** One page, newest first, keyed on (created_at, id) so pages never skip or repeat rows. */
  list(query: DraftQuery): Promise<DraftEntity[]> {
    if (query.deskIds.length === 0) return Promise.resolve([]);
    const qb = this.dataSource
      .getRepository(DraftEntity)
      .createQueryBuilder('draft')
      .where('draft.desk_id IN (:...deskIds)', { deskIds: query.deskIds });
    if (query.state) qb.andWhere('draft.review_state = :state', { state: query.state });
    if (query.search)
      qb.andWhere(`draft.search_text LIKE :pattern ESCAPE '\\'`, { pattern: likePattern(query.search) });
    if (query.after) {
      qb.andWhere('(draft.created_at, draft.id) < (:afterTime, :afterId)', {
        afterTime: query.after.createdAt,
        afterId: query.after.id,
      });
    }
    return qb.orderBy('draft.created_at', 'DESC').addOrderBy('draft.id', 'DESC').limit(query.limit).getMany();
  }

  async updateMetadata(
    id: string,
    changes: Partial<Pick<DraftEntity, 'language' | 'authorIds'>>,
  ): Promise<DraftEntity | null> {
    await this.dataSource.getRepository(DraftEntity).update({ id }, changes);
    return this.findById(id);
  }
}
