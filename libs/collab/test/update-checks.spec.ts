import { describe, expect, it } from '@jest/globals';
import * as Y from 'yjs';
import { checkUpdate } from '../src/update-validation.js';
import { takeIfComplete } from '../src/update-dependencies.js';
import { neighboursInOrder } from '../src/item-neighbours.js';
import { resendsMatch } from '../src/resent-structs.js';
import { encodeRawUpdate, type RawItem, type RawUpdate } from './raw-update.encoder.js';

const LIMIT = 256 * 1024;
const hex = (value: string) => Uint8Array.from(Buffer.from(value, 'hex'));
const raw = (update: Partial<RawUpdate>) => encodeRawUpdate({ clients: [], deletes: [], ...update });
const typed = (doc: Y.Doc, text: string, at = doc.getText('body').length) => {
  const before = Y.encodeStateVector(doc);
  doc.getText('body').insert(at, text);
  return Y.encodeStateAsUpdate(doc, before);
};
const inspected = (bytes: Uint8Array) => {
  const check = checkUpdate(bytes, LIMIT);
  if (!check.ok) throw new Error(check.reason);
  return check.update;
};

/** A struct of client 5 at `clock` whose references are given by the row. */
const item = (clock: number, refs: Partial<Pick<RawItem, 'origin' | 'rightOrigin' | 'parent'>>, text = 'a') =>
  raw({ clients: [{ client: 5, clock, structs: [{ kind: 'item', ...refs, text }] }] });
const filler = (kind: 'gc' | 'skip', length: number, clock = 0, client = 3) =>
  raw({ clients: [{ client, clock, structs: [{ kind, length }] }] });
const MAX_CLIENT = 2 ** 32 - 1;
const MAX_CLOCK = 2 ** 40;
const withSubdocument = () => {
  const doc = new Y.Doc();
  doc.getMap('meta').set('embedded', new Y.Doc());
  return Y.encodeStateAsUpdate(doc);
};
const deleting = () => {
  const doc = new Y.Doc();
  doc.getText('body').insert(0, 'خبر عاجل');
  const before = Y.encodeStateVector(doc);
  doc.getText('body').delete(0, 4);
  return Y.encodeStateAsUpdate(doc, before);
};
const typing = typed(new Y.Doc(), 'مرحبا');

