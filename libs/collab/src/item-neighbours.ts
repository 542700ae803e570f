import * as Y from 'yjs';
import type { InspectedUpdate } from './update-validation.js';

/**
 * How far to walk from an item's left neighbour to its right one, for one update in all. Between
 * the two there are only items inserted concurrently into the same gap: a handful in any real
 * document. A walk that has not arrived by then is walking a list the right neighbour is not on,
 * or is before; the bound keeps a crafted update from costing more than a few milliseconds.
 */
const MAX_STEPS = 20_000;

/**
 * Whether every item of the update that names both neighbours already in the document names them
 * in list order: its origin (what was on its left when it was typed) before its right origin.
 * A real client's item always does. One that does not (a forged or garbled update) is integrated
 * by Yjs somewhere its own encoding does not lead back to, so the live document, joiners and
 * reloads would disagree. Neighbours that arrive in the same update are not checked here.
 */
export function neighboursInOrder(doc: Y.Doc, update: InspectedUpdate): boolean {
  const budget = { steps: MAX_STEPS };
  for (const run of update.runs) {
    for (const struct of run.structs) {
      if (!(struct instanceof Y.Item) || !struct.origin || !struct.rightOrigin) continue;
      const left = held(doc, struct.origin);
      const right = held(doc, struct.rightOrigin);
      if (!left || !right || left instanceof Y.GC || right instanceof Y.GC) continue;
      if (!isBefore(left, struct.origin, right, struct.rightOrigin, budget)) return false;
    }
  }
  return true;
}

function held(doc: Y.Doc, id: Y.ID): Y.Item | Y.GC | null {
  const structs = doc.store.clients.get(id.client);
  const last = structs?.at(-1);
  if (!structs || !last || id.clock >= last.id.clock + last.length) return null;
  return structs[Y.findIndexSS(structs, id.clock)] ?? null;
}

/** Whether the unit `leftId` (inside `left`) comes before the unit `rightId` (inside `right`). */
function isBefore(left: Y.Item, leftId: Y.ID, right: Y.Item, rightId: Y.ID, budget: { steps: number }): boolean {
  if (left === right) return leftId.clock < rightId.clock;
  for (let item = left.right; item !== null && budget.steps > 0; item = item.right, budget.steps--) {
    if (item === right) return true;
  }
  return false;
}
