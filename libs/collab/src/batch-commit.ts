import { DomainError } from '#domain';
import type { AppendOutcome, DocumentStore } from './document-store.js';
import type { ManagerLogger } from './document-opener.js';
import type { LiveDocument } from './live-document.js';
import type { CommitOutcome } from './group-committer.js';
import { BatchAdmission, type QueuedUpdate } from './update-admission.js';

/** What a batch commit does with each stored update, in batch order. */
export interface StoredUpdateSink {
  /** Applies the stored update to its live document; false when it broke the document (set aside). */
  apply(item: QueuedUpdate, bytes: Uint8Array, seq: number): boolean;
  /** Announces it to the other instances. */
  relay(item: QueuedUpdate, bytes: Uint8Array, seq: number): void;
  /** The store took the update, or refused it: what that says about the draft's lock. */
  answered(item: QueuedUpdate, outcome: AppendOutcome): void;
  /**
   * A batch holding updates the room was sent before their commit failed: whether to try them
   * again (true) or give them up, the sink dropping their document (false). Asked once per
   * document and failed batch.
   */
  retryEarly(live: LiveDocument): boolean;
}

// Not "nothing was stored": a commit whose reply was lost may have landed. Resending a Yjs
// update is always safe (it is applied once however often it arrives).
export const unavailable = () =>
  new DomainError('UNAVAILABLE', 'Storage is unavailable: the update was not acknowledged; send it again');

const dropped = () => new DomainError('NOT_JOINED', 'The draft was reloaded: join it again');

/**
 * One group-commit batch: admit each update against its document as the batch will leave it,
 * store the admitted ones in one statement, then apply them (before the next batch is admitted,
 * since this runs to the end synchronously once the store answers) and relay them. An update's
 * outcome is its sequence number (null: nothing new to store) or the error to answer with.
 *
 * An update relayed early was admitted on arrival and is only counted here; it is stored or, when
 * the batch fails, tried again (or its document dropped, see StoredUpdateSink.retryEarly), never
 * refused while its document stands.
 */
export async function commitBatch(
  items: QueuedUpdate[],
  store: Pick<DocumentStore, 'appendUpdates'>,
  sink: StoredUpdateSink,
  maxDocumentBytes: number,
  logger: ManagerLogger,
): Promise<CommitOutcome<number | null>[]> {
  const admission = new BatchAdmission(maxDocumentBytes);
  const outcomes: CommitOutcome<number | null>[] = [];
  const admitted: { index: number; bytes: Uint8Array }[] = [];
  items.forEach((item, index) => {
    if (item.early) {
      // Its document was dropped after an earlier one was given up: it may build on that one.
      if (item.live.closed) outcomes[index] = { ok: false, error: dropped() };
      else {
        admission.follow(item, item.bytes);
        admitted.push({ index, bytes: item.bytes });
      }
      return;
    }
    const verdict = admission.admit(item);
    if ('refusal' in verdict) outcomes[index] = { ok: false, error: verdict.refusal };
    else if (!verdict.bytes)
      outcomes[index] = { ok: true, value: null }; // all of it already stored
    else admitted.push({ index, bytes: verdict.bytes }); // its outcome once the store answers
  });
  if (admitted.length === 0) return outcomes;
  let stored: AppendOutcome[];
  try {
    stored = await store.appendUpdates(
      admitted.map(({ index, bytes }) => ({
        draftId: items[index]!.live.draftId,
        data: bytes,
        userId: items[index]!.userId,
      })),
    );
  } catch (error) {
    logger.error({ err: error, batch: admitted.length }, 'storing updates failed');
    const retried = new Map<LiveDocument, boolean>();
    for (const { index } of admitted) {
      const { live, early } = items[index]!;
      if (early && !retried.has(live)) retried.set(live, sink.retryEarly(live));
      outcomes[index] = early && retried.get(live) ? { ok: 'retry' } : { ok: false, error: unavailable() };
    }
    return outcomes;
  }
  admitted.forEach(({ index, bytes }, k) => {
    const result = stored[k];
    const item = items[index]!;
    if (result) sink.answered(item, result);
    if (!result?.ok) {
      outcomes[index] = { ok: false, error: storeRefusal(result) };
      return;
    }
    outcomes[index] = { ok: true, value: result.seq };
    if (item.live.closed) return; // set aside meanwhile: the next load reads it from the store
    if (!sink.apply(item, bytes, result.seq)) {
      outcomes[index] = { ok: false, error: new DomainError('INVALID_UPDATE', 'The update cannot be integrated') };
      return;
    }
    sink.relay(item, bytes, result.seq);
  });
  return outcomes;
}

function storeRefusal(outcome: AppendOutcome | undefined): DomainError {
  if (!outcome || outcome.ok) return unavailable();
  return outcome.reason === 'LOCKED'
    ? new DomainError('LOCKED', 'The draft is locked by its review state')
    : new DomainError('NOT_FOUND', 'No such draft');
}
