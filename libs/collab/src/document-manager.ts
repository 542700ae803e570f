import * as Y from 'yjs';
import { DomainError } from '#domain';
import type { DocumentRelay, RelayMessage } from './document-relay.js';
import type { DocumentStore } from './document-store.js';
import { commitBatch, unavailable, type StoredUpdateSink } from './batch-commit.js';
import { withEarly } from './early-updates.js';
import { retryDelay } from './retry-delay.js';
import { GroupCommitter, type CommitOutcome, type CommittedBatch } from './group-committer.js';
import { readDocumentText } from './document-schema.js';
import type {
  DocumentHealth,
  DocumentManagerOptions,
  DocumentRevision,
  UpdateAuthor,
} from './document-manager.options.js';
import { FanoutExtension } from './fanout-extension.js';
import { LiveDocument } from './live-document.js';
import { DocumentExtensions, momentOf, type LiveDocumentExtension } from './live-document-extension.js';
import type { TransactionOrigin } from './origins.js';
import { DocumentOpener, type ManagerLogger } from './document-opener.js';
import { EarlyRelayGate } from './early-relay-gate.js';
import { StoreCatchUp } from './store-catch-up.js';
import { Compaction } from './compaction.js';
import { isComplete } from './stored-document.js';
import { TextSync } from './text-sync.js';
import type { QueuedUpdate } from './update-admission.js';
import { checkUpdate } from './update-validation.js';

export type { ManagerLogger };

/** Failed commits in a row after which updates already sent to the room are given up (~6 s of retries). */
const MAX_EARLY_FAILURES = 6;

/**
 * The lifecycle of live documents on one server instance: single-flight loading, durable
 * application of client updates (checked, sent to the room's sessions on this instance at once
 * when that is safe, group-committed, then applied, then relayed to other instances and acked),
 * application of other instances' updates, gap repair, background compaction, text sync and idle
 * unloading. Nothing stored may stop a draft from loading (docs/collab.md, "What the server accepts").
 * What follows a document's changes (the fan-out to sessions first) is a live-document extension
 * (docs/architecture.md).
 */
export class DocumentManager {
  private readonly documents = new Map<string, LiveDocument>();
  private readonly loading = new Map<string, Promise<LiveDocument | null>>();
  private readonly committer: GroupCommitter<QueuedUpdate, number | null>;
  private readonly background = new Set<Promise<unknown>>();
  private readonly opener: DocumentOpener;
  private readonly textSync: TextSync;
  private readonly storeCatchUp: StoreCatchUp;
  private readonly compaction: Compaction;
  private readonly extensions: DocumentExtensions;
  private readonly earlyGate: EarlyRelayGate;
  private readonly early = { sent: 0, givenUp: 0 };
  private readonly commitListeners = new Set<(batch: CommittedBatch) => void>();
  private catchUpTimer: NodeJS.Timeout | undefined;
  private closing = false;
  /** The first extension: applied updates to this instance's sessions. */
  readonly fanout: FanoutExtension;

  constructor(
    private readonly store: DocumentStore,
    private readonly relay: DocumentRelay,
    private readonly options: DocumentManagerOptions,
    private readonly logger: ManagerLogger,
  ) {
    this.committer = new GroupCommitter((items) => this.commit(items), {
      maxInFlight: options.commitsInFlight ?? 1,
      // One draft's updates commit in order, one batch at a time: each is admitted against the
      // document as the batch before it left it.
      keyOf: (item) => item.live.draftId,
      retryDelayMs: (failures) => retryDelay(options.commitRetryMs ?? 100, failures, 1),
      committed: (batch) => this.commitListeners.forEach((listener) => listener(batch)),
    });
    this.earlyGate = new EarlyRelayGate(options.earlyRelay === true);
    this.opener = new DocumentOpener(store, logger);
    this.compaction = new Compaction(store, logger, options.compactEvery, (work) => this.track(work));
    this.extensions = new DocumentExtensions(logger);
    this.fanout = new FanoutExtension(logger);
    this.extensions.add(this.fanout);
    this.textSync = new TextSync(
      store,
      logger,
      options.textSyncDebounceMs,
      (work) => this.track(work),
      (synced) => this.extensions.afterTextSync(synced),
    );
    this.storeCatchUp = new StoreCatchUp(
      store,
      {
        applyStored: (live, update, seq) => this.apply(live, update, seq, { kind: 'relay', seq }),
        applyMissing: (live, update, headSeq, snapshotSeq) => this.applyMissing(live, update, headSeq, snapshotSeq),
      },
      logger,
      options.gapRepairMs,
      (work) => this.track(work),
    );
    if (options.catchUpMs) {
      this.catchUpTimer = setInterval(
        () => this.track(this.storeCatchUp.catchUp([...this.documents.values()])),
        options.catchUpMs,
      );
      this.catchUpTimer.unref();
    }
  }

