/**
 * Turns a fuzz scenario into bytes: replays the simulated clients' edits on their own Y.Docs to
 * get genuine updates (each insert carrying a unique marker), then lays out the deliveries.
 */
import * as Y from 'yjs';
import { encodeInitialDocument } from '#collab';
import {
  TRACKED_CLIENTS,
  type ClientSel,
  type ClockSel,
  type CraftedUpdate,
  type DeliveryOp,
  type EditOp,
  type Scenario,
} from './update-scenario.arbitrary.js';
import { encodeRawUpdate, rawStructLength, type RawId, type RawItem, type RawStruct } from './raw-update.encoder.js';

/** Text an insert adds that no other insert adds, and the ids it occupies. */
export interface Marker {
  text: string;
  client: number;
  clock: number;
}

export interface GenuineUpdate {
  bytes: Uint8Array;
  label: string;
  markers: Marker[];
}

/** One update to submit. `markers` is null unless its content is exactly the editors' (possibly merged). */
export interface Delivery {
  bytes: Uint8Array;
  label: string;
  markers: Marker[] | null;
}

/** What the server holds of a client right now: its next expected clock. */
export type ServerState = (client: number) => number;

export interface PlannedDelivery {
  together: boolean;
  make: (serverState: ServerState) => Delivery;
}

const MARKER = /⟦\d+⟧/g;
const EMPTY_UPDATE = Y.encodeStateAsUpdate(new Y.Doc());

export const toHex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

/** Marker spans in a text, so edits can avoid cutting into them. */
function markerSpans(text: string): [number, number][] {
  return [...text.matchAll(MARKER)].map((m) => [m.index, m.index + m[0].length]);
}

function outsideMarkers(text: string, at: number): number {
  const pos = Math.floor((at / 1000) * (text.length + 1));
  for (const [start, end] of markerSpans(text)) if (pos > start && pos < end) return end;
  return Math.min(pos, text.length);
}

/** Replays the editors' operations; every change becomes one genuine update. */
export function buildGenuineUpdates(scenario: Scenario): GenuineUpdate[] {
  const docs = TRACKED_CLIENTS.map((id) => {
    const doc = new Y.Doc();
    doc.clientID = id;
    if (scenario.initial) Y.applyUpdate(doc, encodeInitialDocument(scenario.initial));
    return doc;
  });
  const updates: GenuineUpdate[] = [];
  let markerCount = 0;
  for (const op of scenario.edits) {
    const doc = docs[op.client]!;
    if (op.kind === 'sync') {
      const from = docs[op.from]!;
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(from, Y.encodeStateVector(doc)));
      continue;
    }
    const before = Y.encodeStateVector(doc);
    const markers = applyEdit(doc, op, () => `⟦${markerCount++}⟧`);
    if (markers === null) continue;
    updates.push({
      bytes: Y.encodeStateAsUpdate(doc, before),
      label: `genuine #${updates.length} (${op.kind} by ${doc.clientID})`,
      markers,
    });
  }
  for (const doc of docs) doc.destroy();
  return updates;
}

/** Applies one edit; the markers it inserted, or null if it changed nothing. */
function applyEdit(doc: Y.Doc, op: Exclude<EditOp, { kind: 'sync' }>, nextMarker: () => string): Marker[] | null {
  switch (op.kind) {
    case 'insert': {
      const text = doc.getText(op.field);
      const words = op.words.join('');
      const marker = nextMarker();
      const clock = Y.getState(doc.store, doc.clientID) + words.length;
      text.insert(outsideMarkers(text.toString(), op.at), words + marker);
      return [{ text: marker, client: doc.clientID, clock }];
    }
    case 'delete': {
      const text = doc.getText(op.field);
      const current = text.toString();
      const start = outsideMarkers(current, op.at);
      const nextMarkerStart = markerSpans(current).find(([s]) => s >= start)?.[0] ?? current.length;
      const end = Math.min(start + op.length, nextMarkerStart);
      if (end <= start) return null;
      text.delete(start, end - start);
      return [];
    }
    case 'format': {
      const text = doc.getText(op.field);
      const start = Math.min(Math.floor((op.at / 1000) * text.length), text.length);
      const length = Math.min(op.length, text.length - start);
      if (length <= 0) return null;
      text.format(start, length, op.attributes);
      return [];
    }
    case 'meta':
      doc.getMap('meta').set(op.key, op.value);
      return [];
    case 'note': {
      const notes = doc.getArray<string>('notes');
      notes.insert(Math.min(op.at, notes.length), op.values);
      return [];
    }
  }
}

function resolveClient(sel: ClientSel): number {
  return 'tracked' in sel ? TRACKED_CLIENTS[sel.tracked % TRACKED_CLIENTS.length]! : sel.id;
}

function resolveClock(sel: ClockSel, client: number, serverState: ServerState): number {
  return 'abs' in sel ? sel.abs : Math.max(0, serverState(client) + sel.next);
}

