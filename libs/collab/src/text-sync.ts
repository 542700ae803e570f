import { readDocumentText } from './document-schema.js';
import type { DocumentStore } from './document-store.js';
import type { LiveDocument } from './live-document.js';
import type { SyncedText } from './live-document-extension.js';
import type { ManagerLogger } from './document-opener.js';
import { retryDelay } from './retry-delay.js';

/**
 * Keeps a draft's plain text (search, REST, claims) following its document: written a debounce
 * after the last change; a write that fails is an error, counted, and tried again later and later
 * rather than every debounce (docs/collab.md).
 */
export class TextSync {
  /** Failed writes on this instance, for the metrics. */
  failures = 0;

  constructor(
    private readonly store: Pick<DocumentStore, 'saveText'>,
    private readonly logger: ManagerLogger,
    private readonly debounceMs: number,
    private readonly track: (work: Promise<unknown>) => void,
    private readonly synced: (text: SyncedText) => void,
  ) {}

  /** Writes the text after the debounce (or `delayMs`), unless a write is already scheduled. */
  schedule(live: LiveDocument, delayMs = this.debounceMs): void {
    if (live.timers.text || live.closed) return;
    live.timers.text = setTimeout(() => {
      live.timers.text = undefined;
      this.track(this.sync(live));
    }, delayMs);
  }

  /** Writes the text now if it changed; on failure, schedules another try unless told not to. */
  async sync(live: LiveDocument, retryOnFailure = true): Promise<void> {
    if (!live.textDirty) return;
    live.textDirty = false;
    const text = readDocumentText(live.doc);
    const seq = live.watermark;
    try {
      await this.store.saveText(live.draftId, text, seq);
      live.textSyncFailures = 0;
      this.synced({ draftId: live.draftId, seq, text });
    } catch (error) {
      live.textDirty = true;
      live.textSyncFailures++;
      this.failures++;
      this.logger.error(
        { err: error, draftId: live.draftId, failures: live.textSyncFailures },
        'saving the plain text failed; search and REST show older text until it succeeds',
      );
      if (retryOnFailure) this.schedule(live, retryDelay(this.debounceMs, live.textSyncFailures));
    }
  }
}