describe('the shape of an update (checkUpdate)', () => {
  it.each<[string, Uint8Array, string]>([
    ['bytes that are not an update', hex('ff00ff'), 'not a Yjs v1 update'],
    ['no bytes at all', new Uint8Array(0), 'not a Yjs v1 update'],
    ['a truncated update', typing.slice(0, -3), 'not a Yjs v1 update'],
    ['an origin at its own future clock', hex('0101b2f2190084b2f21905016100'), 'refers to its own client'],
    ['a right origin at its own future clock', hex('0101b2f2190044b2f21905016100'), 'refers to its own client'],
    ['an origin at its own clock', item(3, { origin: { client: 5, clock: 3 } }), "refers to its own client's clock 3"],
    ['a right origin later than itself', item(3, { rightOrigin: { client: 5, clock: 4 } }), "own client's clock 4"],
    ['a parent item at its own clock', item(0, { parent: { id: { client: 5, clock: 0 } } }), "own client's clock 0"],
    [
      'the same item on both sides',
      hex('0101b3c50609c4b3c50601b3c506011cd8a7d984d8add983d988d985d8a973616964efb7bae29fa632e29fa700'),
      'same item on its left and on its right',
    ],
    [
      'the same item of another client on both sides',
      item(0, { origin: { client: 6, clock: 1 }, rightOrigin: { client: 6, clock: 1 } }),
      'same item on its left and on its right',
    ],
    [
      'a client written twice',
      raw({
        clients: [
          { client: 5, clock: 0, structs: [{ kind: 'item', parent: { key: 'body' }, text: 'a' }] },
          { client: 5, clock: 1, structs: [{ kind: 'item', origin: { client: 5, clock: 0 }, text: 'b' }] },
        ],
      }),
      'written twice',
    ],
    [
      'a client written twice, another client between',
      raw({
        clients: [
          { client: 5, clock: 0, structs: [{ kind: 'item', text: 'a' }] },
          { client: 6, clock: 0, structs: [{ kind: 'item', text: 'b' }] },
          { client: 5, clock: 1, structs: [{ kind: 'item', origin: { client: 5, clock: 0 }, text: 'c' }] },
        ],
      }),
      'client 5 is written twice',
    ],
    ['a client run with no structs', raw({ clients: [{ client: 3, clock: 0, structs: [] }] }), 'with no structs'],
    ['an empty string item', item(0, {}, ''), 'an empty struct at 5:0'],
    ['an empty garbage-collected range', filler('gc', 0), 'an empty struct at 3:0'],
    ['an empty skip', filler('skip', 0), 'an empty struct at 3:0'],
    ['a client id above 2^32-1', filler('gc', 1, 0, MAX_CLIENT + 1), 'an id out of range (4294967296:0)'],
    ['a struct that ends past clock 2^40', filler('gc', 2, MAX_CLOCK - 1), 'an id out of range'],
    [
      'an origin on a client id above 2^32-1',
      item(0, { origin: { client: MAX_CLIENT + 1, clock: 0 } }),
      'out of range',
    ],
    ['an origin at clock 2^40', item(0, { origin: { client: 6, clock: MAX_CLOCK } }), 'an id out of range'],
    ['an empty delete range', raw({ deletes: [{ client: 5, clock: 0, length: 0 }] }), 'empty delete range'],
    ['a delete past clock 2^40', raw({ deletes: [{ client: 5, clock: MAX_CLOCK, length: 1 }] }), 'out of range'],
    [
      'a delete of a client id above 2^32-1',
      raw({ deletes: [{ client: MAX_CLIENT + 1, clock: 0, length: 1 }] }),
      'out of range',
    ],
    ['a subdocument', withSubdocument(), 'subdocuments are not supported'],
  ])('refuses %s as INVALID_UPDATE', (_, bytes, reason) => {
    const check = checkUpdate(bytes, LIMIT);
    expect(check).toMatchObject({ ok: false, problem: 'INVALID_UPDATE' });
    expect(!check.ok && check.reason).toContain(reason);
  });

  it.each<[string, Uint8Array, number, object]>([
    ['exactly at the limit is taken', typing, typing.byteLength, { ok: true }],
    [
      'one byte over the limit is TOO_LARGE',
      typing,
      typing.byteLength - 1,
      { ok: false, problem: 'TOO_LARGE', reason: `${typing.byteLength} bytes; at most ${typing.byteLength - 1}` },
    ],
    [
      'over the limit is TOO_LARGE whatever it holds, before anything is decoded',
      new Uint8Array(LIMIT + 1).fill(0xff),
      LIMIT,
      { ok: false, problem: 'TOO_LARGE', reason: `${LIMIT + 1} bytes; at most ${LIMIT}` },
    ],
  ])('checks the size first: an update %s', (_, bytes, limit, expected) => {
    expect(checkUpdate(bytes, limit)).toMatchObject(expected);
  });

  it.each<[string, Uint8Array, { empty: boolean; insertsNothing: boolean }]>([
    ['typing', typing, { empty: false, insertsNothing: false }],
    ['an empty update', hex('0000'), { empty: true, insertsNothing: true }],
    ['a delete', deleting(), { empty: false, insertsNothing: true }],
    [
      'a delete of ids the document may not hold (decided later)',
      raw({ deletes: [{ client: 5, clock: 0, length: 3 }] }),
      { empty: false, insertsNothing: true },
    ],
    ['a garbage-collected range only', filler('gc', 4), { empty: false, insertsNothing: true }],
    [
      'a skip before an item (a merged update with a hole)',
      raw({
        clients: [
          {
            client: 3,
            clock: 0,
            structs: [
              { kind: 'skip', length: 2 },
              { kind: 'item', origin: { client: 9, clock: 0 }, text: 'x' },
            ],
          },
        ],
      }),
      { empty: false, insertsNothing: false },
    ],
    [
      'an origin at an earlier clock of its own client',
      item(3, { origin: { client: 5, clock: 2 } }),
      { empty: false, insertsNothing: false },
    ],
    [
      'a parent item of another client',
      item(0, { parent: { id: { client: 6, clock: 0 } } }),
      { empty: false, insertsNothing: false },
    ],
    ['a struct of client 2^32-1', filler('gc', 1, 0, MAX_CLIENT), { empty: false, insertsNothing: true }],
    ['a struct ending exactly at clock 2^40', filler('gc', 1, MAX_CLOCK - 1), { empty: false, insertsNothing: true }],
    [
      'two clients, one run each',
      raw({
        clients: [
          { client: 5, clock: 0, structs: [{ kind: 'item', text: 'a' }] },
          { client: 6, clock: 0, structs: [{ kind: 'item', text: 'b' }] },
        ],
      }),
      { empty: false, insertsNothing: false },
    ],
  ])('takes %s', (_, bytes, expected) => {
    expect(checkUpdate(bytes, LIMIT)).toMatchObject({ ok: true, update: expected });
  });

  it('reports each client run and the delete set it decoded', () => {
    const update = inspected(
      raw({
        clients: [
          {
            client: 7,
            clock: 4,
            structs: [
              { kind: 'item', origin: { client: 1, clock: 0 }, text: 'ab' },
              { kind: 'gc', length: 3 },
            ],
          },
          { client: 8, clock: 0, structs: [{ kind: 'item', text: 'c' }] },
        ],
        deletes: [{ client: 1, clock: 2, length: 5 }],
      }),
    );
    expect(
      update.runs.map((run) => [run.client, run.structs.map((struct) => [struct.id.clock, struct.length])]),
    ).toEqual([
      [
        7,
        [
          [4, 2],
          [6, 3],
        ],
      ],
      [8, [[0, 1]]],
    ]);
    expect([...update.deletes]).toEqual([[1, [expect.objectContaining({ clock: 2, len: 5 })]]]);
  });

  // Yjs's v1 decoder stops after the delete set and ignores what follows, and a v2 update starts
  // with two zero bytes, which read as "no clients, no deletes": taken as empty, it would be acked
  // while nothing is stored.
  it.each([
    ['a Yjs v2 update', () => Y.encodeStateAsUpdateV2(typedDoc('نص لن يحفظ'))],
    ['an empty v2 update', () => Y.encodeStateAsUpdateV2(new Y.Doc())],
    ['a v1 update with a byte after it', () => withTail(Y.encodeStateAsUpdate(typedDoc('خبر')), [0])],
    ['an empty v1 update with bytes after it', () => withTail(Y.encodeStateAsUpdate(new Y.Doc()), [1, 2, 3])],
  ])('refuses %s', (_, bytes) => {
    expect(checkUpdate(bytes(), LIMIT)).toMatchObject({
      ok: false,
      problem: 'INVALID_UPDATE',
      reason: expect.stringContaining('bytes after the end'),
    });
  });

  it.each([
    ['an empty v1 update', () => Y.encodeStateAsUpdate(new Y.Doc())],
    ['a v1 update whose last varint takes several bytes', () => deletesAt(300)],
  ])('takes %s to its last byte', (_, bytes) => {
    expect(checkUpdate(bytes(), LIMIT)).toMatchObject({ ok: true });
  });
});