  /**
   * Adds an extension after those already added (the fan-out is always first): from now on it
   * follows every live document on this instance. Add extensions while the application starts,
   * before documents load.
   */
  use(extension: LiveDocumentExtension): void {
    this.extensions.add(extension);
  }

  /** Calls `listener` after every commit of updates on this instance (for the metrics). */
  onCommitted(listener: (batch: CommittedBatch) => void): void {
    this.commitListeners.add(listener);
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
   * The draft's document as of its latest applied update, loading it when needed (null: no such
   * draft). A gap left by lost relay messages is filled from the store first, so `seq` names
   * exactly the stored updates `text` and `state` hold; UNAVAILABLE when that cannot be done now.
   */
  async read(draftId: string): Promise<DocumentRevision | null> {
    const live = await this.acquire(draftId);
    if (!live) return null;
    try {
      if (live.hasGap) await this.storeCatchUp.repairGap(live);
      if (live.closed || live.hasGap) {
        throw new DomainError('UNAVAILABLE', 'The draft is catching up with the store; try again shortly');
      }
      return { seq: live.watermark, text: readDocumentText(live.doc), state: live.encodeWhole() };
    } finally {
      this.release(live);
    }
  }

  /**
   * Checks a client's update, stores it durably, then applies, relays and fans it out. Resolves
   * with its sequence number only after the commit (null for an empty update: nothing to store);
   * the caller acks then, never before. Rejects with the code to answer: INVALID_UPDATE,
   * TOO_LARGE, RESYNC_REQUIRED, LOCKED, NOT_FOUND, NOT_JOINED or UNAVAILABLE; nothing refused is
   * stored, and nothing refused reaches anyone.
   *
   * When the draft is known to take updates and no review transition is under way, an admitted
   * update goes to the room's sessions on this instance at once, before its commit
   * (docs/architecture.md, "Relaying before the commit"); otherwise only after it.
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
    const item: QueuedUpdate = {
      live,
      bytes: update,
      inspected: check.update,
      ...author,
      early: null,
      epoch: live.relayEpoch,
    };
    live.inFlight++;
    try {
      if (this.earlyGate.allows(live)) return await this.submitEarly(item);
      live.held++;
      try {
        return await this.committer.submit(item);
      } finally {
        live.held--;
      }
    } finally {
      live.inFlight--;
      this.scheduleUnload(live);
    }
  }

  /**
   * Runs `work` (a review transition) with the draft fenced: updates sent to the room before
   * their commit are stored first, and none goes early until `work` has ended and a commit has
   * shown the draft still takes updates. So the lock a transition sets can never refuse an
   * update the room already has.
   */
  async fence<T>(draftId: string, work: () => Promise<T>): Promise<T> {
    const live = this.documents.get(draftId);
    this.earlyGate.raise(draftId, live);
    try {
      await live?.early.drained();
      return await work();
    } finally {
      // The document may have been reloaded meanwhile: the one held now is the one to tell.
      this.earlyGate.lower(draftId, this.documents.get(draftId));
    }
  }

  /** Admits the update on arrival, sends it to the room, then stores it; never refused once sent. */
  private async submitEarly(item: QueuedUpdate): Promise<number | null> {
    const { live } = item;
    const verdict = live.early.admissionFor(this.options.maxDocumentBytes).admit(item);
    if ('refusal' in verdict) throw verdict.refusal;
    if (!verdict.bytes) {
      // Everything in it is stored, or on its way: acked once that is stored (the commit is in order).
      if (!(await live.early.latestStored())) throw unavailable();
      return null;
    }
    const early = live.early.add(verdict.bytes);
    this.early.sent++;
    this.fanout.deliverEarly(live.draftId, item.connectionId, verdict.bytes);
    return this.committer.submit({ ...item, bytes: verdict.bytes, early });
  }

  /** What a client with `stateVector` lacks, and the server's state vector. */
  syncFor(live: LiveDocument, stateVector?: Uint8Array): { update: Uint8Array; stateVector: Uint8Array } {
    const holdsNothing = !stateVector || Y.decodeStateVector(stateVector).size === 0;
    const update = holdsNothing ? live.encodeWhole() : Y.encodeStateAsUpdate(live.doc, stateVector);
    const early = live.early.pending;
    if (early.length === 0) return { update, stateVector: live.encodeStateVector() };
    // The room has been sent these already: a joiner gets them too, or it would never.
    return {
      update: withEarly(update, early, holdsNothing ? undefined : stateVector),
      stateVector: live.early.stateVectorOf(live),
    };
  }

  get stats(): { documents: number; sessions: number; queued: number } {
    let sessions = 0;
    for (const live of this.documents.values()) sessions += live.sessions;
    return { documents: this.documents.size, sessions, queued: this.committer.pending };
  }

