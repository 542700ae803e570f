/**
 * fast-check arbitraries for the update-path fuzz suite. A scenario is plain data: what simulated
 * clients edit, and how their updates reach the server (in order, reordered, duplicated, dropped,
 * mutated, merged, or replaced by hand-crafted and random bytes). Being data, it shrinks well and
 * prints readably; update-scenario.builder.ts turns it into bytes.
 */
import fc from 'fast-check';
import { DOCUMENT_FIELD_NAMES, type DocumentField } from '#contracts';

/** Simulated editors. Their ids are three-byte varints, so a flipped continuation bit cannot turn one into another. */
export const TRACKED_CLIENTS = [0x1a2b3, 0x2c3d4, 0x3e4f5] as const;

export type EditOp =
  | { kind: 'insert'; client: number; field: DocumentField; at: number; words: string[] }
  | { kind: 'delete'; client: number; field: DocumentField; at: number; length: number }
  | {
      kind: 'format';
      client: number;
      field: DocumentField;
      at: number;
      length: number;
      attributes: Record<string, unknown>;
    }
  | { kind: 'meta'; client: number; key: string; value: string | number | boolean | null }
  | { kind: 'note'; client: number; at: number; values: string[] }
  /** The client receives everything `from` has (so its later edits depend on those). */
  | { kind: 'sync'; client: number; from: number };

/** A client id: one of the simulated editors, or a fixed id (0, 2^32-1, beyond 32 bits, random). */
export type ClientSel = { tracked: number } | { id: number };

/** A clock: absolute, or relative to what the server holds of that client right now (0 = its next clock). */
export type ClockSel = { abs: number } | { next: number };

export type RefSel =
  | { to: 'none' }
  | { to: 'self'; which: 'origin' | 'rightOrigin' | 'parent'; ahead: number }
  | { to: 'other'; which: 'origin' | 'rightOrigin' | 'parent'; client: ClientSel; clock: ClockSel };

export interface CraftedItem {
  ref: RefSel;
  key: DocumentField | 'meta' | 'notes';
  text: string;
}

export interface CraftedUpdate {
  groups: { client: ClientSel; clock: ClockSel; filler: 'none' | 'gc' | 'skip'; items: CraftedItem[] }[];
  deletes: { client: ClientSel; clock: ClockSel; length: number }[];
}

/** `target` picks a genuine update relative to the next one due (wrapping around). */
export type DeliveryOp = { together: boolean } & (
  | { kind: 'next' }
  | { kind: 'drop' }
  | { kind: 'swap' }
  | { kind: 'repeat'; back: number }
  | { kind: 'ahead'; by: number }
  | { kind: 'merge'; count: number }
  | { kind: 'truncate'; target: number; keep: number }
  | { kind: 'flip'; target: number; bits: number[] }
  | { kind: 'splice'; target: number; at: number; remove: number; bytes: Uint8Array }
  | { kind: 'append'; target: number; bytes: Uint8Array }
  | { kind: 'mergeWith'; target: number; crafted: CraftedUpdate }
  | { kind: 'random'; bytes: Uint8Array }
  | { kind: 'crafted'; crafted: CraftedUpdate }
  /** Exact bytes, for regression examples. */
  | { kind: 'raw'; hex: string }
);

export interface Scenario {
  initial: { headline: string; body: string } | null;
  compactEvery: number;
  maxUpdateBytes: number;
  maxDocumentBytes: number;
  /** Load the draft on a second manager before the first closes (snapshot plus log, not compacted yet). */
  peerLoad: boolean;
  edits: EditOp[];
  deliveries: DeliveryOp[];
}

const WORDS = ['خبر', 'عاجل', 'الحكومة', 'قال مصدر', 'breaking', 'minister', 'said', ' ', '\n', '📰', 'é', 'ﷺ'];
const HUGE_CLOCKS = [2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 40, 2 ** 53 - 1];
const EDGE_CLIENTS = [0, 1, 0xffffffff, 2 ** 32, 2 ** 53 - 1];

const client = fc.nat({ max: TRACKED_CLIENTS.length - 1 });
const position = fc.nat({ max: 1000 });
const field = fc.constantFrom(...DOCUMENT_FIELD_NAMES);

const editOp: fc.Arbitrary<EditOp> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('insert' as const),
      client,
      field,
      at: position,
      words: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('delete' as const),
      client,
      field,
      at: position,
      length: fc.integer({ min: 1, max: 12 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('format' as const),
      client,
      field,
      at: position,
      length: fc.integer({ min: 1, max: 12 }),
      attributes: fc.constantFrom<Record<string, unknown>>(
        { bold: true },
        { bold: null },
        { italic: true, link: 'https://example.test/' },
        { dir: 'rtl' },
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('meta' as const),
      client,
      key: fc.constantFrom('slug', 'desk', 'urgent'),
      value: fc.oneof(fc.constantFrom('عاجل', 'x'), fc.integer(), fc.boolean(), fc.constant(null)),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('note' as const),
      client,
      at: position,
      values: fc.array(fc.constantFrom('a', 'ملاحظة'), { minLength: 1, maxLength: 2 }),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('sync' as const), client, from: client }) },
);

const clientSel: fc.Arbitrary<ClientSel> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ tracked: client }) },
  { weight: 2, arbitrary: fc.record({ id: fc.constantFrom(...EDGE_CLIENTS) }) },
  { weight: 1, arbitrary: fc.record({ id: fc.nat({ max: 0xffffffff }) }) },
);

