import { describe, expect, it } from '@jest/globals';
import { outcomesAfterAppend, type DraftAfterAppend } from '../src/repositories/lost-append-resolver.js';

const drafts = (entries: Record<string, Partial<DraftAfterAppend>>) =>
  new Map(Object.entries(entries).map(([id, draft]) => [id, { found: true, writable: true, maxSeq: null, ...draft }]));

describe('outcomesAfterAppend', () => {
  it.each([
    ['nothing of the batch is stored', ['a', 'b'], drafts({ a: {}, b: { found: false } }), 'NOT_STORED'],
    [
      'consecutive seqs per draft, in submission order',
      ['a', 'b', 'a', 'a'],
      drafts({ a: { maxSeq: 12 }, b: { maxSeq: 4 } }),
      [
        { ok: true, seq: 10 },
        { ok: true, seq: 4 },
        { ok: true, seq: 11 },
        { ok: true, seq: 12 },
      ],
    ],
    [
      'locked and missing drafts beside stored ones',
      ['a', 'l', 'm'],
      drafts({ a: { maxSeq: 1 }, l: { writable: false }, m: { found: false } }),
      [
        { ok: true, seq: 1 },
        { ok: false, reason: 'LOCKED' },
        { ok: false, reason: 'NOT_FOUND' },
      ],
    ],
    ['a writable draft without rows beside stored ones', ['a', 'w'], drafts({ a: { maxSeq: 3 }, w: {} }), 'UNDECIDED'],
  ])('%s', (_, draftIds, found, expected) => {
    expect(outcomesAfterAppend(draftIds, found)).toEqual(expected);
  });
});
