import * as Y from 'yjs';
import { DomainError } from '#domain';
import type { DocumentRelay, RelayMessage } from './document-relay.js';
import type { AppendOutcome, DocumentStore } from './document-store.js';
import { GroupCommitter, type CommitOutcome } from './group-committer.js';
import { LiveDocument } from './live-document.js';
import type { TransactionOrigin } from './origins.js';
import { retryDelay } from './retry-delay.js';
import { DocumentOpener, type ManagerLogger } from './document-opener.js';
import { buildStoredDocument, isComplete } from './stored-document.js';
import { TextSync } from './text-sync.js';
import { BatchAdmission, type QueuedUpdate } from './update-admission.js';
import type { OutgoingUpdate } from './update-fanout.js';
import { checkUpdate } from './update-validation.js';

/** Receives every update this instance applies to a live document, to pass on to its own sessions. */
export type FanoutListener = (draftId: string, update: OutgoingUpdate) => void;

/** Who sent an update: the user it is stored under and the connection that must not get it back. */
export interface UpdateAuthor {
  userId: string;
  connectionId: string;
}

export interface DocumentManagerOptions {
  /** Fold the log into a snapshot once this many updates have piled up since the last one. */
  compactEvery: number;
  /** Keep a document this long after its last session leaves, in case someone comes back. */
  idleUnloadMs: number;
  /** Write the plain text this long after the last change (search and REST read it). */
  textSyncDebounceMs: number;
  /** How long a gap in sequence numbers may last before it is filled from the store. */
  gapRepairMs: number;
  /**
   * How often to compare every live document with the store's head (absent or 0: never). A lost
   * relay message shows as a gap only once a later one arrives; when none follows (an idle draft
   * after a Redis outage), only this finds it. Needed only with other instances writing.
   */
  catchUpMs?: number;
  /** Largest update taken from a client, in bytes. */
  maxUpdateBytes: number;
  /** Largest encoded size of one document; an update that would pass it is refused TOO_LARGE. */
  maxDocumentBytes: number;
}

/** What went wrong with stored documents on this instance, for readiness and metrics. */
export interface DocumentHealth {
  /** Drafts whose last load failed for a reason other than storage being down, with the reason. */
  failedLoads: ReadonlyMap<string, string>;
  /** Stored updates set aside because they could not be integrated. */
  quarantined: number;
  textSyncFailures: number;
}

export type { ManagerLogger };

// Not "nothing was stored": a commit whose reply was lost may have landed. Resending a Yjs
// update is always safe (it is applied once however often it arrives).
const unavailable = () =>
  new DomainError('UNAVAILABLE', 'Storage is unavailable: the update was not acknowledged; send it again');

/**
 * The lifecycle of live documents on one server instance: single-flight loading, durable
 * application of client updates (checked, group-committed, then applied, then relayed),
 * application of other instances' updates, gap repair, background compaction, text sync and idle
 * unloading. Nothing stored may stop a draft from loading (docs/collab.md, "What the server accepts").
 */
export class DocumentManager {
  private readonly documents = new Map<string, LiveDocument>();
  private readonly loading = new Map<string, Promise<LiveDocument | null>>();
  private readonly committer: GroupCommitter<QueuedUpdate, number | null>;
  private readonly background = new Set<Promise<unknown>>();
  private readonly opener: DocumentOpener;
  private readonly textSync: TextSync;
  private catchUpTimer: NodeJS.Timeout | undefined;
  private closing = false;
  private fanout: FanoutListener = () => undefined;

  constructor(
    private readonly store: DocumentStore,
    private readonly relay: DocumentRelay,
    private readonly options: DocumentManagerOptions,
    private readonly logger: ManagerLogger,
  ) {
    this.committer = new GroupCommitter((items) => this.commit(items));
    this.opener = new DocumentOpener(store, logger);
    this.textSync = new TextSync(store, logger, options.textSyncDebounceMs, (work) => this.track(work));
    if (options.catchUpMs) {
      this.catchUpTimer = setInterval(() => this.track(this.catchUpWithStore()), options.catchUpMs);
      this.catchUpTimer.unref();
    }
  }

  /** The draft's live document, loading it once however many ask at the same moment; null if no such draft. */
  async acquire(draftId: string): Promise<LiveDocument | null> {
    if (this.closing) throw new DomainError('UNAVAILABLE', 'The server is shutting down');
    let live = this.documents.get(draftId) ?? null;
    if (!live) {
      let pending = this.loading.get(draftId);
      if (!pending) {
        pending = this.load(draftId).finally(() => this.loading.delete(draftId));
        this.loading.set(draftId, pending);
      }
      live = await pending;
      if (!live) return null;
      // Dropped while loading (a relayed update broke it): load it again, without that update.
      if (live.closed) return this.acquire(draftId);
    }
    live.sessions++;
    clearTimeout(live.timers.unload);
    return live;
  }

