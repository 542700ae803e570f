/**
 * Hand-encodes Yjs v1 updates, so a test can build what no Y.Doc would ever emit: items whose
 * origin, right origin or parent is their own (or a later) clock, clocks far in the future, client
 * ids at the edges of the 32-bit range, and delete sets naming ids nobody created.
 */
import * as encoding from 'lib0/encoding';
import { DOCUMENT_FIELDS } from '#contracts';

export interface RawId {
  client: number;
  clock: number;
}

/** An item with string content. Without origin and right origin it names its parent: a root type's key or an item id. */
export interface RawItem {
  kind: 'item';
  origin?: RawId;
  rightOrigin?: RawId;
  parent?: { key: string } | { id: RawId };
  parentSub?: string;
  text: string;
}

/** A garbage-collected range, or a skip (a hole inside a merged update). */
export interface RawFiller {
  kind: 'gc' | 'skip';
  length: number;
}

export type RawStruct = RawItem | RawFiller;

/** One client's structs, the first at `clock` and each following at the clock after the one before. */
export interface RawClientStructs {
  client: number;
  clock: number;
  structs: RawStruct[];
}

export interface RawDeleteRange {
  client: number;
  clock: number;
  length: number;
}

export interface RawUpdate {
  clients: RawClientStructs[];
  deletes: RawDeleteRange[];
}

// Flag bits and content refs of an item's info byte (yjs Item.write).
const HAS_ORIGIN = 0x80;
const HAS_RIGHT_ORIGIN = 0x40;
const HAS_PARENT_SUB = 0x20;
const GC_REF = 0;
const STRING_REF = 4;
const SKIP_REF = 10;

/** The UTF-16 length Yjs gives string content: its clock span. */
export function rawStructLength(struct: RawStruct): number {
  return struct.kind === 'item' ? struct.text.length : struct.length;
}

function writeId(encoder: encoding.Encoder, id: RawId): void {
  encoding.writeVarUint(encoder, id.client);
  encoding.writeVarUint(encoder, id.clock);
}

function writeStruct(encoder: encoding.Encoder, struct: RawStruct): void {
  if (struct.kind !== 'item') {
    encoding.writeUint8(encoder, struct.kind === 'gc' ? GC_REF : SKIP_REF);
    encoding.writeVarUint(encoder, struct.length);
    return;
  }
  const info =
    STRING_REF |
    (struct.origin ? HAS_ORIGIN : 0) |
    (struct.rightOrigin ? HAS_RIGHT_ORIGIN : 0) |
    (struct.parentSub !== undefined ? HAS_PARENT_SUB : 0);
  encoding.writeUint8(encoder, info);
  if (struct.origin) writeId(encoder, struct.origin);
  if (struct.rightOrigin) writeId(encoder, struct.rightOrigin);
  if (!struct.origin && !struct.rightOrigin) {
    const parent = struct.parent ?? { key: DOCUMENT_FIELDS.body };
    if ('key' in parent) {
      encoding.writeVarUint(encoder, 1);
      encoding.writeVarString(encoder, parent.key);
    } else {
      encoding.writeVarUint(encoder, 0);
      writeId(encoder, parent.id);
    }
    if (struct.parentSub !== undefined) encoding.writeVarString(encoder, struct.parentSub);
  }
  encoding.writeVarString(encoder, struct.text);
}

/** Encodes exactly what it is given, in the given order: nothing is checked or sorted. */
export function encodeRawUpdate(update: RawUpdate): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, update.clients.length);
  for (const group of update.clients) {
    encoding.writeVarUint(encoder, group.structs.length);
    encoding.writeVarUint(encoder, group.client);
    encoding.writeVarUint(encoder, group.clock);
    for (const struct of group.structs) writeStruct(encoder, struct);
  }
  const byClient = new Map<number, RawDeleteRange[]>();
  for (const range of update.deletes) byClient.set(range.client, [...(byClient.get(range.client) ?? []), range]);
  encoding.writeVarUint(encoder, byClient.size);
  for (const [client, ranges] of byClient) {
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, ranges.length);
    for (const range of ranges) {
      encoding.writeVarUint(encoder, range.clock);
      encoding.writeVarUint(encoder, range.length);
    }
  }
  return encoding.toUint8Array(encoder);
}
