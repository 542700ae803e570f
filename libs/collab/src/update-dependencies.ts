import * as Y from 'yjs';
import type { ClientRun, InspectedUpdate } from './update-validation.js';

/** A document's state: for each client, the next clock it has not seen (a decoded state vector, or a view of one). */
export interface DocumentState {
  get(client: number): number | undefined;
  set(client: number, clock: number): void;
}

/**
 * Whether a document in `state` can integrate `update` completely, leaving nothing pending.
 * Yjs stores what it cannot integrate yet as pending structs, which block compaction for good when
 * the missing part never comes; so an update is taken only when everything it builds on is in the
 * document or earlier in the same update. On success `state` is advanced past the update, so the
 * next update of a batch is checked against the document as it will be (pipelined updates that
 * build on each other pass; see docs/collab.md).
 *
 * It follows Yjs's own integration: a client's structs go in clock order, each once its first
 * clock is reached and its origins and parent (on other clients) exist; runs of different clients
 * may unblock each other, in any order. Anything left over is missing or circular.
 */
export function takeIfComplete(update: InspectedUpdate, state: DocumentState): boolean {
  const next = new Map<number, number>();
  const known = (client: number) => next.get(client) ?? state.get(client) ?? 0;
  const cursors = update.runs.map((run) => ({ run, index: 0 }));
  let progressed = true;
  while (progressed) {
    progressed = false;
    for (const cursor of cursors) {
      while (cursor.index < cursor.run.structs.length) {
        const struct = cursor.run.structs[cursor.index]!;
        if (!canIntegrate(struct, cursor.run, known)) break;
        const end = struct.id.clock + struct.length;
        // A skip is a hole the update does not fill: it advances nothing.
        if (!(struct instanceof Y.Skip) && end > known(cursor.run.client)) next.set(cursor.run.client, end);
        cursor.index++;
        progressed = true;
      }
    }
  }
  if (cursors.some((cursor) => cursor.index < cursor.run.structs.length)) return false;
  for (const [client, ranges] of update.deletes) {
    if (ranges.some((range) => range.clock + range.len > known(client))) return false;
  }
  for (const [client, clock] of next) state.set(client, clock);
  return true;
}

function canIntegrate(struct: Y.Item | Y.GC | Y.Skip, run: ClientRun, known: (client: number) => number): boolean {
  // A skip integrates nothing: what follows it must start where the document already is.
  if (struct instanceof Y.Skip) return true;
  if (struct.id.clock > known(run.client)) return false;
  if (!(struct instanceof Y.Item)) return true;
  const references = [struct.origin, struct.rightOrigin, struct.parent instanceof Y.ID ? struct.parent : null];
  return references.every((ref) => !ref || ref.client === run.client || ref.clock < known(ref.client));
}
