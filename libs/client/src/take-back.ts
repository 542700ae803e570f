/** Takes insertions the server will never accept back out of a document. */
import * as Y from 'yjs';

/** A range of changes: for each client, the clocks from `from` (included) to `to` (excluded). */
export interface ClockSpan {
  from: Map<number, number>;
  to: Map<number, number>;
}

/**
 * Deletes, in one transaction with `origin`, every item still in the document that `span`
 * inserted; returns whether anything was deleted. Only insertions can be taken back so:
 * whatever the span deleted (text replaced by a paste, offline deletions) stays deleted. The
 * deleted items keep their clock numbers; with garbage collection on (the Yjs default) their
 * content is dropped when the transaction ends, so what still has to reach a peer is tiny.
 */
export function takeBackInsertions(doc: Y.Doc, span: ClockSpan, origin: unknown): boolean {
  let deleted = false;
  doc.transact((transaction) => {
    for (const [client, to] of span.to) {
      deleted = deleteItemsBetween(transaction, client, span.from.get(client) ?? 0, to) || deleted;
    }
  }, origin);
  return deleted;
}

function deleteItemsBetween(transaction: Y.Transaction, client: number, from: number, to: number): boolean {
  const store = transaction.doc.store;
  const structs = store.clients.get(client);
  const end = Math.min(to, Y.getState(store, client));
  if (!structs || end <= from) return false;
  // Split the items that straddle the span's edges, so that only the span is deleted (items typed
  // one after another are merged into one item when their transactions end).
  Y.getItemCleanStart(transaction, Y.createID(client, from));
  if (end < Y.getState(store, client)) Y.getItemCleanEnd(transaction, store, Y.createID(client, end - 1));
  let deleted = false;
  for (let index = Y.findIndexSS(structs, from); index < structs.length; index++) {
    const struct = structs[index]!;
    if (struct.id.clock >= end) break;
    if (struct instanceof Y.Item && !struct.deleted) {
      struct.delete(transaction);
      deleted = true;
    }
  }
  return deleted;
}
