import * as Y from 'yjs';

/** One client's structs in an update, in clock order (Yjs writes each client's structs as one run). */
export interface ClientRun {
  client: number;
  structs: (Y.Item | Y.GC | Y.Skip)[];
}

/** A decoded update that passed every check that does not depend on the document's state. */
export interface InspectedUpdate {
  runs: ClientRun[];
  deletes: Map<number, { clock: number; len: number }[]>;
  /** Inserts nothing: deletes only, or nothing at all. */
  insertsNothing: boolean;
  empty: boolean;
}

export type UpdateProblem = 'INVALID_UPDATE' | 'TOO_LARGE';

export type UpdateCheck = { ok: true; update: InspectedUpdate } | { ok: false; problem: UpdateProblem; reason: string };

// Yjs client ids are 32-bit unsigned; clocks stay far below this in any real document.
const MAX_CLIENT = 0xffffffff;
const MAX_CLOCK = 2 ** 40;

class Refused extends Error {}

function refuse(reason: string): never {
  throw new Refused(reason);
}

/**
 * Checks bytes before anything is stored or applied: a well-formed Yjs v1 update within the
 * size limit, whose every struct Yjs can integrate once its dependencies are present. Decoding
 * walks every struct and the delete set, so truncated or random bytes fail here; the shape rules
 * below close the ways a decodable update can still make `Y.applyUpdate` throw (docs/collab.md,
 * "What the server accepts"). Whether the dependencies are present is decided later, against the
 * document (update-dependencies.ts).
 */
export function checkUpdate(bytes: Uint8Array, maxBytes: number): UpdateCheck {
  if (bytes.byteLength > maxBytes) {
    return { ok: false, problem: 'TOO_LARGE', reason: `${bytes.byteLength} bytes; at most ${maxBytes}` };
  }
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(bytes);
  } catch {
    return { ok: false, problem: 'INVALID_UPDATE', reason: 'not a Yjs v1 update' };
  }
  if (hasTrailingBytes(bytes)) {
    return { ok: false, problem: 'INVALID_UPDATE', reason: 'bytes after the end of the update (a Yjs v2 update?)' };
  }
  try {
    const runs = clientRuns(decoded.structs as (Y.Item | Y.GC | Y.Skip)[], declaredClientCount(bytes));
    for (const run of runs) run.structs.forEach(checkStruct);
    const deletes = checkedDeletes(decoded.ds);
    const insertsNothing = runs.every((run) => run.structs.every((s) => !(s instanceof Y.Item)));
    return { ok: true, update: { runs, deletes, insertsNothing, empty: runs.length === 0 && deletes.size === 0 } };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, problem: 'INVALID_UPDATE', reason: error.message };
    throw error;
  }
}

/**
 * Groups structs by client. Yjs keeps only the last run it reads for a client, so a client
 * written twice (or a run with no structs, which decodes to nothing) would make Yjs integrate
 * something other than what is checked here: refused.
 */
function clientRuns(structs: readonly (Y.Item | Y.GC | Y.Skip)[], declared: number): ClientRun[] {
  const runs: ClientRun[] = [];
  const seen = new Set<number>();
  for (const struct of structs) {
    const { client } = struct.id;
    const current = runs.at(-1);
    if (current?.client === client) {
      current.structs.push(struct);
      continue;
    }
    if (seen.has(client)) refuse(`client ${client} is written twice`);
    seen.add(client);
    runs.push({ client, structs: [struct] });
  }
  if (runs.length !== declared) refuse('a client is written twice or with no structs');
  return runs;
}

function checkStruct(struct: Y.Item | Y.GC | Y.Skip): void {
  const { client, clock } = struct.id;
  checkId(client, clock, struct.length);
  if (struct.length < 1) refuse(`an empty struct at ${client}:${clock}`);
  if (!(struct instanceof Y.Item)) return;
  // Subdocuments are not part of a draft's document model.
  if (struct.content instanceof Y.ContentDoc) refuse('subdocuments are not supported');
  // An item's references to its own client must point before it: Yjs looks them up without
  // checking that they exist (the item that bricked drafts pointed at its own future clock).
  if (struct.origin && struct.rightOrigin && Y.compareIDs(struct.origin, struct.rightOrigin)) {
    refuse(`item ${client}:${clock} has the same item on its left and on its right`);
  }
  const references = [struct.origin, struct.rightOrigin, struct.parent instanceof Y.ID ? struct.parent : null];
  for (const ref of references) {
    if (!ref) continue;
    checkId(ref.client, ref.clock, 1);
    if (ref.client === client && ref.clock >= clock) {
      refuse(`item ${client}:${clock} refers to its own client's clock ${ref.clock}`);
    }
  }
}

function checkId(client: number, clock: number, length: number): void {
  if (!(client >= 0 && client <= MAX_CLIENT && clock >= 0 && clock + length <= MAX_CLOCK)) {
    refuse(`an id out of range (${client}:${clock})`);
  }
}

function checkedDeletes(ds: ReturnType<typeof Y.decodeUpdate>['ds']): Map<number, { clock: number; len: number }[]> {
  const deletes = new Map<number, { clock: number; len: number }[]>();
  for (const [client, ranges] of ds.clients) {
    for (const range of ranges) {
      if (range.len < 1) refuse(`an empty delete range of client ${client}`);
      checkId(client, range.clock, range.len);
    }
    deletes.set(client, ranges);
  }
  return deletes;
}

/**
 * Whether the update goes on after what Yjs reads. Yjs's v1 decoder stops after the delete set and
 * ignores the rest, so a v2 update (which starts with two zero bytes: "no structs, no deletes")
 * would be taken as empty and acked while nothing is stored. A v1 update always ends with a
 * varint of its delete set, so if decoding all but the last byte still succeeds, that byte (and
 * whatever follows the update) was never read.
 */
function hasTrailingBytes(bytes: Uint8Array): boolean {
  try {
    Y.decodeUpdate(bytes.subarray(0, bytes.byteLength - 1));
    return true;
  } catch {
    return false;
  }
}

/** The number of client runs an update declares: its first varint. */
function declaredClientCount(bytes: Uint8Array): number {
  let value = 0;
  let shift = 0;
  for (const byte of bytes) {
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return value;
    shift += 7;
  }
  return 0;
}
