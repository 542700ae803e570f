import * as Y from 'yjs';
import type { LiveDocument } from './live-document.js';
import { BatchAdmission } from './update-admission.js';

/** An update the room has been sent before its commit, until it is stored or given up. */
export interface EarlyUpdate {
  readonly bytes: Uint8Array;
  /** True once stored, false if it never will be (its document was dropped). */
  readonly settled: Promise<boolean>;
}

interface Entry extends EarlyUpdate {
  settle(stored: boolean): void;
}

/**
 * One live document's updates relayed early (docs/architecture.md, "Relaying before the
 * commit"): admitted on arrival against the document plus every earlier one here, in the order
 * they will be stored. The live `Y.Doc` itself only ever holds stored updates; these are the
 * difference between it and what the room was sent.
 */
export class EarlyUpdates {
  private readonly entries: Entry[] = [];
  private admission: BatchAdmission | null = null;
  /** Batches holding some of these that failed in a row: each retry waits longer, up to a bound. */
  failures = 0;

  get size(): number {
    return this.entries.length;
  }

  /** The bytes not yet stored, in order. */
  get pending(): Uint8Array[] {
    return this.entries.map((entry) => entry.bytes);
  }

  /** The admission that knows the document as the stored log will be once these are stored. */
  admissionFor(maxDocumentBytes: number): BatchAdmission {
    return (this.admission ??= new BatchAdmission(maxDocumentBytes));
  }

  add(bytes: Uint8Array): EarlyUpdate {
    let settle!: (stored: boolean) => void;
    const settled = new Promise<boolean>((resolve) => (settle = resolve));
    const entry: Entry = { bytes, settled, settle };
    this.entries.push(entry);
    return entry;
  }

  /** The update has been stored (and applied) or given up: it no longer counts as early. */
  settle(update: EarlyUpdate, stored: boolean): void {
    const index = this.entries.indexOf(update as Entry);
    if (index < 0) return;
    const [entry] = this.entries.splice(index, 1);
    if (stored) this.failures = 0;
    this.admission?.forget(entry!.bytes.byteLength);
    if (this.entries.length === 0) this.admission = null;
    entry!.settle(stored);
  }

  /** Gives up every one of them (their document is being dropped). */
  abandon(): void {
    for (const entry of [...this.entries]) this.settle(entry, false);
  }

  /**
   * The state vector of `live`'s document plus these updates: the admission that took them has
   * advanced exactly those clocks.
   */
  stateVectorOf(live: LiveDocument): Uint8Array {
    return this.admission ? this.admission.stateVectorOf(live) : live.encodeStateVector();
  }

  /** Resolves once every update here now has been stored or given up: whether all were stored. */
  async drained(): Promise<boolean> {
    const outcomes = await Promise.all(this.entries.map((entry) => entry.settled));
    return outcomes.every(Boolean);
  }

  /** Resolves like `drained`, for the latest one only: the commit is first in, first out. */
  async latestStored(): Promise<boolean> {
    const last = this.entries.at(-1);
    return last ? last.settled : true;
  }
}

/** Merges `update` with the early updates and keeps what a client with `stateVector` lacks. */
export function withEarly(update: Uint8Array, early: Uint8Array[], stateVector?: Uint8Array): Uint8Array {
  if (early.length === 0) return update;
  const merged = Y.mergeUpdates([update, ...early]);
  return stateVector ? Y.diffUpdate(merged, stateVector) : merged;
}