  release(live: LiveDocument): void {
    live.sessions = Math.max(0, live.sessions - 1);
    this.scheduleUnload(live);
  }

  /**
   * Where applied updates go. Each instance passes on to its own sessions exactly what its
   * document applies (its clients' updates, relayed ones, repairs), in that order: a session
   * that joined saw the document either before an update or gets the update afterwards.
   */
  useFanout(listener: FanoutListener): void {
    this.fanout = listener;
  }

  /**
   * Checks a client's update, stores it durably, then applies, relays and fans it out. Resolves
   * with its sequence number only after the commit (null for an empty update: nothing to store);
   * the caller acks then, never before. Rejects with the code to answer: INVALID_UPDATE,
   * TOO_LARGE, RESYNC_REQUIRED, LOCKED, NOT_FOUND, NOT_JOINED or UNAVAILABLE; nothing refused is stored.
   */
  async submit(live: LiveDocument, update: Uint8Array, author: UpdateAuthor): Promise<number | null> {
    if (live.closed) throw new DomainError('NOT_JOINED', 'The draft was reloaded: join it again');
    const check = checkUpdate(update, this.options.maxUpdateBytes);
    if (!check.ok) {
      throw new DomainError(
        check.problem,
        check.problem === 'TOO_LARGE'
          ? `Updates may be at most ${this.options.maxUpdateBytes} bytes (got ${update.byteLength})`
          : `The update cannot be integrated: ${check.reason}`,
      );
    }
    if (check.update.empty) return null;
    live.inFlight++;
    try {
      return await this.committer.submit({ live, bytes: update, inspected: check.update, ...author });
    } finally {
      live.inFlight--;
      this.scheduleUnload(live);
    }
  }

  /** What a client with `stateVector` lacks, and the server's state vector. */
  syncFor(live: LiveDocument, stateVector?: Uint8Array): { update: Uint8Array; stateVector: Uint8Array } {
    const holdsNothing = !stateVector || Y.decodeStateVector(stateVector).size === 0;
    return {
      update: holdsNothing ? live.encodeWhole() : Y.encodeStateAsUpdate(live.doc, stateVector),
      stateVector: live.encodeStateVector(),
    };
  }

  get stats(): { documents: number; sessions: number; queued: number } {
    let sessions = 0;
    for (const live of this.documents.values()) sessions += live.sessions;
    return { documents: this.documents.size, sessions, queued: this.committer.pending };
  }

  get health(): DocumentHealth {
    const { failedLoads, quarantined } = this.opener;
    return { failedLoads, quarantined, textSyncFailures: this.textSync.failures };
  }

