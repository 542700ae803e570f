import * as Y from 'yjs';
import { EarlyUpdates } from './early-updates.js';
import type { TransactionOrigin } from './origins.js';

const STORE_ORIGIN: TransactionOrigin = { kind: 'store' };

/**
 * A draft's document held in memory by one server instance, with the bookkeeping that tells
 * which stored updates it has applied: every update up to `watermark`, plus those in `ahead`
 * that arrived before an earlier one.
 */
export class LiveDocument {
  sessions = 0;
  inFlight = 0;
  watermark: number;
  snapshotSeq: number;
  textDirty = false;
  /** Text syncs and gap repairs that failed in a row: each waits longer before the next try. */
  textSyncFailures = 0;
  repairFailures = 0;
  compacting = false;
  closed = false;
  /** Updates the room was sent before their commit, not yet stored (docs/architecture.md). */
  readonly early = new EarlyUpdates();
  /**
   * Whether the store last took an update of this document, as far as this instance knows: only
   * then may updates go to the room before their commit. False at load, after a LOCKED refusal,
   * and after each fence (a review transition may have changed the lock).
   */
  writable = false;
  /** Bumped when a fence starts and ends: a commit's answer from before then says nothing about the lock now. */
  relayEpoch = 0;
  /** Updates queued commit-first: while any is, none goes early (it could build on one of them). */
  held = 0;
  /**
   * An upper bound of the document's encoded size: exact when measured (after a compaction or
   * `measureSize`), then grown by each applied update's bytes, which never shrink a document.
   */
  sizeEstimate = 0;
  private sizeExact = false;
  private readonly ahead = new Set<number>();
  timers: { unload?: NodeJS.Timeout; text?: NodeJS.Timeout; repair?: NodeJS.Timeout; integrate?: NodeJS.Timeout } = {};
  unsubscribe: () => Promise<void> = async () => undefined;
  /** The whole document as one update, and its state vector, kept until the next change: joiners share them. */
  private whole: Uint8Array | null = null;
  private stateVector: Uint8Array | null = null;
  /** Stored state not yet integrated into the Y.Doc: a cold load answers the first joins from it. */
  private unintegrated: Uint8Array | null = null;

  constructor(
    readonly draftId: string,
    private readonly ydoc: Y.Doc,
    headSeq: number,
    snapshotSeq: number,
  ) {
    this.watermark = headSeq;
    this.snapshotSeq = snapshotSeq;
    ydoc.on('afterTransaction', () => {
      this.whole = null;
      this.stateVector = null;
    });
  }

  /** The Yjs document, with any deferred stored state integrated first. */
  get doc(): Y.Doc {
    this.integrate();
    return this.ydoc;
  }

  /**
   * Holds `state`, the whole stored document with its state vector, without integrating it yet:
   * joins holding nothing are answered from the bytes, and whatever needs the document first
   * (or `integrate`) integrates it.
   */
  deferIntegration(state: Uint8Array, stateVector: Uint8Array): void {
    this.unintegrated = state;
    this.whole = state;
    this.stateVector = stateVector;
  }

  integrate(): void {
    const state = this.unintegrated;
    if (!state) return;
    this.unintegrated = null;
    const { whole, stateVector } = this;
    Y.applyUpdate(this.ydoc, state, STORE_ORIGIN);
    // Deletes of content that never arrived (kept by older snapshots) delete nothing.
    this.ydoc.store.pendingDs = null;
    // Integrating changed nothing they describe.
    this.whole = whole;
    this.stateVector = stateVector;
  }

  /** Everything the document holds, as one update (what a client with an empty state lacks). */
  encodeWhole(): Uint8Array {
    return (this.whole ??= Y.encodeStateAsUpdate(this.doc));
  }

  encodeStateVector(): Uint8Array {
    return (this.stateVector ??= Y.encodeStateVector(this.doc));
  }

  /** Records that an update of this many bytes was applied. */
  grew(bytes: number): void {
    this.sizeEstimate += bytes;
    this.sizeExact = false;
  }

  /** Sets the size to an exact measure (say, of a snapshot just taken). */
  measuredAt(bytes: number): void {
    this.sizeEstimate = bytes;
    this.sizeExact = true;
  }

  /** The exact encoded size, measured only when the estimate is not exact already. */
  measureSize(): number {
    if (!this.sizeExact) this.measuredAt(this.encodeWhole().byteLength);
    return this.sizeEstimate;
  }

  /** An update known to hold exactly what the document holds now (say, the snapshot it was loaded from). */
  rememberWhole(update: Uint8Array): void {
    this.whole = update;
  }

  /** Frees the document, integrated or not. */
  destroy(): void {
    this.unintegrated = null;
    this.ydoc.destroy();
  }

  has(seq: number): boolean {
    return seq <= this.watermark || this.ahead.has(seq);
  }

  markApplied(seq: number): void {
    if (seq <= this.watermark) return;
    this.ahead.add(seq);
    while (this.ahead.delete(this.watermark + 1)) this.watermark++;
  }

  /** The highest sequence applied, and whether some before it are still missing. */
  get highestApplied(): number {
    return Math.max(this.watermark, ...this.ahead);
  }

  get hasGap(): boolean {
    return this.ahead.size > 0;
  }

  /** Updates applied since the last snapshot: what compaction would fold. */
  get unfolded(): number {
    return this.watermark - this.snapshotSeq;
  }

  clearTimers(): void {
    for (const timer of Object.values(this.timers)) clearTimeout(timer);
    this.timers = {};
  }
}
