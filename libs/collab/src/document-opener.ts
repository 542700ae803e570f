import * as Y from 'yjs';
import { DomainError } from '#domain';
import type { DocumentStore, RejectedUpdate, StoredDocument } from './document-store.js';
import { LiveDocument } from './live-document.js';
import { buildStoredDocument } from './stored-document.js';

export interface ManagerLogger {
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

/** A deferred integration waits this long: the joins that caused the load are answered by then. */
const INTEGRATE_AFTER_MS = 50;

/**
 * Turns a stored document into a live one. Nothing stored may stop a draft from loading: updates
 * that do not integrate are quarantined (docs/collab.md); a snapshot that cannot be applied is a
 * failed load, remembered for readiness until the draft loads again.
 */
export class DocumentOpener {
  /** Drafts whose last load failed for a reason other than storage being down, with the reason. */
  readonly failedLoads = new Map<string, string>();
  /** Stored updates set aside so far. */
  quarantined = 0;

  constructor(
    private readonly store: DocumentStore,
    private readonly logger: ManagerLogger,
  ) {}

  /** Builds the live document from what is stored, setting aside (and quarantining) what does not integrate. */
  async open(draftId: string, stored: StoredDocument): Promise<LiveDocument> {
    const storedBytes = (stored.snapshot?.byteLength ?? 0) + stored.updates.reduce((n, u) => n + u.data.byteLength, 0);
    if (stored.snapshot && stored.snapshotStateVector && stored.updates.length === 0) {
      // Freshly compacted, as unloading leaves it: answer the joins waiting for this load from the
      // stored bytes, and integrate them once those answers are out (sooner if anything needs it).
      const live = new LiveDocument(draftId, new Y.Doc(), stored.headSeq, stored.snapshotSeq);
      live.deferIntegration(stored.snapshot, stored.snapshotStateVector);
      live.measuredAt(storedBytes);
      live.timers.integrate = setTimeout(() => live.integrate(), INTEGRATE_AFTER_MS);
      this.failedLoads.delete(draftId);
      return live;
    }
    let built;
    try {
      built = buildStoredDocument(stored);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.failedLoads.set(draftId, reason);
      this.logger.error({ err: error, draftId }, 'a stored document cannot be loaded');
      throw new DomainError('UNAVAILABLE', 'This draft cannot be loaded right now; the operators have been told');
    }
    if (built.rejected.length > 0) await this.quarantine(draftId, built.rejected);
    this.failedLoads.delete(draftId);
    const live = new LiveDocument(draftId, built.doc, stored.headSeq, stored.snapshotSeq);
    live.grew(storedBytes);
    if (stored.snapshot && stored.updates.length === 0) live.rememberWhole(stored.snapshot);
    return live;
  }

  /** Moves updates that do not integrate out of the log, logging each once (it is never loaded again). */
  async quarantine(draftId: string, rejected: RejectedUpdate[]): Promise<void> {
    await this.store.quarantineUpdates(draftId, rejected);
    this.quarantined += rejected.length;
    for (const { seq, reason } of rejected) {
      this.logger.error({ draftId, seq, reason }, 'a stored update does not integrate: quarantined');
    }
  }
}
