import { Injectable } from '@nestjs/common';
import type { DraftAccess } from '#contracts';
import { accessAtLeast, draftAccessFor, DomainError } from '#domain';
import { DraftsRepository, type DraftEntity } from '#persistence';
import type { AuthUser } from '#auth';

const NOT_FOUND = 'No such draft';

/** Decides, in one place, what a user may do with a draft. Unseen drafts are NOT_FOUND, never FORBIDDEN. */
@Injectable()
export class DraftAccessService {
  constructor(private readonly drafts: DraftsRepository) {}

  accessTo(user: AuthUser, draft: DraftEntity): DraftAccess | null {
    return draftAccessFor({ userId: user.id, role: user.role, deskIds: user.deskIds }, draft);
  }

  /** The user's access to the draft now, or null if they may not see it (or it is gone). */
  async currentAccess(user: AuthUser, draftId: string): Promise<DraftAccess | null> {
    const draft = await this.drafts.findById(draftId);
    return draft ? this.accessTo(user, draft) : null;
  }

  /** The draft and the user's access to it, if they need at least `needed`. */
  async require(
    user: AuthUser,
    draftId: string,
    needed: DraftAccess,
  ): Promise<{ draft: DraftEntity; access: DraftAccess }> {
    const draft = await this.drafts.findById(draftId);
    const access = draft ? this.accessTo(user, draft) : null;
    if (!draft || !access) throw new DomainError('NOT_FOUND', NOT_FOUND);
    if (!accessAtLeast(access, needed)) {
      throw new DomainError('FORBIDDEN', `This needs ${needed} access to the draft; you have ${access}`);
    }
    return { draft, access };
  }
}
