import { DomainError } from '#domain';
import type { LiveDocument } from './live-document.js';
import { takeIfComplete, type DocumentState } from './update-dependencies.js';
import type { InspectedUpdate } from './update-validation.js';

/** A checked update waiting in the group committer. */
export interface QueuedUpdate {
  live: LiveDocument;
  bytes: Uint8Array;
  inspected: InspectedUpdate;
  userId: string;
  connectionId: string;
}

/**
 * Decides, for one commit batch, which updates may be stored: each is checked against its
 * document as it will be once the batch's earlier updates are applied, so updates that build on
 * each other pipeline within a batch, while one that builds on something refused (or never sent)
 * is refused RESYNC_REQUIRED before anything is stored. Batches run one after another and each is
 * applied before the next is admitted, so every stored update builds only on updates stored
 * before it: the log always loads.
 */
export class BatchAdmission {
  private readonly documents = new Map<LiveDocument, { state: DocumentState; addedBytes: number }>();

  constructor(private readonly maxDocumentBytes: number) {}

  /** Null when the update may be stored; otherwise the refusal. */
  admit(update: QueuedUpdate): DomainError | null {
    const { live } = update;
    if (live.closed) return new DomainError('NOT_JOINED', 'The draft was reloaded: join it again');
    let document = this.documents.get(live);
    if (!document) {
      document = { state: live.state(), addedBytes: 0 };
      this.documents.set(live, document);
    }
    const bytes = update.bytes.byteLength;
    // Deletes only never grow a document: always taken, so a full draft can still be cut down.
    if (!update.inspected.insertsNothing && this.wouldOverflow(live, document.addedBytes + bytes)) {
      return new DomainError(
        'TOO_LARGE',
        `The draft's document would pass its limit of ${this.maxDocumentBytes} bytes`,
      );
    }
    if (!takeIfComplete(update.inspected, document.state)) {
      return new DomainError(
        'RESYNC_REQUIRED',
        'The update builds on changes the server does not have: nothing was stored. Join again with your state vector and send what the server lacks as one update.',
      );
    }
    document.addedBytes += bytes;
    return null;
  }

  private wouldOverflow(live: LiveDocument, added: number): boolean {
    if (live.sizeEstimate + added <= this.maxDocumentBytes) return false;
    // The estimate only grows: measure before refusing.
    return live.measureSize() + added > this.maxDocumentBytes;
  }
}
