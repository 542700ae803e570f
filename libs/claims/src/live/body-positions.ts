import * as Y from 'yjs';
import { DOCUMENT_FIELDS, type RelativePositionJson } from '#contracts';

interface ItemId {
  client: number;
  clock: number;
}

/**
 * The body of a draft's document read once: its text, and where each of its items sits. Claim
 * anchors resolve against it, and are made from it, in O(log n) each; Yjs walks the body's item
 * list for every position it resolves or makes (O(n)), which made a reconcile of a long draft with
 * hundreds of claims quadratic and held the event loop for tens of milliseconds.
 *
 * It gives what Yjs's createAbsolutePositionFromRelativePosition and
 * createRelativePositionFromTypeIndex give for the body, but for positions outside the body (in
 * another field, or not in the document yet), which resolve to null: a claim lives in the body.
 * Redone items (an UndoManager's redo) are not followed: the server runs no UndoManager, so its
 * documents have none. Reads only: the body's root is not turned into a Y.Text (see
 * readDocumentText).
 */
export class BodyPositions {
  /** The body's items in document order: id, length, and visible characters before each. */
  private readonly clients: number[] = [];
  private readonly clocks: number[] = [];
  private readonly lengths: number[] = [];
  private readonly starts: number[] = [];
  private readonly visible: boolean[] = [];
  /** Items with visible characters, by position: `starts` increases strictly along them. */
  private readonly visibleItems: number[] = [];
  /** Per client, its items in clock order. */
  private readonly byClient = new Map<number, number[]>();
  private readonly root: string;
  /** Each writer's next clock when the body was read: ids from there on are newer than this reading. */
  private readonly seen = new Map<number, number>();

  /** The body as plain text (what `Y.Text#toString` gives). */
  readonly text: string;
  /** Positions in the body, as Yjs counts them (one per countable character). */
  readonly length: number;

  private constructor(doc: Y.Doc, root: string) {
    this.root = root;
    let text = '';
    let index = 0;
    for (let item = doc.share.get(root)?._start ?? null; item !== null; item = item.right) {
      const at = this.clients.push(item.id.client) - 1;
      this.clocks.push(item.id.clock);
      this.lengths.push(item.length);
      this.starts.push(index);
      const shown = !item.deleted && item.countable;
      this.visible.push(shown);
      if (shown) {
        this.visibleItems.push(at);
        index += item.length;
        if (item.content instanceof Y.ContentString) text += item.content.str;
      }
      const own = this.byClient.get(item.id.client);
      if (own) own.push(at);
      else this.byClient.set(item.id.client, [at]);
    }
    for (const own of this.byClient.values()) own.sort((a, b) => this.clocks[a]! - this.clocks[b]!);
    for (const [client, structs] of doc.store.clients) {
      const last = structs[structs.length - 1];
      if (last) this.seen.set(client, last.id.clock + last.length);
    }
    this.text = text;
    this.length = index;
  }

  static of(doc: Y.Doc, root: string = DOCUMENT_FIELDS.body): BodyPositions {
    return new BodyPositions(doc, root);
  }

  /** Where a relative position (as JSON) sits in the body now; null when it is not in the body. */
  indexOf(position: RelativePositionJson): number | null {
    const assoc = typeof position.assoc === 'number' ? position.assoc : 0;
    const id = itemIdOf(position.item);
    if (id === undefined) return null;
    if (id === null) {
      // A position at the start or end of a type: only the body's own name is ours.
      if (position.tname !== this.root || position.type != null) return null;
      return assoc >= 0 ? this.length : 0;
    }
    const at = this.itemHolding(id);
    if (at === null) return null;
    if (!this.visible[at]) return this.starts[at]!;
    return this.starts[at]! + (id.clock - this.clocks[at]!) + (assoc >= 0 ? 0 : 1);
  }

  /**
   * Whether the document held what the position names when the body was read: false for a
   * character written since (by a later edit), which this reading cannot place.
   */
  knows(position: RelativePositionJson): boolean {
    const id = itemIdOf(position.item);
    if (!id) return true; // the start or end of a type, or malformed (which resolves to nothing)
    return id.clock < (this.seen.get(id.client) ?? 0);
  }

  /**
   * The relative position of `index` (JSON, as Y.relativePositionToJSON writes it): with assoc
   * >= 0 it sticks to the character at `index`, with assoc < 0 to the one before it.
   */
  positionAt(index: number, assoc = 0): RelativePositionJson {
    if (assoc < 0) {
      if (index === 0) return { tname: this.root, assoc };
      index--;
    }
    const found = this.visibleItemAt(index);
    if (found !== null) {
      return { tname: this.root, item: this.idWithin(found, index - this.starts[found]!), assoc };
    }
    const last = this.clients.length - 1;
    if (assoc < 0 && last >= 0) return { tname: this.root, item: this.idWithin(last, this.lengths[last]! - 1), assoc };
    return { tname: this.root, assoc };
  }

  private idWithin(at: number, offset: number): ItemId {
    return { client: this.clients[at]!, clock: this.clocks[at]! + offset };
  }

  /** The visible item holding position `index`, or null past the end. */
  private visibleItemAt(index: number): number | null {
    const items = this.visibleItems;
    let low = 0;
    let high = items.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const at = items[middle]!;
      if (index < this.starts[at]!) high = middle - 1;
      else if (index >= this.starts[at]! + this.lengths[at]!) low = middle + 1;
      else return at;
    }
    return null;
  }

  /** The body item whose clocks include `id`'s, or null when it is not in the body. */
  private itemHolding(id: ItemId): number | null {
    const own = this.byClient.get(id.client);
    if (!own) return null;
    let low = 0;
    let high = own.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const at = own[middle]!;
      if (id.clock < this.clocks[at]!) high = middle - 1;
      else if (id.clock >= this.clocks[at]! + this.lengths[at]!) low = middle + 1;
      else return at;
    }
    return null;
  }
}

/** The item id a relative position names: null for none, undefined when it is malformed. */
function itemIdOf(value: unknown): ItemId | null | undefined {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object') return undefined;
  const { client, clock } = value as Record<string, unknown>;
  return Number.isSafeInteger(client) && Number.isSafeInteger(clock)
    ? { client: client as number, clock: clock as number }
    : undefined;
}
