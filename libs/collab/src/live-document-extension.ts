import type * as Y from 'yjs';
import type { DocumentText } from './document-schema.js';
import type { ManagerLogger } from './document-opener.js';
import type { LiveDocument } from './live-document.js';

/** A live document at one moment. `doc` is read lazily: a cold load may not have integrated it yet. */
export interface DocumentMoment {
  readonly draftId: string;
  /** The stored sequence number the document holds every update up to. */
  readonly seq: number;
  readonly doc: Y.Doc;
}

/** An update the live document has just applied. */
export interface AppliedUpdate extends DocumentMoment {
  readonly update: Uint8Array;
  /**
   * `client`: sent by a session on this instance and stored by it; `relay`: stored by another
   * instance; `store`: read back from the store to fill a gap (possibly several updates merged,
   * `seq` then being the highest of them).
   */
  readonly origin: 'client' | 'relay' | 'store';
  /**
   * True when this instance's sessions were sent it before its commit (only client updates can
   * be): the fan-out does not send it again.
   */
  readonly deliveredEarly: boolean;
  /** For client updates, the connection that sent it (it must not get it back) and its user. */
  readonly connectionId: string | null;
  readonly userId: string | null;
}

/** The plain text just written to the store, as of `seq`. */
export interface SyncedText {
  readonly draftId: string;
  readonly seq: number;
  readonly text: DocumentText;
}

/**
 * Something that follows live documents on this instance: the fan-out to sessions, claim anchors,
 * the review lock. Every hook is optional. Hooks run synchronously, in the order the extensions
 * were added, after the document changed; slow work is the extension's to schedule. An extension
 * only reads: changes to a document come from stored updates alone (a server-side change would be
 * in no one's log). Never call `doc.getText` either: use `readDocumentText` (see document-schema).
 */
export interface LiveDocumentExtension {
  /** Shown in logs when a hook throws. */
  readonly name: string;
  /** A draft's document was loaded from the store. */
  afterLoad?(moment: DocumentMoment): void;
  /** An update was applied: every applied update, in the order applied, whoever sent it. */
  afterApply?(applied: AppliedUpdate): void;
  /** The plain text (search, REST, claims) was written to the store. */
  afterTextSync?(synced: SyncedText): void;
  /** The document is about to be let go; it is still readable. Awaited (the manager's close waits). */
  beforeUnload?(moment: DocumentMoment): void | Promise<void>;
}

type Hook = 'afterLoad' | 'afterApply' | 'afterTextSync';

/**
 * The ordered list of extensions a document manager runs. A hook that throws is logged and the
 * others still run: one extension's bug must not stop updates reaching sessions or being stored.
 */
export class DocumentExtensions {
  private readonly list: LiveDocumentExtension[] = [];

  constructor(private readonly logger: ManagerLogger) {}

  /** Appends `extension`: it runs after those added before it. */
  add(extension: LiveDocumentExtension): void {
    if (this.list.some((added) => added.name === extension.name)) {
      throw new Error(`A live-document extension named "${extension.name}" is already added`);
    }
    this.list.push(extension);
  }

  get names(): string[] {
    return this.list.map((extension) => extension.name);
  }

  afterLoad(moment: DocumentMoment): void {
    this.run('afterLoad', moment.draftId, (extension) => extension.afterLoad?.(moment));
  }

  afterApply(applied: AppliedUpdate): void {
    this.run('afterApply', applied.draftId, (extension) => extension.afterApply?.(applied));
  }

  afterTextSync(synced: SyncedText): void {
    this.run('afterTextSync', synced.draftId, (extension) => extension.afterTextSync?.(synced));
  }

  async beforeUnload(moment: DocumentMoment): Promise<void> {
    for (const extension of this.list) {
      try {
        await extension.beforeUnload?.(moment);
      } catch (error) {
        this.failed(extension, 'beforeUnload', moment.draftId, error);
      }
    }
  }

  private run(hook: Hook, draftId: string, call: (extension: LiveDocumentExtension) => void): void {
    for (const extension of this.list) {
      try {
        call(extension);
      } catch (error) {
        this.failed(extension, hook, draftId, error);
      }
    }
  }

  private failed(extension: LiveDocumentExtension, hook: string, draftId: string, error: unknown): void {
    this.logger.error({ err: error, draftId, extension: extension.name, hook }, 'a live-document extension failed');
  }
}

/** The document as it is now; `doc` integrates a deferred load only if a hook reads it. */
export function momentOf(live: LiveDocument, seq = live.watermark): DocumentMoment {
  return {
    draftId: live.draftId,
    seq,
    get doc() {
      return live.doc;
    },
  };
}
