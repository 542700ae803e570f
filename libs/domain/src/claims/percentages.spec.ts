import { describe, expect, it } from '@jest/globals';

import { extractClaims } from './extract-claims.js';

function percentages(text: string): [string, number][] {
  return extractClaims(text, { referenceDate: '2026-02-10' })
    .claims.filter((claim) => claim.kind === 'percentage')
    .map((claim) => [claim.text, claim.value as number]);
}

describe('percentages', () => {
  it.each([
    ['ارتفع 45%', [['45%', 45]]],
    ['ارتفع ٤٥٪', [['٤٥٪', 45]]],
    ['ارتفع 45 %', [['45 %', 45]]],
    ['بنسبة 45 في المئة', [['45 في المئة', 45]]],
    ['45 في المائة', [['45 في المائة', 45]]],
    ['وبـ45 بالمئة', [['45 بالمئة', 45]]],
    ['45 بالمائة', [['45 بالمائة', 45]]],
    ['بنسبة 45 فقط', [['45', 45]]],
    ['خمسة وأربعين في المئة', [['خمسة وأربعين في المئة', 45]]],
    ['2.5%', [['2.5%', 2.5]]],
    ['45 percent', [['45 percent', 45]]],
    ['45 per cent', [['45 per cent', 45]]],
    [
      'بين 40 و45 في المئة',
      [
        ['40', 40],
        ['45 في المئة', 45],
      ],
    ],
    [
      '3-4%',
      [
        ['3', 3],
        ['4%', 4],
      ],
    ],
    ['نسبة %45 من السكان', [['%45', 45]]],
  ])('%s', (text, expected) => {
    expect(percentages(text)).toEqual(expected);
  });

  it.each([
    ['grew -0.4% last year', [['-0.4%', -0.4]]],
    ['بلغ النمو −2.5 في المئة', [['−2.5 في المئة', -2.5]]],
    ['تراجع بنسبة -5 عن العام السابق', [['-5', -5]]],
  ])('a negative percentage: %s', (text, expected) => {
    expect(percentages(text)).toEqual(expected);
  });

  it('does not also report the number of a percentage', () => {
    const kinds = extractClaims('ارتفع 45%', { referenceDate: '2026-02-10' }).claims.map((c) => c.kind);
    expect(kinds).toEqual(['percentage']);
  });
});
