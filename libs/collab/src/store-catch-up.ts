import * as Y from 'yjs';
import type { ManagerLogger } from './document-opener.js';
import type { DocumentStore } from './document-store.js';
import type { LiveDocument } from './live-document.js';
import { retryDelay } from './retry-delay.js';
import { buildStoredDocument } from './stored-document.js';

/** How the manager applies what the store holds and a live document lacks. */
export interface StoredApplier {
  /** One stored update, by its sequence number; false when it broke the document (set aside). */
  applyStored(live: LiveDocument, update: Uint8Array, seq: number): boolean;
  /** Everything missing up to `headSeq`, merged into one update (when the log was compacted meanwhile). */
  applyMissing(live: LiveDocument, update: Uint8Array, headSeq: number, snapshotSeq: number): void;
}

/**
 * Keeps live documents level with the store when relay messages are lost: a gap in sequence
 * numbers is filled after `gapRepairMs` (later and later while the store is down), and `catchUp`
 * finds what no later message revealed (docs/collab.md, "Lost relay messages").
 */
export class StoreCatchUp {
  constructor(
    private readonly store: Pick<DocumentStore, 'readUpdates' | 'loadDocument' | 'headSeqs'>,
    private readonly applier: StoredApplier,
    private readonly logger: ManagerLogger,
    private readonly gapRepairMs: number,
    private readonly track: (work: Promise<unknown>) => void,
  ) {}

  /** Fills the document's gap after a while, unless a repair is already scheduled. */
  scheduleRepair(live: LiveDocument, delayMs = this.gapRepairMs): void {
    if (live.timers.repair || live.closed) return;
    live.timers.repair = setTimeout(() => {
      live.timers.repair = undefined;
      this.track(this.repairGap(live));
    }, delayMs);
  }

  /** Brings each document up to the store's head, unless a commit of its own is in flight. */
  async catchUp(lives: LiveDocument[]): Promise<void> {
    if (lives.length === 0) return;
    let heads: Map<string, number>;
    try {
      heads = await this.store.headSeqs(lives.map((live) => live.draftId));
    } catch {
      return; // storage is down: nothing to catch up with until it is back
    }
    for (const live of lives) {
      // With a commit of its own in flight, a newer head may be that commit, not yet applied.
      const head = heads.get(live.draftId) ?? 0;
      if (!live.closed && live.inFlight === 0 && head > live.highestApplied) await this.repairGap(live, head);
    }
  }

  /** Fills, from the store, what the document lacks up to `upto` (by default, its gap). */
  async repairGap(live: LiveDocument, upto = live.highestApplied): Promise<void> {
    if (live.closed || upto <= live.watermark) return;
    try {
      const missing = await this.store.readUpdates(live.draftId, live.watermark, upto);
      if (live.closed) return;
      if (missing[0]?.seq === live.watermark + 1) {
        for (const stored of missing) {
          if (!live.has(stored.seq) && !this.applier.applyStored(live, stored.data, stored.seq)) return;
          live.markApplied(stored.seq);
        }
      } else {
        // Compacted away meanwhile, or set aside: take what the whole stored document has that we lack.
        const stored = await this.store.loadDocument(live.draftId);
        if (!stored || live.closed) return;
        const { doc } = buildStoredDocument(stored);
        const missingUpdate = Y.encodeStateAsUpdate(doc, live.encodeStateVector());
        doc.destroy();
        this.applier.applyMissing(live, missingUpdate, stored.headSeq, stored.snapshotSeq);
      }
      live.repairFailures = 0;
      this.logger.warn({ draftId: live.draftId, upto }, 'filled a gap in relayed updates from the store');
    } catch (error) {
      live.repairFailures++;
      this.logger.warn(
        { err: error, draftId: live.draftId, failures: live.repairFailures },
        'gap repair failed; will retry',
      );
    }
    if (live.hasGap) this.scheduleRepair(live, retryDelay(this.gapRepairMs, live.repairFailures));
  }
}
