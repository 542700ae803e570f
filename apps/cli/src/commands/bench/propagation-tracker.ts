import * as Y from 'yjs';

/**
 * Measures how long an edit takes to reach every other client of its draft, without adding a
 * byte to the wire: an insertion is known by its author's Yjs client id and clock, and a
 * receiver has applied it once its document's state for that client passes the clock.
 * Deletions carry no clock and are not measured.
 */
export class PropagationTracker {
  private readonly logs = new Map<number, EditLog>();
  readonly latenciesMs: number[] = [];

  /** An editor whose edits `receivers` other clients must apply. */
  addEditor(clientId: number, receivers: number): void {
    this.logs.set(clientId, { receivers, endClocks: [], sentAt: [], remaining: [], cursors: new Map() });
  }

  /** An insertion was made: the editor's clock is now `endClock`. */
  recordEdit(clientId: number, endClock: number, at: number): void {
    const log = this.logs.get(clientId);
    if (!log || log.receivers === 0) return;
    log.endClocks.push(endClock);
    log.sentAt.push(at);
    log.remaining.push(log.receivers);
  }

  /** A receiver applied a remote update to `doc`. */
  applied(doc: Y.Doc, update: Uint8Array, at: number): void {
    for (const clientId of Y.parseUpdateMeta(update).to.keys()) {
      if (clientId !== doc.clientID) this.reached(doc, clientId, Y.getState(doc.store, clientId), at);
    }
  }

  /** A receiver (a document here, or a key for one in a worker) holds `clientId`'s edits up to `state` since `at`. */
  reached(receiver: object | string, clientId: number, state: number, at: number): void {
    const log = this.logs.get(clientId);
    if (!log) return;
    let next = log.cursors.get(receiver) ?? 0;
    while (next < log.endClocks.length && log.endClocks[next]! <= state) {
      log.remaining[next]! -= 1;
      if (log.remaining[next] === 0) this.latenciesMs.push(at - log.sentAt[next]!);
      next += 1;
    }
    log.cursors.set(receiver, next);
  }

  /** Edits not yet applied by every receiver. */
  outstanding(): number {
    let count = 0;
    for (const log of this.logs.values()) for (const left of log.remaining) if (left > 0) count += 1;
    return count;
  }

  edits(): number {
    let count = 0;
    for (const log of this.logs.values()) count += log.endClocks.length;
    return count;
  }
}

interface EditLog {
  receivers: number;
  endClocks: number[];
  sentAt: number[];
  remaining: number[];
  /** Per receiving document: index of the first edit it has not applied yet. */
  cursors: Map<object | string, number>;
}
