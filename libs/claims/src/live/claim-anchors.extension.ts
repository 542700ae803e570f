import pLimit from 'p-limit';
import type * as Y from 'yjs';
import type { AppliedUpdate, DocumentManager, DocumentMoment, LiveDocumentExtension } from '#collab';
import { isDomainError } from '#domain';
import type { ClaimsOptions } from './claims.options.js';

/** Runs one reconciliation of a draft's claims against its document as `doc()` reads it. */
export type Reconcile = (draftId: string, seq: number, doc: () => Y.Doc) => Promise<void>;

/**
 * How much of `maxWaitMs` a burst may be cut short by, drawn per burst. Drafts whose typing began
 * together (a newsroom at the top of the hour, a bench starting all its authors at once) would
 * otherwise come due together every `maxWaitMs` for as long as they are typed in, all their
 * reconciliations in the same second; drawn waits drift them apart within a few bursts
 * (docs/benchmarks.md, "Bursts that stay in step").
 */
export const BURST_WAIT_SPREAD = 0.25;

interface Pending {
  timer: NodeJS.Timeout;
  /**
   * The latest this instance's burst of edits lets the reconciliation wait: at most `maxWaitMs`
   * after the burst's first edit. Null while only a fallback is pending (after a load, or others' edits).
   */
  burstDeadline: number | null;
  due: number;
}

/**
 * The live-document extension that keeps claims following the text: once edits settle (no edit
 * for `settleMs`, or `maxWaitMs` into a burst) it reconciles the draft's claims. The instance
 * that stored an edit does it; the others schedule a later fallback in case that instance died
 * first, which finds the work done and skips it. Reconciliations of one draft never overlap,
 * and at most `concurrency` run at once on the instance: the rest queue, in the order they came
 * due, and each reads its draft as it is when its turn comes.
 */
export class ClaimAnchorsExtension implements LiveDocumentExtension {
  readonly name = 'claim-anchors';
  private readonly pending = new Map<string, Pending>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly limit: pLimit.Limit;

  constructor(
    private readonly documents: Pick<DocumentManager, 'acquire' | 'release'>,
    private readonly reconcile: Reconcile,
    private readonly options: Pick<ClaimsOptions, 'settleMs' | 'maxWaitMs' | 'concurrency' | 'logger'>,
    private readonly now: () => number = Date.now,
    private readonly random: () => number = Math.random,
  ) {
    this.limit = pLimit(options.concurrency ?? 4);
  }

  afterLoad({ draftId }: DocumentMoment): void {
    // Claims may lag the document (an instance died before reconciling): catch up, late.
    this.scheduleFallback(draftId);
  }

  afterApply({ draftId, origin }: AppliedUpdate): void {
    if (origin === 'client') this.scheduleSettled(draftId);
    else this.scheduleFallback(draftId);
  }

  async beforeUnload(moment: DocumentMoment): Promise<void> {
    const pending = this.pending.get(moment.draftId);
    if (!pending) return this.running.get(moment.draftId);
    clearTimeout(pending.timer);
    this.pending.delete(moment.draftId);
    await this.run(moment.draftId, () => this.reconcile(moment.draftId, moment.seq, () => moment.doc));
  }

  /** Settles every draft with pending edits now (tests, shutdown). */
  async flush(): Promise<void> {
    const draftIds = [...this.pending.keys()];
    await Promise.all(draftIds.map((draftId) => this.fire(draftId)));
    await Promise.all([...this.running.values()]);
  }

  private get fallbackMs(): number {
    return Math.max(this.options.settleMs * 4, this.options.maxWaitMs);
  }

  /**
   * After this instance's own client's edit: once edits settle, or `maxWaitMs` into the burst. A
   * pending fallback does not start the burst: a draft loaded, or edited elsewhere, and then typed
   * into here has its burst begin at the typing (when a restarted server's clients come back,
   * every draft they open would otherwise come due together within a second of their first keys).
   */
  private scheduleSettled(draftId: string): void {
    const now = this.now();
    const existing = this.pending.get(draftId);
    const burstDeadline = existing?.burstDeadline ?? now + this.burstWait();
    this.setTimer(draftId, existing, Math.min(now + this.options.settleMs, burstDeadline), burstDeadline);
  }

  /** How long a new burst may put its reconciliation off: `maxWaitMs`, cut short by a drawn part. */
  private burstWait(): number {
    const { settleMs, maxWaitMs } = this.options;
    return Math.max(settleMs, maxWaitMs * (1 - BURST_WAIT_SPREAD * this.random()));
  }

  /** A late catch-up, which never postpones a reconciliation already due sooner. */
  private scheduleFallback(draftId: string): void {
    const existing = this.pending.get(draftId);
    const due = this.now() + this.fallbackMs;
    if (existing && existing.due <= due) return;
    this.setTimer(draftId, existing, due, existing?.burstDeadline ?? null);
  }

  /** Replaces the draft's pending reconciliation (`existing`, if any) with one due at `due`. */
  private setTimer(draftId: string, existing: Pending | undefined, due: number, burstDeadline: number | null): void {
    if (existing) clearTimeout(existing.timer);
    const timer = setTimeout(() => void this.fire(draftId), Math.max(0, due - this.now()));
    timer.unref();
    this.pending.set(draftId, { timer, burstDeadline, due });
  }

  private async fire(draftId: string): Promise<void> {
    const pending = this.pending.get(draftId);
    if (pending) clearTimeout(pending.timer);
    this.pending.delete(draftId);
    await this.run(draftId, async () => {
      try {
        const live = await this.documents.acquire(draftId);
        if (!live) return;
        try {
          await this.reconcile(draftId, live.watermark, () => live.doc);
        } finally {
          this.documents.release(live);
        }
      } catch (error) {
        this.scheduleFallback(draftId); // storage down, say: try again later
        throw error;
      }
    });
  }

  /** One reconciliation per draft at a time (a later one waits for the one under way), `concurrency` in all. */
  private async run(draftId: string, work: () => Promise<void>): Promise<void> {
    const before = this.running.get(draftId) ?? Promise.resolve();
    const next = before
      .then(() => this.limit(work))
      .catch((error: unknown) => {
        // Storage down is retried (see fire); anything else is a bug to look at.
        if (isDomainError(error) && error.code === 'UNAVAILABLE') {
          this.options.logger.warn({ err: error, draftId }, 'reconciling claims failed; will retry');
        } else this.options.logger.error({ err: error, draftId }, 'reconciling claims failed');
      })
      .finally(() => {
        if (this.running.get(draftId) === next) this.running.delete(draftId);
      });
    this.running.set(draftId, next);
    await next;
  }
}