describe('what an update builds on', () => {
  it('takes updates that build on each other in order, and advances the state past each', () => {
    const doc = new Y.Doc();
    const first = typed(doc, 'أ');
    const second = typed(doc, 'ب');
    const state = new Map<number, number>();
    expect(takeIfComplete(inspected(second), new Map(state))).toBe(false);
    expect(takeIfComplete(inspected(first), state)).toBe(true);
    expect(takeIfComplete(inspected(second), state)).toBe(true);
    expect(state.get(doc.clientID)).toBe(2);
  });

  it('takes a merged update whose clients unblock each other, and refuses a circular one', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const fromA = typed(a, 'one ');
    Y.applyUpdate(b, fromA);
    const fromB = typed(b, 'two ');
    expect(takeIfComplete(inspected(Y.mergeUpdates([fromB, fromA])), new Map())).toBe(true);
    const circular = raw({
      clients: [
        { client: 7, clock: 0, structs: [{ kind: 'item', origin: { client: 8, clock: 0 }, text: 'x' }] },
        { client: 8, clock: 0, structs: [{ kind: 'item', origin: { client: 7, clock: 0 }, text: 'y' }] },
      ],
    });
    expect(takeIfComplete(inspected(circular), new Map())).toBe(false);
  });

  it('refuses deletes of content the document does not hold', () => {
    const deletes = raw({ deletes: [{ client: 9, clock: 0, length: 3 }] });
    expect(takeIfComplete(inspected(deletes), new Map())).toBe(false);
    expect(takeIfComplete(inspected(deletes), new Map([[9, 3]]))).toBe(true);
  });
});

describe('items checked against the document', () => {
  it('refuses neighbours out of list order and takes ordinary typing', () => {
    const doc = new Y.Doc();
    doc.clientID = 1;
    typed(doc, 'abc');
    const crossed = raw({
      clients: [
        {
          client: 2,
          clock: 0,
          structs: [{ kind: 'item', origin: { client: 1, clock: 2 }, rightOrigin: { client: 1, clock: 0 }, text: 'x' }],
        },
      ],
    });
    expect(neighboursInOrder(doc, inspected(crossed))).toBe(false);
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    expect(neighboursInOrder(doc, inspected(typed(other, 'x', 1)))).toBe(true);
  });

  it('takes ids sent again with the same content and refuses them with other content', () => {
    const doc = new Y.Doc();
    const writer = new Y.Doc();
    const update = typed(writer, 'خبر');
    Y.applyUpdate(doc, update);
    expect(resendsMatch(doc, inspected(update))).toBe(true);
    const forged = raw({
      clients: [
        { client: writer.clientID, clock: 0, structs: [{ kind: 'item', parent: { key: 'body' }, text: 'xyz' }] },
      ],
    });
    expect(resendsMatch(doc, inspected(forged))).toBe(false);
  });
});

function typedDoc(text: string): Y.Doc {
  const doc = new Y.Doc();
  doc.getText('body').insert(0, text);
  return doc;
}

function withTail(update: Uint8Array, tail: number[]): Uint8Array {
  return Uint8Array.from([...update, ...tail]);
}

/** An update deleting `length` characters, so its delete set ends with a multi-byte varint. */
function deletesAt(length: number): Uint8Array {
  const doc = typedDoc('x'.repeat(length));
  const before = Y.encodeStateVector(doc);
  doc.getText('body').delete(0, length);
  return Y.encodeStateAsUpdate(doc, before);
}
