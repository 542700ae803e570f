import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import * as Y from 'yjs';
import type { DraftAccess, JoinResult } from '#contracts';
import { DocumentManager, type CommittedBatch, type DocumentHealth, type UpdateDeliveryPort } from '#collab';
import { DomainError } from '#domain';
import type { AuthUser } from '#auth';
import { DraftAccessService } from '../draft-access.service.js';
import { reviewStatusOf } from '../draft-view.js';
import { EditingSession, type JoinedDraft } from './editing-session.js';
import { LIVE_EDITING_OPTIONS, type LiveEditingOptions } from './live-editing.options.js';

/** What editing decides of a join; the sessions service adds presence and claims. */
export type JoinOutcome = Omit<JoinResult, 'presence' | 'sessionId' | 'claims'> & { deskId: string };

/** What a rights change did to a session's drafts. */
export interface AccessRefresh {
  /** Drafts it may no longer see, now left. */
  lost: string[];
  /** Drafts it keeps with another access. */
  changed: Map<string, DraftAccess>;
}

/** Joining drafts, submitting updates and leaving, for one socket session at a time. */
@Injectable()
export class LiveEditingService implements BeforeApplicationShutdown {
  constructor(
    private readonly documents: DocumentManager,
    private readonly access: DraftAccessService,
    @Inject(LIVE_EDITING_OPTIONS) private readonly options: LiveEditingOptions,
  ) {}

  openSession(id: string, user: AuthUser, now: number): EditingSession {
    return new EditingSession(id, user, this.options, now);
  }

  /** Joins (or, when already joined, resyncs): what the client lacks, its access and the review state. */
  async join(session: EditingSession, draftId: string, now: number, stateVector?: Uint8Array): Promise<JoinOutcome> {
    if (!session.joinBudget.tryTake(now)) throw new DomainError('RATE_LIMITED', 'Too many joins: slow down');
    const { draft, access } = await this.access.require(session.user, draftId, 'view');
    if (stateVector) this.requireStateVector(stateVector);
    const joined = await this.attach(session, draftId);
    joined.access = access;
    return {
      ...this.documents.syncFor(joined.live, stateVector),
      access,
      deskId: draft.deskId,
      review: reviewStatusOf(draft),
      limits: {
        maxUpdateBytes: this.options.documents.maxUpdateBytes,
        maxDocumentBytes: this.options.documents.maxDocumentBytes,
      },
    };
  }

  /**
   * Resolves once the update is durably stored (at once for an empty update: nothing to store or
   * pass on). Throws with the code to ack.
   */
  async submit(session: EditingSession, draftId: string, update: Uint8Array, now: number): Promise<void> {
    const joined = session.joined.get(draftId);
    if (!joined) throw new DomainError('NOT_JOINED', 'Join the draft before sending updates');
    if (joined.access !== 'edit') throw new DomainError('FORBIDDEN', `You have ${joined.access} access to this draft`);
    if (!session.updateBudget.tryTake(now)) throw new DomainError('RATE_LIMITED', 'Too many updates: slow down');
    await this.documents.submit(joined.live, update, { userId: session.user.id, connectionId: session.id });
  }

  /** Where stored updates go to reach this instance's sessions (the fan-out extension's port). */
  deliverUpdatesTo(port: UpdateDeliveryPort): void {
    this.documents.fanout.deliverTo(port);
  }

  leave(session: EditingSession, draftId: string): boolean {
    const joined = session.joined.get(draftId);
    if (!joined) return false;
    session.joined.delete(draftId);
    this.documents.release(joined.live);
    return true;
  }

  /**
   * Decides again, for `user` as they are now, what the session may do in each draft it joined.
   * Drafts it may no longer see are left (its updates are then NOT_JOINED, a rejoin NOT_FOUND);
   * the others keep the session with its new access. Returns the drafts left and those whose
   * access changed.
   */
  async refreshAccess(session: EditingSession, user: AuthUser): Promise<AccessRefresh> {
    session.user = user;
    const refresh: AccessRefresh = { lost: [], changed: new Map() };
    for (const [draftId, joined] of session.joined) {
      const access = await this.access.currentAccess(user, draftId);
      if (session.joined.get(draftId) !== joined) continue; // left meanwhile
      if (!access) {
        if (this.leave(session, draftId)) refresh.lost.push(draftId);
      } else if (access !== joined.access) {
        joined.access = access;
        refresh.changed.set(draftId, access);
      }
    }
    return refresh;
  }

  leaveAll(session: EditingSession): string[] {
    const draftIds = [...session.joined.keys()];
    for (const draftId of draftIds) this.leave(session, draftId);
    return draftIds;
  }

  get stats() {
    return this.documents.stats;
  }

  get health(): DocumentHealth {
    return this.documents.health;
  }

  /** Calls `listener` after every commit of updates on this instance. */
  onCommitted(listener: (batch: CommittedBatch) => void): void {
    this.documents.onCommitted(listener);
  }

  /** Before sockets close: finish in-flight stores and write pending text. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.documents.close();
  }

  private async attach(session: EditingSession, draftId: string): Promise<JoinedDraft> {
    const existing = session.joined.get(draftId);
    if (existing && !existing.live.closed) return existing;
    // The document was dropped under the session (an update broke it): rejoin a fresh load.
    if (existing) this.leave(session, draftId);
    let pending = session.joining.get(draftId);
    if (!pending) {
      pending = (async () => {
        const live = await this.documents.acquire(draftId);
        if (!live) throw new DomainError('NOT_FOUND', 'No such draft');
        const joined: JoinedDraft = { live, access: 'view' };
        session.joined.set(draftId, joined);
        return joined;
      })().finally(() => session.joining.delete(draftId));
      session.joining.set(draftId, pending);
    }
    return pending;
  }

  private requireStateVector(stateVector: Uint8Array): void {
    try {
      Y.decodeStateVector(stateVector);
    } catch {
      throw new DomainError('INVALID_PAYLOAD', 'stateVector is not a Yjs state vector');
    }
  }
}
