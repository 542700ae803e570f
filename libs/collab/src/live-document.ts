import * as Y from 'yjs';

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
  compacting = false;
  closed = false;
  private readonly ahead = new Set<number>();
  timers: { unload?: NodeJS.Timeout; text?: NodeJS.Timeout; repair?: NodeJS.Timeout } = {};
  unsubscribe: () => Promise<void> = async () => undefined;
  /** The whole document as one update, kept until the next change: joiners with nothing share it. */
  private whole: Uint8Array | null = null;

  constructor(
    readonly draftId: string,
    readonly doc: Y.Doc,
    headSeq: number,
    snapshotSeq: number,
  ) {
    this.watermark = headSeq;
    this.snapshotSeq = snapshotSeq;
    doc.on('afterTransaction', () => (this.whole = null));
  }

  /** Everything the document holds, as one update (what a client with an empty state lacks). */
  encodeWhole(): Uint8Array {
    return (this.whole ??= Y.encodeStateAsUpdate(this.doc));
  }

  /** An update known to hold exactly what the document holds now (say, the snapshot it was loaded from). */
  rememberWhole(update: Uint8Array): void {
    this.whole = update;
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
