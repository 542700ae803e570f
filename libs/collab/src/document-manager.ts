import * as Y from 'yjs';
import { DomainError } from '#domain';
import type { DocumentRelay, RelayMessage } from './document-relay.js';
import { readDocumentText } from './document-schema.js';
import type { DocumentStore, StoredDocument, UpdateToAppend } from './document-store.js';
import { GroupCommitter, type CommitOutcome } from './group-committer.js';
import { LiveDocument } from './live-document.js';
import type { TransactionOrigin } from './origins.js';
import type { OutgoingUpdate } from './update-fanout.js';

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
}

export interface ManagerLogger {
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

const STORE_ORIGIN: TransactionOrigin = { kind: 'store' };

/** A deferred integration waits this long: the joins that caused the load are answered by then. */
const INTEGRATE_AFTER_MS = 50;

/** The newest sequence a stored document holds. */
function headOf(stored: StoredDocument): number {
  return stored.updates.at(-1)?.seq ?? stored.snapshotSeq;
}

/** Applies a stored document (snapshot, then the rest of the log) and returns the newest sequence it holds. */
function applyStored(doc: Y.Doc, stored: StoredDocument): number {
  doc.transact(() => {
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot, STORE_ORIGIN);
    // One merged update integrates far faster than thousands applied one by one.
    if (stored.updates.length > 0) Y.applyUpdate(doc, Y.mergeUpdates(stored.updates.map((u) => u.data)), STORE_ORIGIN);
  }, STORE_ORIGIN);
  return headOf(stored);
}

/**
 * The lifecycle of live documents on one server instance: single-flight loading, durable
 * application of client updates (group-committed, then applied, then relayed), application of
 * other instances' updates, gap repair, background compaction, text sync and idle unloading.
 */
export class DocumentManager {
  private readonly documents = new Map<string, LiveDocument>();
  private readonly loading = new Map<string, Promise<LiveDocument | null>>();
  private readonly committer: GroupCommitter<UpdateToAppend, number>;
  private readonly background = new Set<Promise<unknown>>();
  private closing = false;
  private fanout: FanoutListener = () => undefined;

