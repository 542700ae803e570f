import * as Y from 'yjs';
import type { InspectedUpdate } from './update-validation.js';

/**
 * Whether the structs an update sends again (ids the document already holds) say what the
 * document holds there. Honest clients resend freely (a retry after a lost ack, a catch-up computed
 * from an older state vector) and always with the same content. Different content under an id the
 * document has means a client forged or garbled ids: taking the new part would collide with the
 * real owner's next edits, and Yjs integrates such collisions differently depending on how they
 * arrive, so the live document, a reload and a joiner would disagree. Content that was deleted and
 * garbage-collected cannot be compared and is let through.
 */
export function resendsMatch(doc: Y.Doc, update: InspectedUpdate): boolean {
  for (const run of update.runs) {
    const held = doc.store.clients.get(run.client);
    if (!held || held.length === 0) continue;
    const last = held[held.length - 1]!;
    const heldUpTo = last.id.clock + last.length;
    for (const struct of run.structs) {
      if (struct.id.clock >= heldUpTo) break;
      if (!(struct instanceof Y.Item) || struct.content instanceof Y.ContentDeleted) continue;
      const end = Math.min(struct.id.clock + struct.length, heldUpTo);
      if (!sameContent(held, struct, end)) return false;
    }
  }
  return true;
}

/** Compares `sent` with the document's structs from its first clock up to `end`, unit by unit. */
function sameContent(held: (Y.Item | Y.GC)[], sent: Y.Item, end: number): boolean {
  const sentUnits = unitsOf(sent.content);
  let index = Y.findIndexSS(held, sent.id.clock);
  for (let clock = sent.id.clock; clock < end;) {
    const mine = held[index++]!;
    const from = clock - mine.id.clock;
    const to = Math.min(mine.length, end - mine.id.clock);
    if (mine instanceof Y.Item && !mine.deleted && !(mine.content instanceof Y.ContentDeleted)) {
      if (mine.content.constructor !== sent.content.constructor) return false;
      const mineUnits = unitsOf(mine.content);
      for (let k = from; k < to; k++) {
        if (!sameUnit(mineUnits(k), sentUnits(clock - sent.id.clock + k - from))) return false;
      }
    }
    clock = mine.id.clock + to;
  }
  return true;
}

// Yjs replaces half a surrogate pair with U+FFFD where it splits an item inside one: either copy may hold it.
const REPLACEMENT = '\uFFFD';

function sameUnit(a: string, b: string): boolean {
  return a === b || a === REPLACEMENT || b === REPLACEMENT;
}

/** One clock unit of content as a comparable string. */
function unitsOf(content: Y.Item['content']): (offset: number) => string {
  if (content instanceof Y.ContentString) return (offset) => content.str[offset] ?? '';
  const values = content.getContent();
  // Types carry no comparable value; their kind is compared by the constructor check.
  if (content instanceof Y.ContentType) return () => 'type';
  return (offset) => JSON.stringify(values[offset] ?? null);
}