/** Builds a crafted update against what the server holds now (so "next clock" and "future clock" mean something). */
export function encodeCrafted(crafted: CraftedUpdate, serverState: ServerState): Uint8Array {
  const clients = crafted.groups.map((group) => {
    const client = resolveClient(group.client);
    const start = resolveClock(group.clock, client, serverState);
    const structs: RawStruct[] = group.filler === 'none' ? [] : [{ kind: group.filler, length: 2 }];
    let clock = start + structs.reduce((sum, s) => sum + rawStructLength(s), 0);
    for (const spec of group.items) {
      const item: RawItem = { kind: 'item', text: spec.text };
      let id: RawId | null = null;
      if (spec.ref.to === 'self') id = { client, clock: clock + spec.ref.ahead };
      if (spec.ref.to === 'other') {
        const refClient = resolveClient(spec.ref.client);
        id = { client: refClient, clock: resolveClock(spec.ref.clock, refClient, serverState) };
      }
      if (id && spec.ref.to !== 'none' && spec.ref.which !== 'parent') item[spec.ref.which] = id;
      else item.parent = id ? { id } : { key: spec.key };
      if (spec.key === 'meta' && !item.origin && !item.rightOrigin) item.parentSub = 'slug';
      structs.push(item);
      clock += rawStructLength(item);
    }
    return { client, clock: start, structs };
  });
  const deletes = crafted.deletes.map((range) => {
    const client = resolveClient(range.client);
    return { client, clock: resolveClock(range.clock, client, serverState), length: range.length };
  });
  return encodeRawUpdate({ clients, deletes });
}

function mutate(op: DeliveryOp, base: Uint8Array): Uint8Array {
  const bytes = Uint8Array.from(base);
  switch (op.kind) {
    case 'truncate':
      return bytes.slice(0, Math.floor((op.keep / 1000) * bytes.length));
    case 'flip':
      for (const bit of op.bits) {
        const at = bit % (bytes.length * 8);
        bytes[at >> 3]! ^= 1 << (at & 7);
      }
      return bytes;
    case 'splice': {
      const at = Math.floor((op.at / 1000) * (bytes.length + 1));
      return Uint8Array.from([...bytes.slice(0, at), ...op.bytes, ...bytes.slice(at + op.remove)]);
    }
    case 'append':
      return Uint8Array.from([...bytes, ...op.bytes]);
    default:
      return bytes;
  }
}

/**
 * Lays out what reaches the server: the operations consume the genuine updates in order (next,
 * drop, swap, merge) or add others (repeats, early copies, mutants, crafted and random bytes);
 * whatever genuine updates are left afterwards are delivered in order.
 */
export function planDeliveries(genuine: GenuineUpdate[], ops: DeliveryOp[]): PlannedDelivery[] {
  const planned: PlannedDelivery[] = [];
  let p = 0;
  const as = (update: GenuineUpdate, note = ''): Delivery => ({ ...update, label: update.label + note });
  const fixed = (together: boolean, delivery: Delivery) => planned.push({ together, make: () => delivery });
  const targetOf = (offset: number): GenuineUpdate =>
    genuine.length === 0
      ? { bytes: EMPTY_UPDATE, label: 'empty update', markers: [] }
      : genuine[(p + offset) % genuine.length]!;

  for (const op of ops) {
    switch (op.kind) {
      case 'next':
        if (p < genuine.length) fixed(op.together, as(genuine[p++]!));
        break;
      case 'drop':
        p = Math.min(p + 1, genuine.length);
        break;
      case 'swap':
        if (p + 1 < genuine.length) {
          fixed(op.together, as(genuine[p + 1]!, ' swapped'));
          fixed(op.together, as(genuine[p]!, ' swapped'));
          p += 2;
        }
        break;
      case 'repeat':
        if (p > 0) fixed(op.together, as(genuine[Math.max(0, p - 1 - op.back)]!, ' again')); // p never passes the end
        break;
      case 'ahead':
        if (p + op.by < genuine.length) fixed(op.together, as(genuine[p + op.by]!, ' early'));
        break;
      case 'merge': {
        const parts = genuine.slice(p, p + op.count);
        p += parts.length;
        if (parts.length > 0)
          fixed(op.together, {
            bytes: Y.mergeUpdates(parts.map((u) => u.bytes)),
            label: `merged: ${parts.map((u) => u.label).join(' + ')}`,
            markers: parts.flatMap((u) => u.markers),
          });
        break;
      }
      case 'truncate':
      case 'flip':
      case 'splice':
      case 'append': {
        const base = targetOf(op.target);
        fixed(op.together, { bytes: mutate(op, base.bytes), label: `${op.kind}: ${base.label}`, markers: null });
        break;
      }
      case 'mergeWith': {
        const base = targetOf(op.target);
        planned.push({
          together: op.together,
          make: (state) => {
            const crafted = encodeCrafted(op.crafted, state);
            try {
              const bytes = Y.mergeUpdates([base.bytes, crafted]);
              return { bytes, label: `mergeWith: crafted merged into ${base.label}`, markers: null };
            } catch {
              return { bytes: crafted, label: 'mergeWith: crafted (mergeUpdates refused it)', markers: null };
            }
          },
        });
        break;
      }
      case 'random':
        fixed(op.together, { bytes: op.bytes, label: 'random bytes', markers: null });
        break;
      case 'crafted':
        planned.push({
          together: op.together,
          make: (state) => ({ bytes: encodeCrafted(op.crafted, state), label: 'crafted', markers: null }),
        });
        break;
      case 'raw':
        fixed(op.together, { bytes: Uint8Array.from(Buffer.from(op.hex, 'hex')), label: 'raw', markers: null });
        break;
    }
  }
  for (; p < genuine.length; p++) fixed(false, as(genuine[p]!));
  return planned;
}
