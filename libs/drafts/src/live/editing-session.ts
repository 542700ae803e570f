import type { DraftAccess } from '#contracts';
import { TokenBucket } from '#domain';
import type { LiveDocument } from '#collab';
import type { AuthUser } from '#auth';

export interface JoinedDraft {
  live: LiveDocument;
  access: DraftAccess;
}

/** One connected socket's editing state: who it is, which drafts it joined, its update budget. */
export class EditingSession {
  readonly joined = new Map<string, JoinedDraft>();
  /** Joins under way, so a doubled join never acquires a document twice. */
  readonly joining = new Map<string, Promise<JoinedDraft>>();
  readonly updateBudget: TokenBucket;
  /** Joins and resyncs: each one loads or encodes document state. */
  readonly joinBudget: TokenBucket;

  constructor(
    readonly id: string,
    /** Refreshed when the user's rights change (see LiveEditingService.refreshAccess). */
    public user: AuthUser,
    limits: { updatesPerSecond: number; updateBurst: number; joinsPerSecond: number; joinBurst: number },
    now: number,
  ) {
    this.updateBudget = new TokenBucket(limits.updatesPerSecond, limits.updateBurst, now);
    this.joinBudget = new TokenBucket(limits.joinsPerSecond, limits.joinBurst, now);
  }
}
