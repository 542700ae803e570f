import { describe, expect, it } from '@jest/globals';
import type { ClaimKind } from '#contracts';

import { matchClaims, type Spanned } from './claim-matching.js';

type Row = [ClaimKind, number, number];
const spans = (rows: Row[]): Spanned[] => rows.map(([kind, start, end]) => ({ kind, start, end }));

describe('matchClaims', () => {
  it.each<[string, Row[], Row[], (number | undefined)[]]>([
    ['an exact span', [['ordinal', 54, 60]], [['ordinal', 54, 60]], [0]],
    ['an overlap', [['date', 20, 26]], [['date', 14, 31]], [0]],
    ['spans that only touch do not overlap', [['number', 5, 10]], [['number', 10, 12]], [undefined]],
    ['another kind on the same span is no match', [['number', 98, 100]], [['percentage', 98, 100]], [undefined]],
    [
      'the largest overlap wins',
      [['money', 5, 15]],
      [
        ['money', 0, 7],
        ['money', 9, 20],
      ],
      [1],
    ],
    [
      'exact spans are matched before overlaps',
      [
        ['ordinal', 2, 9],
        ['ordinal', 5, 11],
      ],
      [
        ['ordinal', 5, 11],
        ['ordinal', 8, 14],
      ],
      [1, 0],
    ],
    [
      'each extracted claim goes to one tracked claim',
      [
        ['number', 5, 10],
        ['number', 5, 10],
      ],
      [['number', 5, 10]],
      [0, undefined],
    ],
    [
      'the largest overlap over all pairs, not the first tracked claim’s pick',
      [
        ['quote', 0, 10],
        ['quote', 4, 20],
      ],
      [
        ['quote', 0, 3],
        ['quote', 5, 20],
      ],
      [0, 1],
    ],
    [
      'a tie goes to the earlier tracked claim',
      [
        ['number', 0, 6],
        ['number', 4, 10],
      ],
      [['number', 3, 7]],
      [0, undefined],
    ],
    [
      'a tie goes to the earlier extracted claim',
      [['number', 3, 9]],
      [
        ['number', 0, 5],
        ['number', 7, 12],
      ],
      [0],
    ],
    [
      'a long claim that starts well before',
      [['quote', 40, 45]],
      [
        ['quote', 0, 50],
        ['quote', 10, 12],
      ],
      [0],
    ],
    [
      'extracted claims in any order',
      [['number', 1, 4]],
      [
        ['number', 20, 25],
        ['number', 0, 5],
      ],
      [1],
    ],
    [
      'an exact span wins a tie with a claim that covers it',
      [
        ['number', 0, 10],
        ['number', 2, 6],
      ],
      [['number', 2, 6]],
      [undefined, 0],
    ],
    [
      'a span that only touches one already taken is no match',
      [
        ['quote', 0, 50],
        ['quote', 40, 45],
      ],
      [
        ['quote', 0, 50],
        ['quote', 10, 40],
      ],
      [0, undefined],
    ],
    [
      'extracted claims out of document order',
      [['number', 9, 11]],
      [
        ['number', 0, 5],
        ['number', 20, 25],
        ['number', 8, 12],
      ],
      [2],
    ],
    ['nothing extracted', [['date', 1, 4]], [], [undefined]],
  ])('%s', (_name, tracked, extracted, expected) => {
    expect(matchClaims(spans(tracked), spans(extracted))).toEqual(expected);
  });
});
