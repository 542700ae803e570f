import * as Y from 'yjs';

/**
 * Measures how long an edit takes to reach every other client of its draft, without adding a
 * byte to the wire: an insertion is known by its author's Yjs client id and clock, and a
 * receiver has applied it once its document's state for that client passes the clock.
 * Deletions carry no clock and are not measured.
 *
 * An edit is delivered at the latest of its receivers' times, whatever order their reports come
 * in: viewers in worker threads report at the end, and editor shards (see editor-shard.ts) report
 * a whole group of receivers at once (`reached` with a weight). A report may also come before the
 * edit it covers is known here (an editor shard's edits reach this thread by message): it waits
 * until `recordEdit` catches up.
 */
export class PropagationTracker {
  private readonly logs = new Map<number, EditLog>();
  readonly latenciesMs: number[] = [];
  /** When each edit of `latenciesMs` was made, in the same order. */
  readonly sentAtMs: number[] = [];

  /**
   * `onDelivered`, when given, is told of each edit once every receiver holds it, instead of its
   * latency going into `latenciesMs` (an editor shard passes the delivery on to the main thread).
   */
  constructor(private readonly onDelivered?: (delivery: Delivery) => void) {}

  /** An editor whose edits `receivers` other clients must apply (a weight: clients, not reports). */
  addEditor(clientId: number, receivers: number): void {
    this.logs.set(clientId, {
      clientId,
      receivers,
      endClocks: [],
      sentAt: [],
      remaining: [],
      latest: [],
      cursors: new Map(),
      pending: new Map(),
    });
  }

  /** An insertion was made: the editor's clock is now `endClock`. */
  recordEdit(clientId: number, endClock: number, at: number): void {
    const log = this.logs.get(clientId);
    if (!log || log.receivers <= 0) return;
    log.endClocks.push(endClock);
    log.sentAt.push(at);
    log.remaining.push(log.receivers);
    log.latest.push(-Infinity);
    if (log.pending.size === 0) return;
    // Reports that came before this edit was known (taken out first: advance may put some back).
    const waitingAll = [...log.pending];
    log.pending.clear();
    for (const [receiver, waiting] of waitingAll) {
      for (let i = 0; i < waiting.length; i += 3)
        this.advance(log, receiver, waiting[i]!, waiting[i + 1]!, waiting[i + 2]!);
    }
  }

  /** A receiver applied a remote update to `doc`. */
  applied(doc: Y.Doc, update: Uint8Array, at: number): void {
    for (const clientId of Y.parseUpdateMeta(update).to.keys()) {
      if (clientId !== doc.clientID) this.reached(doc, clientId, Y.getState(doc.store, clientId), at);
    }
  }

  /**
   * A receiver (a document here, or a key for one elsewhere) holds `clientId`'s edits up to
   * `state` since `at`. `weight`: how many clients the receiver stands for (an editor shard's
   * report covers all its editors of the draft); the same for every report of one receiver.
   */
  reached(receiver: object | string, clientId: number, state: number, at: number, weight = 1): void {
    const log = this.logs.get(clientId);
    if (!log) return;
    this.advance(log, receiver, state, at, weight);
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

  private advance(log: EditLog, receiver: object | string, state: number, at: number, weight: number): void {
    let next = log.cursors.get(receiver) ?? 0;
    while (next < log.endClocks.length && log.endClocks[next]! <= state) {
      const wasLeft = log.remaining[next]!;
      log.remaining[next] = wasLeft - weight;
      if (at > log.latest[next]!) log.latest[next] = at;
      if (wasLeft > 0 && wasLeft - weight <= 0) this.delivered(log, next);
      next += 1;
    }
    log.cursors.set(receiver, next);
    // Past every edit known here: a later edit may still end at or before `state`.
    const last = log.endClocks.length === 0 ? -Infinity : log.endClocks[log.endClocks.length - 1]!;
    if (next === log.endClocks.length && state > last) {
      const waiting = log.pending.get(receiver);
      if (waiting) waiting.push(state, at, weight);
      else log.pending.set(receiver, [state, at, weight]);
    }
  }

  private delivered(log: EditLog, index: number): void {
    const sentAt = log.sentAt[index]!;
    const lastAt = log.latest[index]!;
    if (this.onDelivered) this.onDelivered({ clientId: log.clientId, endClock: log.endClocks[index]!, sentAt, lastAt });
    else {
      this.latenciesMs.push(lastAt - sentAt);
      this.sentAtMs.push(sentAt);
    }
  }
}

/** An edit every receiver holds: its end clock, when it was made and when the last receiver had it. */
export interface Delivery {
  clientId: number;
  endClock: number;
  sentAt: number;
  lastAt: number;
}

interface EditLog {
  clientId: number;
  /** How many clients must apply each edit (the sum of the weights of its receivers' reports). */
  receivers: number;
  endClocks: number[];
  sentAt: number[];
  remaining: number[];
  /** Per edit: the latest time a receiver was reported to hold it. */
  latest: number[];
  /** Per receiving document: index of the first edit it has not applied yet. */
  cursors: Map<object | string, number>;
  /** Per receiver: (state, at, weight) reports beyond the last edit known so far. */
  pending: Map<object | string, number[]>;
}
