import type { ManagerLogger } from './document-opener.js';
import type { DocumentStore } from './document-store.js';
import type { LiveDocument } from './live-document.js';

/**
 * Folds a live document's update log into a snapshot: in the background once `every` updates
 * have piled up, and when it unloads. Only a document that holds exactly the updates up to its
 * watermark (no gap, nothing pending) is folded, so the snapshot stands for those updates.
 */
export class Compaction {
  constructor(
    private readonly store: Pick<DocumentStore, 'saveSnapshot'>,
    private readonly logger: ManagerLogger,
    private readonly every: number,
    private readonly track: (work: Promise<unknown>) => void,
  ) {}

  maybeCompact(live: LiveDocument): void {
    if (live.unfolded < this.every || live.compacting || !this.foldable(live)) return;
    live.compacting = true;
    const seq = live.watermark;
    const state = live.encodeWhole();
    const stateVector = live.encodeStateVector();
    live.measuredAt(state.byteLength);
    this.track(
      this.store
        .saveSnapshot(live.draftId, seq, state, stateVector)
        .then(() => {
          live.snapshotSeq = Math.max(live.snapshotSeq, seq);
        })
        .catch((error: unknown) => this.logger.warn({ err: error, draftId: live.draftId }, 'compaction failed'))
        .finally(() => {
          live.compacting = false;
        }),
    );
  }

  /** Folds whatever is unfolded; a failure only leaves more updates for the next load to replay. */
  async beforeUnload(live: LiveDocument): Promise<void> {
    if (live.unfolded === 0 || !this.foldable(live)) return;
    await this.store
      .saveSnapshot(live.draftId, live.watermark, live.encodeWhole(), live.encodeStateVector())
      .catch((error: unknown) =>
        this.logger.warn({ err: error, draftId: live.draftId }, 'compaction on unload failed'),
      );
  }

  private foldable(live: LiveDocument): boolean {
    return !live.hasGap && !live.doc.store.pendingStructs;
  }
}