  get health(): DocumentHealth {
    const { failedLoads, quarantined } = this.opener;
    return { failedLoads, quarantined, textSyncFailures: this.textSync.failures, earlyRelay: { ...this.early } };
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
      this.extensions.afterLoad(momentOf(live));
      for (const message of early) this.onRelay(live, message);
      this.compaction.maybeCompact(live);
      return live;
    } catch (error) {
      await unsubscribe().catch(() => undefined);
      if (error instanceof DomainError) throw error;
      this.logger.error({ err: error, draftId }, 'loading a document failed');
      throw new DomainError('UNAVAILABLE', 'Storage is unavailable; try again shortly');
    }
  }

  private commit(items: QueuedUpdate[]): Promise<CommitOutcome<number | null>[]> {
    const sink: StoredUpdateSink = {
      apply: ({ live, userId, connectionId, early }, bytes, seq) => {
        const origin = { kind: 'client', userId, connectionId, seq, deliveredEarly: early !== null } as const;
        const applied = this.apply(live, bytes, seq, origin);
        if (early) live.early.settle(early, applied);
        return applied;
      },
      answered: (item, outcome) => {
        if (outcome.ok || !item.early) return this.earlyGate.learn(item, outcome);
        // The fence exists so that this cannot happen; if it does, the room holds what the store refuses.
        this.logger.error(
          { draftId: item.live.draftId, reason: outcome.reason },
          'the store refused an update sent to the room before its commit: dropping the document',
        );
        this.evict(item.live);
      },
      retryEarly: (live) => {
        if (live.closed) return false;
        if (!this.closing && ++live.early.failures < MAX_EARLY_FAILURES) return true;
        this.logger.error(
          { draftId: live.draftId, updates: live.early.size },
          'updates sent to the room could not be stored: dropping the document, its sessions re-join and re-send them',
        );
        this.evict(live);
        return false;
      },
      relay: ({ live }, bytes, seq) =>
        this.track(
          this.relay.publish({ draftId: live.draftId, seq, update: bytes }).catch((error: unknown) => {
            this.logger.warn({ err: error, draftId: live.draftId, seq }, 'relay publish failed; peers will repair');
          }),
        ),
    };
    return commitBatch(items, this.store, sink, this.options.maxDocumentBytes, this.logger);
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
    this.afterChange(live, update, seq, origin);
    return true;
  }

  /** Applies what the whole stored document holds and this one lacks, up to the store's head. */
  private applyMissing(live: LiveDocument, update: Uint8Array, headSeq: number, snapshotSeq: number): void {
    Y.applyUpdate(live.doc, update, { kind: 'store' });
    for (let seq = live.watermark + 1; seq <= headSeq; seq++) live.markApplied(seq);
    live.snapshotSeq = Math.max(live.snapshotSeq, snapshotSeq);
    live.grew(update.byteLength);
    this.afterChange(live, update, headSeq, { kind: 'store' });
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

  private afterChange(
    live: LiveDocument,
    update: Uint8Array,
    seq: number,
    origin: Extract<TransactionOrigin, { kind: 'client' | 'relay' | 'store' }>,
  ): void {
    const client = origin.kind === 'client' ? origin : null;
    this.extensions.afterApply({
      ...momentOf(live, seq),
      update,
      origin: origin.kind,
      deliveredEarly: client?.deliveredEarly ?? false,
      connectionId: client?.connectionId ?? null,
      userId: client?.userId ?? null,
    });
    live.textDirty = true;
    this.textSync.schedule(live);
    if (live.hasGap) this.storeCatchUp.scheduleRepair(live);
    this.compaction.maybeCompact(live);
  }

  private scheduleUnload(live: LiveDocument): void {
    if (live.sessions > 0 || live.inFlight > 0 || live.closed) return;
    clearTimeout(live.timers.unload);
    live.timers.unload = setTimeout(() => this.track(this.unload(live)), this.options.idleUnloadMs);
  }

  private async unload(live: LiveDocument): Promise<void> {
    if (live.closed || (!this.closing && (live.sessions > 0 || live.inFlight > 0))) return;
    this.evict(live, false);
    await this.extensions.beforeUnload(momentOf(live));
    await this.textSync.sync(live, false);
    await this.compaction.beforeUnload(live);
    live.destroy();
  }

  /** Forgets a document: anyone joining from now on loads a fresh copy from the store. */
  private evict(live: LiveDocument, destroy = true): void {
    live.closed = true;
    if (this.documents.get(live.draftId) === live) this.documents.delete(live.draftId);
    this.early.givenUp += live.early.size;
    live.early.abandon();
    live.clearTimers();
    this.track(live.unsubscribe().catch(() => undefined));
    if (destroy) live.destroy();
  }

  private track(work: Promise<unknown>): void {
    this.background.add(work);
    void work.finally(() => this.background.delete(work));
  }
}
