/**
 * The one check of a client's cursor: null, or `{ anchor, head }`, each a relative position as
 * `Y.relativePositionToJSON` writes it. Only that shape is accepted, so what is broadcast to
 * everyone in the draft is small and harmless whatever the client sent.
 */
import type { Cursor, RelativePositionJson } from '#contracts';
import { DomainError } from '#domain';

const POSITION_KEYS = ['type', 'tname', 'item', 'assoc'];
// Root type names are short ('body', 'headline'); anything longer is not a position on them.
const MAX_TYPE_NAME = 64;
const MAX_UINT32 = 0xffffffff;

function invalid(message: string): never {
  throw new DomainError('INVALID_PAYLOAD', message);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

/** A Yjs ID: a client id (uint32) and a clock (a non-negative safe integer). */
function id(value: unknown, field: string): { client: number; clock: number } {
  if (!isPlainObject(value) || Object.keys(value).some((key) => key !== 'client' && key !== 'clock'))
    invalid(`${field} must be { client, clock }`);
  const { client, clock } = value;
  if (!Number.isInteger(client) || (client as number) < 0 || (client as number) > MAX_UINT32)
    invalid(`${field}.client must be a Yjs client id`);
  if (!Number.isSafeInteger(clock) || (clock as number) < 0) invalid(`${field}.clock must be a Yjs clock`);
  return { client: client as number, clock: clock as number };
}

function position(value: unknown, field: string): RelativePositionJson {
  if (!isPlainObject(value)) invalid(`${field} must be a relative position (Y.relativePositionToJSON)`);
  const unknown = Object.keys(value).filter((key) => !POSITION_KEYS.includes(key));
  if (unknown.length > 0) invalid(`${field} has unknown field(s): ${unknown.join(', ')}`);
  const json: RelativePositionJson = {};
  if (value.type != null) json.type = id(value.type, `${field}.type`);
  if (value.tname != null) {
    if (typeof value.tname !== 'string' || value.tname.length > MAX_TYPE_NAME)
      invalid(`${field}.tname must be a type name`);
    json.tname = value.tname;
  }
  if (value.item != null) json.item = id(value.item, `${field}.item`);
  if (value.assoc != null) {
    if (!Number.isSafeInteger(value.assoc)) invalid(`${field}.assoc must be an integer`);
    json.assoc = value.assoc;
  }
  return json;
}

export function parseCursor(value: unknown): Cursor | null {
  if (value === null) return null;
  if (!isPlainObject(value)) invalid('cursor must be null or { anchor, head }');
  const unknown = Object.keys(value).filter((key) => key !== 'anchor' && key !== 'head');
  if (unknown.length > 0) invalid(`cursor has unknown field(s): ${unknown.join(', ')}`);
  return { anchor: position(value.anchor, 'cursor.anchor'), head: position(value.head, 'cursor.head') };
}
