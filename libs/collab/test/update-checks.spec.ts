import { describe, expect, it } from '@jest/globals';
import * as Y from 'yjs';
import { checkUpdate } from '../src/update-validation.js';
import { takeIfComplete } from '../src/update-dependencies.js';
import { neighboursInOrder } from '../src/item-neighbours.js';
import { resendsMatch } from '../src/resent-structs.js';
import { encodeRawUpdate, type RawUpdate } from './raw-update.encoder.js';

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

describe('the shape of an update', () => {
  it.each([
    ['bytes that are not an update', hex('ff00ff'), 'not a Yjs v1 update'],
    ['an origin at its own future clock', hex('0101b2f2190084b2f21905016100'), 'refers to its own client'],
    ['a right origin at its own future clock', hex('0101b2f2190044b2f21905016100'), 'refers to its own client'],
    [
      'the same item on both sides',
      hex('0101b3c50609c4b3c50601b3c506011cd8a7d984d8add983d988d985d8a973616964efb7bae29fa632e29fa700'),
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
    ['an empty delete range', raw({ deletes: [{ client: 5, clock: 0, length: 0 }] }), 'empty delete range'],
  ])('refuses %s as INVALID_UPDATE', (_, bytes, reason) => {
    const check = checkUpdate(bytes, LIMIT);
    expect(check).toMatchObject({ ok: false, problem: 'INVALID_UPDATE' });
    expect(!check.ok && check.reason).toContain(reason);
  });

  it('refuses an update over the limit as TOO_LARGE, and takes typing and an empty update', () => {
    expect(checkUpdate(new Uint8Array(LIMIT + 1), LIMIT)).toMatchObject({ ok: false, problem: 'TOO_LARGE' });
    expect(checkUpdate(typed(new Y.Doc(), 'مرحبا'), LIMIT)).toMatchObject({ ok: true, update: { empty: false } });
    expect(checkUpdate(hex('0000'), LIMIT)).toMatchObject({ ok: true, update: { empty: true } });
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
