import * as Y from 'yjs';
import { DomainError } from '#domain';
import type { EarlyUpdate } from './early-updates.js';
import type { LiveDocument } from './live-document.js';
import { neighboursInOrder } from './item-neighbours.js';
import { resendsMatch } from './resent-structs.js';
import { takeIfComplete, type DocumentState } from './update-dependencies.js';
import type { InspectedUpdate } from './update-validation.js';

/**
 * The document's state as the batch will leave it: the clocks the batch advanced, over the
 * document's own, read per client from its store (cheaper than encoding a state vector per update).
 */
class BatchState implements DocumentState {
  private readonly advanced = new Map<number, number>();

  constructor(private readonly doc: Y.Doc) {}

  get(client: number): number {
    return this.advanced.get(client) ?? Y.getState(this.doc.store, client);
  }

  set(client: number, clock: number): void {
    this.advanced.set(client, clock);
  }

  toMap(): Map<number, number> {
    return new Map([...Y.decodeStateVector(Y.encodeStateVector(this.doc)), ...this.advanced]);
  }
}

/** Whether some client's structs start below what the document already holds. */
function resendsKnownStructs(update: InspectedUpdate, state: DocumentState): boolean {
  return update.runs.some((run) => run.structs[0]!.id.clock < (state.get(run.client) ?? 0));
}

/** The part of an update a document with state vector `known` lacks; null when that is nothing. */
function newPart(update: Uint8Array, known: Uint8Array): Uint8Array | null {
  const trimmed = Y.diffUpdate(update, known);
  const { structs, ds } = Y.decodeUpdate(trimmed);
  return structs.length === 0 && ds.clients.size === 0 ? null : trimmed;
}

/** A checked update waiting in the group committer. */
export interface QueuedUpdate {
  live: LiveDocument;
  bytes: Uint8Array;
  inspected: InspectedUpdate;
  userId: string;
  connectionId: string;
  /** Set when the room was sent it before its commit: admitted on arrival, it must be stored. */
  early: EarlyUpdate | null;
  /** The document's relay epoch when it arrived: a commit's answer about the lock counts only if unchanged. */
  epoch: number;
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
  private readonly documents = new Map<LiveDocument, { state: BatchState; addedBytes: number }>();

  constructor(private readonly maxDocumentBytes: number) {}

  /**
   * What to store for the update (null: nothing new, nothing to store), or the refusal. Structs the
   * document already holds are trimmed off: Yjs skips them when applying, but merged with the
   * rest of the log at load, a re-sent id with other content would garble the document.
   */
  admit(update: QueuedUpdate): { bytes: Uint8Array | null } | { refusal: DomainError } {
    const { live } = update;
    if (live.closed) return { refusal: new DomainError('NOT_JOINED', 'The draft was reloaded: join it again') };
    const document = this.documentOf(live);
    // Deletes only never grow a document: always taken, so a full draft can still be cut down.
    if (!update.inspected.insertsNothing && this.wouldOverflow(live, document.addedBytes + update.bytes.byteLength)) {
      const message = `The draft's document would pass its limit of ${this.maxDocumentBytes} bytes`;
      return { refusal: new DomainError('TOO_LARGE', message) };
    }
    const resends = resendsKnownStructs(update.inspected, document.state);
    if (resends && !resendsMatch(live.doc, update.inspected)) {
      const message = "The update sends ids the draft's document already holds, with other content";
      return { refusal: new DomainError('INVALID_UPDATE', message) };
    }
    if (!neighboursInOrder(live.doc, update.inspected)) {
      const message = 'The update places an item between neighbours that are not in that order';
      return { refusal: new DomainError('INVALID_UPDATE', message) };
    }
    const known = resends ? Y.encodeStateVector(document.state.toMap()) : null;
    if (!takeIfComplete(update.inspected, document.state)) {
      const message =
        'The update builds on changes the server does not have: nothing was stored. Join again with your state vector and send what the server lacks as one update.';
      return { refusal: new DomainError('RESYNC_REQUIRED', message) };
    }
    const bytes = known ? newPart(update.bytes, known) : update.bytes;
    document.addedBytes += bytes?.byteLength ?? 0;
    return { bytes };
  }

  /**
   * Counts an update admitted earlier (on arrival, relayed early) as part of this batch, without
   * checking it again: updates of the batch behind it are admitted against the document as it
   * leaves it.
   */
  follow(update: QueuedUpdate, bytes: Uint8Array): void {
    const document = this.documentOf(update.live);
    takeIfComplete(update.inspected, document.state);
    document.addedBytes += bytes.byteLength;
  }

  /** The state vector of `live`'s document as it will be once the updates admitted so far are stored. */
  stateVectorOf(live: LiveDocument): Uint8Array {
    return Y.encodeStateVector(this.documentOf(live).state.toMap());
  }

  /** Stops counting bytes now applied to their document (its size estimate holds them). */
  forget(bytes: number): void {
    for (const document of this.documents.values()) document.addedBytes = Math.max(0, document.addedBytes - bytes);
  }

  private documentOf(live: LiveDocument): { state: BatchState; addedBytes: number } {
    let document = this.documents.get(live);
    if (!document) {
      document = { state: new BatchState(live.doc), addedBytes: 0 };
      this.documents.set(live, document);
    }
    return document;
  }

  private wouldOverflow(live: LiveDocument, added: number): boolean {
    if (live.sizeEstimate + added <= this.maxDocumentBytes) return false;
    // The estimate only grows: measure before refusing.
    return live.measureSize() + added > this.maxDocumentBytes;
  }
}