  /** Finishes in-flight stores, writes pending text, and lets every document go. */
  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.catchUpTimer);
    await this.committer.drain();
    await Promise.allSettled([...this.loading.values()]);
    await Promise.allSettled([...this.documents.values()].map((live) => this.unload(live)));
    await Promise.allSettled([...this.background]);
  }

  private async load(draftId: string): Promise<LiveDocument | null> {
    // Subscribe before reading so that nothing stored in between is missed; buffer until loaded.
    const early: RelayMessage[] = [];
    let live: LiveDocument | null = null;
    const unsubscribe = await this.relay.subscribe(draftId, (message) => {
      if (live) this.onRelay(live, message);
      else early.push(message);
    });
    try {
      const stored = await this.store.loadDocument(draftId);
      if (!stored) {
        await unsubscribe();
        return null;
      }
      live = await this.opener.open(draftId, stored);
      live.unsubscribe = unsubscribe;
      this.documents.set(draftId, live);
      for (const message of early) this.onRelay(live, message);
      this.maybeCompact(live);
      return live;
    } catch (error) {
      await unsubscribe().catch(() => undefined);
      if (error instanceof DomainError) throw error;
      this.logger.error({ err: error, draftId }, 'loading a document failed');
      throw new DomainError('UNAVAILABLE', 'Storage is unavailable; try again shortly');
    }
  }

  /**
   * One group-commit batch: admit each update against its document as the batch will leave it,
   * store the admitted ones in one statement, then apply them before the next batch is admitted.
   */
  private async commit(items: QueuedUpdate[]): Promise<CommitOutcome<number | null>[]> {
    const admission = new BatchAdmission(this.options.maxDocumentBytes);
    const outcomes: CommitOutcome<number | null>[] = [];
    const admitted: { index: number; bytes: Uint8Array }[] = [];
    items.forEach((item, index) => {
      const verdict = admission.admit(item);
      if ('refusal' in verdict) outcomes[index] = { ok: false, error: verdict.refusal };
      else if (!verdict.bytes)
        outcomes[index] = { ok: true, value: null }; // all of it already stored
      else {
        outcomes[index] = { ok: false, error: unavailable() }; // until stored
        admitted.push({ index, bytes: verdict.bytes });
      }
    });
    if (admitted.length === 0) return outcomes;
    let stored: AppendOutcome[];
    try {
      stored = await this.store.appendUpdates(
        admitted.map(({ index, bytes }) => ({
          draftId: items[index]!.live.draftId,
          data: bytes,
          userId: items[index]!.userId,
        })),
      );
    } catch (error) {
      this.logger.error({ err: error, batch: admitted.length }, 'storing updates failed');
      return outcomes;
    }
    admitted.forEach(({ index, bytes }, k) => {
      const result = stored[k];
      if (!result?.ok) {
        outcomes[index] = { ok: false, error: storeRefusal(result) };
        return;
      }
      const { live, userId, connectionId } = items[index]!;
      outcomes[index] = { ok: true, value: result.seq };
      if (live.closed) return; // set aside meanwhile: the next load reads it from the store
      if (!this.apply(live, bytes, result.seq, { kind: 'client', userId, connectionId, seq: result.seq })) {
        outcomes[index] = { ok: false, error: new DomainError('INVALID_UPDATE', 'The update cannot be integrated') };
        return;
      }
      this.track(
        this.relay.publish({ draftId: live.draftId, seq: result.seq, update: bytes }).catch((error: unknown) => {
          this.logger.warn(
            { err: error, draftId: live.draftId, seq: result.seq },
            'relay publish failed; peers will repair',
          );
        }),
      );
    });
    return outcomes;
  }

  private onRelay(live: LiveDocument, message: RelayMessage): void {
    if (live.closed || live.has(message.seq)) return;
    this.apply(live, message.update, message.seq, { kind: 'relay', seq: message.seq });
  }

  /**
   * Applies a stored update to the live document and passes it on. An update that throws (or,
   * being checked complete, leaves something pending) is a stored update that should never have
   * been taken: it is quarantined and the document dropped, so the next join loads it without it.
   */
  private apply(
    live: LiveDocument,
    update: Uint8Array,
    seq: number,
    origin: Extract<TransactionOrigin, { kind: 'client' | 'relay' }>,
  ): boolean {
    const wasComplete = isComplete(live.doc);
    try {
      Y.applyUpdate(live.doc, update, origin);
    } catch (error) {
      this.setAside(live, seq, `does not integrate: ${error instanceof Error ? error.message : error}`);
      return false;
    }
    // A relayed update may wait for one that is late (a gap); a checked client update may not.
    if (origin.kind === 'client' && wasComplete && !isComplete(live.doc)) {
      this.setAside(live, seq, 'depends on changes that were never stored');
      return false;
    }
    live.markApplied(seq);
    live.grew(update.byteLength);
    this.fanout(live.draftId, { senderId: origin.kind === 'client' ? origin.connectionId : null, update });
    this.afterChange(live);
    return true;
  }

  private setAside(live: LiveDocument, seq: number, reason: string): void {
    this.logger.error({ draftId: live.draftId, seq, reason }, 'an update broke a live document: reloading it');
    this.evict(live);
    this.track(
      this.opener
        .quarantine(live.draftId, [{ seq, reason }])
        .catch((error: unknown) =>
          this.logger.error(
            { err: error, draftId: live.draftId, seq },
            'quarantining an update failed; the next load will',
          ),
        ),
    );
  }

  private afterChange(live: LiveDocument): void {
    live.textDirty = true;
    this.textSync.schedule(live);
    if (live.hasGap) this.scheduleRepair(live, this.options.gapRepairMs);
    this.maybeCompact(live);
  }

  private scheduleRepair(live: LiveDocument, delayMs: number): void {
    if (live.timers.repair || live.closed) return;
    live.timers.repair = setTimeout(() => {
      live.timers.repair = undefined;
      this.track(this.repairGap(live));
    }, delayMs);
  }

  /** Brings every live document up to the store's head; see `catchUpMs`. */
  private async catchUpWithStore(): Promise<void> {
    const lives = [...this.documents.values()];
    if (lives.length === 0) return;
    let heads: Map<string, number>;
    try {
      heads = await this.store.headSeqs(lives.map((live) => live.draftId));
    } catch {
      return; // storage is down: nothing to catch up with until it is back
    }
    for (const live of lives) {
      // With a commit of its own in flight, a newer head may be that commit, not yet applied.
      const head = heads.get(live.draftId) ?? 0;
      if (!live.closed && live.inFlight === 0 && head > live.highestApplied) await this.repairGap(live, head);
    }
  }

  /** Fills, from the store, a gap left by relay messages that never came, up to `upto`. */
  private async repairGap(live: LiveDocument, upto = live.highestApplied): Promise<void> {
    if (live.closed || upto <= live.watermark) return;
    try {
      const missing = await this.store.readUpdates(live.draftId, live.watermark, upto);
      if (live.closed) return;
      const coversGap = missing[0]?.seq === live.watermark + 1;
      if (coversGap) {
        for (const stored of missing) {
          if (!live.has(stored.seq) && !this.apply(live, stored.data, stored.seq, { kind: 'relay', seq: stored.seq }))
            return;
          live.markApplied(stored.seq);
        }
      } else {
        // Compacted away meanwhile, or set aside: take what the whole stored document has that we lack.
        const stored = await this.store.loadDocument(live.draftId);
        if (!stored || live.closed) return;
        const { doc } = buildStoredDocument(stored);
        const missingUpdate = Y.encodeStateAsUpdate(doc, live.encodeStateVector());
        doc.destroy();
        Y.applyUpdate(live.doc, missingUpdate, { kind: 'store' });
        this.fanout(live.draftId, { senderId: null, update: missingUpdate });
        for (let seq = live.watermark + 1; seq <= stored.headSeq; seq++) live.markApplied(seq);
        live.snapshotSeq = Math.max(live.snapshotSeq, stored.snapshotSeq);
      }
      live.repairFailures = 0;
      this.logger.warn({ draftId: live.draftId, upto }, 'filled a gap in relayed updates from the store');
    } catch (error) {
      live.repairFailures++;
      this.logger.warn(
        { err: error, draftId: live.draftId, failures: live.repairFailures },
        'gap repair failed; will retry',
      );
    }
    if (live.hasGap) this.scheduleRepair(live, retryDelay(this.options.gapRepairMs, live.repairFailures));
  }

  private maybeCompact(live: LiveDocument): void {
    if (live.unfolded < this.options.compactEvery || live.compacting || live.hasGap || live.doc.store.pendingStructs)
      return;
    live.compacting = true;
    // The in-memory document holds exactly the updates up to the watermark: fold it as they are.
    const seq = live.watermark;
    const state = live.encodeWhole();
    const stateVector = live.encodeStateVector();
    live.measuredAt(state.byteLength);
    this.track(
      this.store
        .saveSnapshot(live.draftId, seq, state, stateVector)
        .then(() => {
          live.snapshotSeq = Math.max(live.snapshotSeq, seq);
        })
        .catch((error: unknown) => this.logger.warn({ err: error, draftId: live.draftId }, 'compaction failed'))
        .finally(() => {
          live.compacting = false;
        }),
    );
  }

  private scheduleUnload(live: LiveDocument): void {
    if (live.sessions > 0 || live.inFlight > 0 || live.closed) return;
    clearTimeout(live.timers.unload);
    live.timers.unload = setTimeout(() => this.track(this.unload(live)), this.options.idleUnloadMs);
  }

  private async unload(live: LiveDocument): Promise<void> {
    if (live.closed || (!this.closing && (live.sessions > 0 || live.inFlight > 0))) return;
    this.evict(live, false);
    await this.textSync.sync(live, false);
    if (live.unfolded > 0 && !live.hasGap && !live.doc.store.pendingStructs) {
      await this.store
        .saveSnapshot(live.draftId, live.watermark, live.encodeWhole(), live.encodeStateVector())
        .catch((error: unknown) =>
          this.logger.warn({ err: error, draftId: live.draftId }, 'compaction on unload failed'),
        );
    }
    live.destroy();
  }

  /** Forgets a document: anyone joining from now on loads a fresh copy from the store. */
  private evict(live: LiveDocument, destroy = true): void {
    live.closed = true;
    if (this.documents.get(live.draftId) === live) this.documents.delete(live.draftId);
    live.clearTimers();
    this.track(live.unsubscribe().catch(() => undefined));
    if (destroy) live.destroy();
  }

  private track(work: Promise<unknown>): void {
    this.background.add(work);
    void work.finally(() => this.background.delete(work));
  }
}

function storeRefusal(outcome: AppendOutcome | undefined): DomainError {
  if (!outcome || outcome.ok) return unavailable();
  return outcome.reason === 'LOCKED'
    ? new DomainError('LOCKED', 'The draft is locked by its review state')
    : new DomainError('NOT_FOUND', 'No such draft');
}
