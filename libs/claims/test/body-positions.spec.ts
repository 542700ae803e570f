import { describe, expect, it } from '@jest/globals';
import * as Y from 'yjs';
import { BodyPositions } from '#claims';
import { DOCUMENT_FIELDS, type RelativePositionJson } from '#contracts';

const WORDS = ['شباط ', 'العضو رقم 90 ', '٪ ', 'the 90th ', '\u064E', 'x', ' ', '\n', '3.5 مليون '];

/** A small deterministic generator (mulberry32): the same seed, the same edits. */
function random(seed: number): (below: number) => number {
  let state = seed >>> 0;
  return (below) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * below);
  };
}

/**
 * Three writers editing one body concurrently (inserts, deletes, formatting marks, which are items
 * that count for nothing), synced at random moments, then merged into one document.
 */
function editedDocument(seed: number, edits: number): Y.Doc {
  const next = random(seed);
  const writers = [1, 2, 3].map((clientID) => {
    const doc = new Y.Doc();
    doc.clientID = clientID;
    return doc;
  });
  writers[0]!.getText(DOCUMENT_FIELDS.body).insert(0, 'انضمت سوريا بصفتها العضو رقم 90 في التحالف.');
  for (let i = 0; i < edits; i++) {
    const doc = writers[next(writers.length)]!;
    const body = doc.getText(DOCUMENT_FIELDS.body);
    const at = next(body.length + 1);
    const choice = next(10);
    if (choice < 6) body.insert(at, WORDS[next(WORDS.length)]!);
    else if (choice < 9 && body.length > 0) body.delete(Math.min(at, body.length - 1), 1 + next(5));
    else if (body.length > 0) body.format(Math.min(at, body.length - 1), 1 + next(4), { bold: next(2) === 0 || null });
    if (next(4) === 0) {
      const from = writers[next(writers.length)]!;
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(from, Y.encodeStateVector(doc)));
    }
  }
  const merged = new Y.Doc();
  for (const doc of writers) Y.applyUpdate(merged, Y.encodeStateAsUpdate(doc));
  merged.getText(DOCUMENT_FIELDS.headline).insert(0, 'عنوان');
  return merged;
}

/** Every id of every item of the body, deleted ones and the characters inside merged items too. */
function bodyIds(doc: Y.Doc): { client: number; clock: number }[] {
  const ids: { client: number; clock: number }[] = [];
  for (let item = doc.getText(DOCUMENT_FIELDS.body)._start; item !== null; item = item.right) {
    for (let k = 0; k < item.length; k++) ids.push({ client: item.id.client, clock: item.id.clock + k });
  }
  return ids;
}

const yjsIndex = (doc: Y.Doc, position: RelativePositionJson) =>
  Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(position), doc)?.index ?? null;

describe('body positions', () => {
  it.each([1, 2, 3, 4, 5, 6])('make and resolve positions exactly as Yjs does (edits seeded %i)', (seed) => {
    const doc = editedDocument(seed, 300);
    const body = doc.getText(DOCUMENT_FIELDS.body);
    const positions = BodyPositions.of(doc);
    expect(positions.text).toBe(body.toString());
    expect(positions.length).toBe(body.length);

    for (let index = 0; index <= body.length + 1; index++) {
      for (const assoc of [0, -1, 1]) {
        const made = positions.positionAt(index, assoc);
        expect(made).toEqual(Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(body, index, assoc)));
        expect(positions.indexOf(made)).toBe(yjsIndex(doc, made));
      }
    }
    for (const item of bodyIds(doc)) {
      for (const assoc of [0, -1]) {
        const position = { tname: DOCUMENT_FIELDS.body, item, assoc };
        expect(positions.indexOf(position)).toBe(yjsIndex(doc, position));
      }
    }
  });

  it('finds nothing for positions outside the body, or not in the document yet', () => {
    const doc = editedDocument(7, 50);
    const positions = BodyPositions.of(doc);
    const headline = doc.getText(DOCUMENT_FIELDS.headline);
    const inHeadline = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(headline, 2));
    expect(yjsIndex(doc, inHeadline)).toBe(2); // Yjs answers for whatever type holds the item
    expect(positions.indexOf(inHeadline)).toBeNull();
    expect(positions.indexOf({ tname: DOCUMENT_FIELDS.headline, assoc: 0 })).toBeNull();
    expect(positions.indexOf({ tname: DOCUMENT_FIELDS.body, item: { client: 1, clock: 1e9 }, assoc: 0 })).toBeNull();
    expect(positions.indexOf({ tname: DOCUMENT_FIELDS.body, item: { client: 99, clock: 0 }, assoc: 0 })).toBeNull();
    expect(positions.indexOf({ tname: DOCUMENT_FIELDS.body, item: 'x', assoc: 0 })).toBeNull();
    expect(positions.indexOf({ tname: DOCUMENT_FIELDS.body, assoc: 0 })).toBe(positions.length);
    expect(positions.indexOf({ tname: DOCUMENT_FIELDS.body, assoc: -1 })).toBe(0);
  });

  it('knows the characters the document held when it was read, not those written since', () => {
    const doc = editedDocument(8, 40);
    const body = doc.getText(DOCUMENT_FIELDS.body);
    const positions = BodyPositions.of(doc);
    const before = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(body, 3));
    body.insert(0, 'جديد');
    const after = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(body, 1));
    expect(positions.knows(before)).toBe(true);
    expect(positions.knows(after)).toBe(false);
    expect(positions.knows({ tname: DOCUMENT_FIELDS.body, assoc: 0 })).toBe(true);
    expect(BodyPositions.of(doc).knows(after)).toBe(true);
  });

  it('reads an empty document without giving it a body', () => {
    const doc = new Y.Doc();
    const positions = BodyPositions.of(doc);
    expect(positions.text).toBe('');
    expect(positions.positionAt(0)).toEqual({ tname: DOCUMENT_FIELDS.body, assoc: 0 });
    expect(positions.positionAt(0, -1)).toEqual({ tname: DOCUMENT_FIELDS.body, assoc: -1 });
    expect(doc.share.has(DOCUMENT_FIELDS.body)).toBe(false);
  });
});
