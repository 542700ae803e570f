import { describe, expect, it } from '@jest/globals';

import { normalise } from './normalise.js';
import { tokenise } from './tokenise.js';

const tokensOf = (text: string) => tokenise(normalise(text));

describe('tokenise', () => {
  it.each([
    ['1,500', 1500, true, false],
    ['1,500,000.25', 1500000.25, true, true],
    ['2.5', 2.5, false, true],
    ['2,5', 2.5, false, true],
    ['٢٫٥', 2.5, false, true],
    ['١٬٥٠٠', 1500, true, false],
    ['45', 45, false, false],
  ])('reads the number %s', (text, value, grouped, decimal) => {
    const [token] = tokensOf(text);
    expect(token).toMatchObject({ kind: 'number', value, grouped, decimal, end: normalise(text).text.length });
  });

  it.each([
    ['9.2.2026', ['9', '.', '2', '.', '2026']],
    ['1,2,3', ['1', ',', '2', ',', '3']],
    ['2026-02-09', ['2026', '-', '02', '-', '09']],
    ['10:30', ['10', ':', '30']],
  ])('leaves %s for the date and time readers', (text, pieces) => {
    expect(tokensOf(text).map((t) => t.text)).toEqual(pieces);
  });

  it.each([
    ['وبنسبة', 2, 'نسبة', false],
    ['والاثنين', 1, 'الاثنين', true],
    ['للعضو', 1, 'العضو', true],
    ['بشار', 0, 'بشار', false],
    ['فبراير', 0, 'فبراير', false],
    ['وأحد', 1, 'احد', false],
    ['واحد', 0, 'واحد', false],
  ])('splits the prefix of %s', (word, pre, stem, definite) => {
    const [token] = tokensOf(word);
    expect({ pre: token.pre, stem: token.stem, definite: token.definite }).toEqual({ pre, stem, definite });
  });

  it.each([
    ['بـ45', 'prefix'],
    ['و-3', 'prefix'],
    ['الـ90', 'article'],
    ['والـ90', 'article'],
  ])('marks the particles of %s', (text, clitic) => {
    const [first, next] = tokensOf(text);
    expect(first.clitic).toBe(clitic);
    expect(next.kind === 'number' || next.text === '-').toBe(true);
  });

  it('records how Latin words were written', () => {
    expect(tokensOf('May may USD').map((t) => t.caseShape)).toEqual(['capital', 'lower', 'upper']);
  });

  it('records spaces and line breaks before a token', () => {
    const [a, b, c] = tokensOf('a b\nc');
    expect([a.spaceBefore, b.spaceBefore, c.newlineBefore, b.newlineBefore]).toEqual([false, true, true, false]);
  });
});
