import { describe, expect, it } from '@jest/globals';

import { normalise, toSourceSpan } from './normalise.js';

describe('normalise', () => {
  it.each([
    ['diacritics and tatweel are dropped', 'أكّدَ الـمـتحدث', 'اكد المتحدث'],
    [
      'alef variants, final yeh and Persian letters unify',
      'إلى آذار أيار ٱلكتاب کتاب فی',
      'الي اذار ايار الكتاب كتاب في',
    ],
    ['Arabic-Indic and Persian digits become Latin', '٤٥ ۴۵ ١٬٥٠٠ ٢٫٥ ٤٥٪', '45 45 1,500 2.5 45%'],
    ['bidi and zero-width marks are dropped', '9\u200F شباط\u200E \u061C2026\u2066', '9 شباط 2026'],
    ['Latin is lower-cased and spaces unified', 'Monday,\u00A0February\u20099', 'monday, february 9'],
    ['line breaks are unified', 'a\r\nb\u2028c', 'a\n\nb\nc'],
  ])('%s', (_name, input, expected) => {
    expect(normalise(input).text).toBe(expected);
  });

  it('maps every normalised code unit back to the input', () => {
    const source = 'وبـ٤٥ في المئة';
    const normalised = normalise(source);
    expect(normalised.text).toBe('وب45 في المئة');
    const start = normalised.text.indexOf('45');
    expect(toSourceSpan(normalised, start, start + 2)).toEqual({ start: 3, end: 5 });
  });

  it.each([
    ['keeps marks inside a span', 'الـمـتحدث', 0, 7, 'الـمـتحدث'],
    ['keeps trailing diacritics and tatweel with the last letter', '1447 هـ.', 5, 6, 'هـ'],
    ['leaves a leading tatweel or bidi mark outside', 'بـ\u200F45', 1, 3, '45'],
  ])('%s', (_name, source, start, end, text) => {
    const normalised = normalise(source);
    const span = toSourceSpan(normalised, start, end);
    expect(source.slice(span.start, span.end)).toBe(text);
  });
});