const clockSel: fc.Arbitrary<ClockSel> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ next: fc.integer({ min: -3, max: 5 }) }) },
  { weight: 2, arbitrary: fc.record({ abs: fc.nat({ max: 40 }) }) },
  { weight: 1, arbitrary: fc.record({ abs: fc.constantFrom(...HUGE_CLOCKS) }) },
);

const which = fc.constantFrom('origin' as const, 'rightOrigin' as const, 'parent' as const);

const refSel: fc.Arbitrary<RefSel> = fc.oneof(
  { weight: 2, arbitrary: fc.constant({ to: 'none' as const }) },
  { weight: 3, arbitrary: fc.record({ to: fc.constant('self' as const), which, ahead: fc.nat({ max: 4 }) }) },
  {
    weight: 2,
    arbitrary: fc.record({ to: fc.constant('other' as const), which, client: clientSel, clock: clockSel }),
  },
);

const craftedItem: fc.Arbitrary<CraftedItem> = fc.record({
  ref: refSel,
  key: fc.constantFrom<DocumentField | 'meta' | 'notes'>(...DOCUMENT_FIELD_NAMES, 'meta', 'notes'),
  text: fc.constantFrom('z', 'زاي', 'xy', '🙂'),
});

export const craftedUpdate: fc.Arbitrary<CraftedUpdate> = fc.record({
  groups: fc.array(
    fc.record({
      client: clientSel,
      clock: clockSel,
      filler: fc.constantFrom('none' as const, 'none' as const, 'gc' as const, 'skip' as const),
      items: fc.array(craftedItem, { minLength: 1, maxLength: 3 }),
    }),
    { maxLength: 2 },
  ),
  deletes: fc.array(
    fc.record({
      client: clientSel,
      clock: clockSel,
      length: fc.oneof(fc.integer({ min: 1, max: 6 }), fc.constantFrom(...HUGE_CLOCKS)),
    }),
    { maxLength: 3 },
  ),
});

const target = fc.nat({ max: 40 });
const together = fc.boolean();

function delivery<T extends object>(weight: number, fields: fc.Arbitrary<T>) {
  return { weight, arbitrary: fc.tuple(fields, together).map(([op, t]) => ({ ...op, together: t })) };
}

export const deliveryOp: fc.Arbitrary<DeliveryOp> = fc.oneof(
  delivery(12, fc.record({ kind: fc.constant('next' as const) })),
  delivery(1, fc.record({ kind: fc.constant('drop' as const) })),
  delivery(2, fc.record({ kind: fc.constant('swap' as const) })),
  delivery(2, fc.record({ kind: fc.constant('repeat' as const), back: fc.nat({ max: 5 }) })),
  delivery(1, fc.record({ kind: fc.constant('ahead' as const), by: fc.integer({ min: 1, max: 4 }) })),
  delivery(2, fc.record({ kind: fc.constant('merge' as const), count: fc.integer({ min: 2, max: 4 }) })),
  delivery(2, fc.record({ kind: fc.constant('truncate' as const), target, keep: fc.nat({ max: 999 }) })),
  delivery(
    2,
    fc.record({
      kind: fc.constant('flip' as const),
      target,
      bits: fc.array(fc.nat({ max: 4095 }), { minLength: 1, maxLength: 3 }),
    }),
  ),
  delivery(
    1,
    fc.record({
      kind: fc.constant('splice' as const),
      target,
      at: fc.nat({ max: 999 }),
      remove: fc.nat({ max: 3 }),
      bytes: fc.uint8Array({ maxLength: 4 }),
    }),
  ),
  delivery(1, fc.record({ kind: fc.constant('append' as const), target, bytes: fc.uint8Array({ maxLength: 6 }) })),
  delivery(1, fc.record({ kind: fc.constant('mergeWith' as const), target, crafted: craftedUpdate })),
  delivery(1, fc.record({ kind: fc.constant('random' as const), bytes: fc.uint8Array({ maxLength: 48 }) })),
  delivery(4, fc.record({ kind: fc.constant('crafted' as const), crafted: craftedUpdate })),
);

export const scenario: fc.Arbitrary<Scenario> = fc.record({
  initial: fc.option(
    fc.record({ headline: fc.constantFrom('', 'عنوان'), body: fc.constantFrom('', 'نص أول', 'first body') }),
    { freq: 3 },
  ),
  compactEvery: fc.constantFrom(2, 7, 1_000),
  maxUpdateBytes: fc.constantFrom(1024 * 1024, 1024 * 1024, 150),
  maxDocumentBytes: fc.constantFrom(2 * 1024 * 1024, 2 * 1024 * 1024, 600),
  peerLoad: fc.boolean(),
  // Many updates per draft: each scenario pays for a draft, two loads and a compaction once.
  edits: fc.array(editOp, { maxLength: 60, size: 'medium' }),
  deliveries: fc.array(deliveryOp, { maxLength: 40, size: 'medium' }),
});

/** A scenario that delivers exactly the given updates, one after another, to an empty draft. */
export function rawScenario(...hex: string[]): Scenario {
  return {
    initial: null,
    compactEvery: 1_000,
    maxUpdateBytes: 1024 * 1024,
    maxDocumentBytes: 2 * 1024 * 1024,
    peerLoad: true,
    edits: [],
    deliveries: hex.map((h) => ({ kind: 'raw', hex: h, together: false })),
  };
}
