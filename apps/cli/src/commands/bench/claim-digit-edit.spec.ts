import { describe, expect, it } from '@jest/globals';
import { buildArabicNewsText, extractClaims } from '#domain';
import { digitEdit, isEditableFigure } from './claim-digit-edit.js';

describe('digitEdit', () => {
  it('changes the last digit to the next one, in its own script', () => {
    expect(digitEdit('450 مليون دولار')).toEqual({ offset: 2, digit: '1', text: '451 مليون دولار' });
    expect(digitEdit('٢٣٪')).toEqual({ offset: 1, digit: '٤', text: '٢٤٪' });
    expect(digitEdit('الـ15')).toEqual({ offset: 4, digit: '6', text: 'الـ16' });
    expect(digitEdit('۱۴ درصد')?.text).toBe('۱۵ درصد');
  });

  it('turns 9 into 1, never 0, and has nothing to change without a digit', () => {
    expect(digitEdit('١٩ دولة')?.text).toBe('١١ دولة');
    expect(digitEdit('9')?.text).toBe('1');
    expect(digitEdit('خمسة وعشرين')).toBeNull();
  });
});

describe('isEditableFigure', () => {
  it('takes numbers, percentages, ordinals and money written with digits', () => {
    expect(isEditableFigure({ kind: 'number', text: '١٨ دولة' })).toBe(true);
    expect(isEditableFigure({ kind: 'money', text: '3 ملايين و500 ألف دينار أردني' })).toBe(true);
    expect(isEditableFigure({ kind: 'number', text: 'خمسة وعشرين' })).toBe(false);
    expect(isEditableFigure({ kind: 'date', text: '11 شباط' })).toBe(false);
    expect(isEditableFigure({ kind: null, text: '12' })).toBe(false);
  });

  it('finds figures in the benchmark text whose edit the extractor reads as the same claim with the new text', () => {
    const now = new Date('2026-02-10T12:00:00Z');
    const text = buildArabicNewsText(6_000);
    const claims = extractClaims(text, { language: 'ar', now }).claims;
    const figures = claims.filter(isEditableFigure);
    expect(figures.length).toBeGreaterThan(30);
    for (const figure of figures) {
      const edit = digitEdit(figure.text)!;
      const at = figure.start + edit.offset;
      const edited = text.slice(0, at) + edit.digit + text.slice(at + 1);
      const after = extractClaims(edited, { language: 'ar', now }).claims;
      expect(after.find((claim) => claim.start === figure.start && claim.kind === figure.kind)?.text).toBe(edit.text);
    }
  });
});
