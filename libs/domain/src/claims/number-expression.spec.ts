import { describe, expect, it } from '@jest/globals';

import { normalise } from './normalise.js';
import { parseNumeral } from './number-expression.js';
import type { ScanContext } from './scan-context.js';
import { tokenise } from './tokenise.js';

function read(text: string, currency = false): { value: number; text: string; standalone: boolean } | null {
  const normalised = normalise(text);
  const tokens = tokenise(normalised);
  const ctx: ScanContext = { normalised, tokens, reference: { year: 2026, month: 2, day: 10 }, language: 'ar' };
  const first = tokens.findIndex(
    (t) => t.kind === 'number' || t.info?.number !== undefined || t.info?.fraction !== undefined,
  );
  const numeral = first < 0 ? null : parseNumeral(ctx, first, currency);
  return numeral === null
    ? null
    : { value: numeral.value, text: normalised.text.slice(numeral.start, numeral.end), standalone: numeral.standalone };
}

describe('parseNumeral', () => {
  it.each([
    ['45 شخصًا', 45, '45'],
    ['3 ملايين', 3e6, '3 ملايين'],
    ['2.5 مليار', 2.5e9, '2.5 مليار'],
    ['45 ألفًا', 45000, '45 الفا'],
    ['3 ملايين و500 ألف', 3.5e6, '3 ملايين و500 الف'],
    ['خمسة وأربعون', 45, 'خمسة واربعون'],
    ['ثلاثمئة وخمسين', 350, 'ثلاثمئة وخمسين'],
    ['ثلاث مئة', 300, 'ثلاث مئة'],
    ['مئتان وخمسة وعشرون', 225, 'مئتان وخمسة وعشرون'],
    ['ألفان', 2000, 'الفان'],
    ['ألفين', 2000, 'الفين'],
    ['مليونين', 2e6, 'مليونين'],
    ['ثلاثة آلاف', 3000, 'ثلاثة الاف'],
    ['عشرة آلاف', 10000, 'عشرة الاف'],
    ['أحد عشر ألفًا', 11000, 'احد عشر الفا'],
    ['اثنا عشر', 12, 'اثنا عشر'],
    ['خمس عشرة', 15, 'خمس عشرة'],
    ['ألف وخمسمئة', 1500, 'الف وخمسمئة'],
    ['ثلاثة ملايين وخمسمئة ألف', 3.5e6, 'ثلاثة ملايين وخمسمئة الف'],
    ['مليون ونصف المليون', 1.5e6, 'مليون ونصف المليون'],
    ['3 ملايين ونصف', 3.5e6, '3 ملايين ونصف'],
    ['مئتي ألف', 200000, 'مئتي الف'],
    ['نصف مليون', 500000, 'نصف مليون'],
    ['ربع مليار', 2.5e8, 'ربع مليار'],
    ['بثلاثة', 3, 'ثلاثة'],
    ['twelve', 12, 'twelve'],
    ['forty-five', 45, 'forty-five'],
    ['one hundred and twenty-five thousand', 125000, 'one hundred and twenty-five thousand'],
    ['1.5 million', 1.5e6, '1.5 million'],
    ['a million', 1e6, 'a million'],
    ['two million and a half', 2.5e6, 'two million and a half'],
    ['5bn', 5e9, '5bn'],
  ])('%s -> %d', (text, value, span) => {
    expect(read(text)).toEqual({ value, text: span, standalone: true });
  });

  it.each([['واحد'], ['one']])('%s alone is not a claim', (text) => {
    expect(read(text)?.standalone).toBe(false);
  });

  it.each([['آلاف'], ['ملايين'], ['مليارات']])('the vague plural %s starts no numeral', (text) => {
    expect(read(text)).toBeNull();
  });

  it.each([
    ['-12 degrees', -12, '-12'],
    ['zero cases', 0, 'zero'],
    ['صفر إصابات', 0, 'صفر'],
    ['thirty three', 33, 'thirty three'],
    ['two dozen', 24, 'two dozen'],
    ['الاثنا عشر', 12, 'الاثنا عشر'],
    ['خمسة وعشرون', 25, 'خمسة وعشرون'],
    ['عشرة وعشرين', 10, 'عشرة'],
    ['zero five', 0, 'zero'],
  ])('%s -> %d', (text, value, span) => {
    expect(read(text)).toEqual({ value, text: span, standalone: true });
  });

  it('leaves the tens of an ordinal no number of its own', () => {
    expect(read('twenty fifth')).toEqual({ value: 20, text: 'twenty fifth', standalone: false });
    expect(read('twenty-fifth')).toEqual({ value: 20, text: 'twenty-fifth', standalone: false });
  });

  it('reads `m` as a scale only next to money', () => {
    expect(read('5m')?.value).toBe(5);
    expect(read('5m', true)?.value).toBe(5e6);
  });
});