  constructor(
    private readonly store: DocumentStore,
    private readonly relay: DocumentRelay,
    private readonly options: DocumentManagerOptions,
    private readonly logger: ManagerLogger,
  ) {
    this.committer = new GroupCommitter((items) => this.commit(items));
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
   * Stores a client's update durably, then applies, relays and fans it out. Resolves with its
   * sequence number only after the commit: the caller acks then, never before.
   */
  async submit(live: LiveDocument, update: Uint8Array, author: UpdateAuthor): Promise<number> {
    live.inFlight++;
    try {
      const seq = await this.committer.submit({ draftId: live.draftId, data: update, userId: author.userId });
      this.apply(live, update, seq, { kind: 'client', ...author, seq });
      this.track(
        this.relay.publish({ draftId: live.draftId, seq, update }).catch((error: unknown) => {
          this.logger.warn({ err: error, draftId: live.draftId, seq }, 'relay publish failed; peers will repair');
        }),
      );
      return seq;
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

  /** Finishes in-flight stores, writes pending text, and lets every document go. */
  async close(): Promise<void> {
    this.closing = true;
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
      const doc = new Y.Doc();
      live = new LiveDocument(draftId, doc, headOf(stored), stored.snapshotSeq);
      const loaded = live;
      if (stored.snapshot && stored.snapshotStateVector && stored.updates.length === 0) {
        // Freshly compacted, as unloading leaves it: answer the joins waiting for this load from the
        // stored bytes, and integrate them once those answers are out (sooner if anything needs it).
        live.deferIntegration(stored.snapshot, stored.snapshotStateVector);
        live.timers.integrate = setTimeout(() => loaded.integrate(), INTEGRATE_AFTER_MS);
      } else {
        applyStored(doc, stored);
        if (stored.snapshot && stored.updates.length === 0) live.rememberWhole(stored.snapshot);
      }
      live.unsubscribe = unsubscribe;
      this.documents.set(draftId, live);
      for (const message of early) this.onRelay(live, message);
      this.maybeCompact(live);
      return live;
    } catch (error) {
      await unsubscribe().catch(() => undefined);
      this.logger.error({ err: error, draftId }, 'loading a document failed');
      throw new DomainError('UNAVAILABLE', 'Storage is unavailable; try again shortly');
    }
  }

  private async commit(items: UpdateToAppend[]): Promise<CommitOutcome<number>[]> {
    let outcomes;
    try {
      outcomes = await this.store.appendUpdates(items);
    } catch (error) {
      this.logger.error({ err: error, batch: items.length }, 'storing updates failed');
      throw new DomainError('UNAVAILABLE', 'Storage is unavailable: nothing was stored, retry later');
    }
    return outcomes.map((outcome) =>
      outcome.ok
        ? { ok: true, value: outcome.seq }
        : {
            ok: false,
            error:
              outcome.reason === 'LOCKED'
                ? new DomainError('LOCKED', 'The draft is locked by its review state')
                : new DomainError('NOT_FOUND', 'No such draft'),
          },
    );
  }

  private onRelay(live: LiveDocument, message: RelayMessage): void {
    if (live.closed || live.has(message.seq)) return;
    try {
      this.apply(live, message.update, message.seq, { kind: 'relay', seq: message.seq });
    } catch (error) {
      this.logger.warn({ err: error, draftId: live.draftId, seq: message.seq }, 'a relayed update did not apply');
    }
  }

  private apply(
    live: LiveDocument,
    update: Uint8Array,
    seq: number,
    origin: Extract<TransactionOrigin, { kind: 'client' | 'relay' }>,
  ): void {
    Y.applyUpdate(live.doc, update, origin);
    live.markApplied(seq);
    this.fanout(live.draftId, { senderId: origin.kind === 'client' ? origin.connectionId : null, update });
    this.afterChange(live);
  }

  private afterChange(live: LiveDocument): void {
    live.textDirty = true;
    if (!live.timers.text) {
      live.timers.text = setTimeout(() => {
        live.timers.text = undefined;
        this.track(this.syncText(live));
      }, this.options.textSyncDebounceMs);
    }
    if (live.hasGap && !live.timers.repair) {
      live.timers.repair = setTimeout(() => {
        live.timers.repair = undefined;
        this.track(this.repairGap(live));
      }, this.options.gapRepairMs);
    }
    this.maybeCompact(live);
  }

  private async syncText(live: LiveDocument, retryOnFailure = true): Promise<void> {
    if (!live.textDirty) return;
    live.textDirty = false;
    try {
      await this.store.saveText(live.draftId, readDocumentText(live.doc), live.watermark);
    } catch (error) {
      live.textDirty = true;
      this.logger.warn({ err: error, draftId: live.draftId }, 'saving the plain text failed; will retry');
      if (retryOnFailure && !live.closed) this.afterChange(live);
    }
  }

  /** Fills a gap left by a relay message that never came, from the store. */
  private async repairGap(live: LiveDocument): Promise<void> {
    if (live.closed || !live.hasGap) return;
    const upto = live.highestApplied;
    try {
      const missing = await this.store.readUpdates(live.draftId, live.watermark, upto);
      const coversGap = missing[0]?.seq === live.watermark + 1;
      if (coversGap) {
        for (const stored of missing) {
          if (!live.has(stored.seq)) this.apply(live, stored.data, stored.seq, { kind: 'relay', seq: stored.seq });
          live.markApplied(stored.seq);
        }
      } else {
        // Compacted away meanwhile: take the whole stored document (applying it again is harmless).
        const stored = await this.store.loadDocument(live.draftId);
        if (!stored) return;
        const before = Y.encodeStateVector(live.doc);
        const head = applyStored(live.doc, stored);
        this.fanout(live.draftId, { senderId: null, update: Y.encodeStateAsUpdate(live.doc, before) });
        for (let seq = live.watermark + 1; seq <= head; seq++) live.markApplied(seq);
        live.snapshotSeq = Math.max(live.snapshotSeq, stored.snapshotSeq);
      }
      this.logger.warn({ draftId: live.draftId, upto }, 'filled a gap in relayed updates from the store');
    } catch (error) {
      this.logger.warn({ err: error, draftId: live.draftId }, 'gap repair failed; will retry');
    }
    if (live.hasGap && !live.closed) this.afterChange(live);
  }

  private maybeCompact(live: LiveDocument): void {
    if (live.unfolded < this.options.compactEvery || live.compacting || live.hasGap || live.doc.store.pendingStructs)
      return;
    live.compacting = true;
    // The in-memory document holds exactly the updates up to the watermark: fold it as they are.
    const seq = live.watermark;
    const state = live.encodeWhole();
    const stateVector = live.encodeStateVector();
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
    live.closed = true;
    // Forget it first: anyone joining from now on loads a fresh copy from the store.
    if (this.documents.get(live.draftId) === live) this.documents.delete(live.draftId);
    live.clearTimers();
    await this.syncText(live, false);
    if (live.unfolded > 0 && !live.hasGap && !live.doc.store.pendingStructs) {
      await this.store
        .saveSnapshot(live.draftId, live.watermark, live.encodeWhole(), live.encodeStateVector())
        .catch((error: unknown) =>
          this.logger.warn({ err: error, draftId: live.draftId }, 'compaction on unload failed'),
        );
    }
    await live.unsubscribe().catch(() => undefined);
    live.destroy();
  }

  private track(work: Promise<unknown>): void {
    this.background.add(work);
    void work.finally(() => this.background.delete(work));
  }
}
