import { describe, expect, it } from '@jest/globals';
import type { Language } from '#contracts';

import { extractClaims } from './extract-claims.js';

function findings(text: string, language?: Language) {
  const result = extractClaims(text, { referenceDate: '2026-02-10', language });
  return result.findings.map((finding) => ({
    kind: finding.kind,
    text: finding.text,
    claim: finding.claimIndex === undefined ? undefined : result.claims[finding.claimIndex]?.text,
  }));
}

describe('findings', () => {
  it.each([
    [
      'a wrong weekday',
      'الأحد 9 شباط 2026',
      [{ kind: 'weekday_mismatch', text: 'الأحد 9 شباط 2026', claim: 'الأحد 9 شباط 2026' }],
    ],
    [
      'a wrong weekday on a year-less date',
      'الأحد 9 شباط',
      [{ kind: 'weekday_mismatch', text: 'الأحد 9 شباط', claim: 'الأحد 9 شباط' }],
    ],
    [
      'a wrong weekday on a Hijri date',
      'الخميس 1 رمضان 1447 هـ',
      [{ kind: 'weekday_mismatch', text: 'الخميس 1 رمضان 1447 هـ', claim: 'الخميس 1 رمضان 1447 هـ' }],
    ],
    ['a day that does not exist', 'في 31 شباط', [{ kind: 'invalid_date', text: '31 شباط', claim: undefined }]],
    [
      '29 February in a common year',
      'on 29 February 2025',
      [{ kind: 'invalid_date', text: '29 February 2025', claim: undefined }],
    ],
    ['a 29-day Hijri month', 'في 30 شعبان 1447', [{ kind: 'invalid_date', text: '30 شعبان 1447', claim: undefined }]],
    ['an impossible numeric date', 'dated 31/6/2026', [{ kind: 'invalid_date', text: '31/6/2026', claim: undefined }]],
    [
      'the same subject ranked twice differently',
      'لتصبح العضو رقم 90. وهي اليوم عضو رقم 89.',
      [{ kind: 'inconsistent_figure', text: 'رقم 89', claim: 'رقم 89' }],
    ],
  ])('%s', (_name, text, expected) => {
    expect(findings(text)).toEqual(expected);
  });

  it.each([
    ['the right weekday', 'الاثنين 9 شباط'],
    ['a leap day in a leap year', 'في 29 شباط 2028'],
    ['the same rank twice', 'العضو رقم 90، وهي العضو رقم 90 أيضًا'],
    ['different subjects', 'العضو رقم 90 والمحطة رقم 7'],
  ])('finds nothing in %s', (_name, text) => {
    expect(findings(text)).toEqual([]);
  });

  it('writes messages in the draft language', () => {
    const [arabic] = extractClaims('الأحد 9 شباط 2026', { referenceDate: '2026-02-10' }).findings;
    const [english] = extractClaims('Sunday, February 9, 2026', { referenceDate: '2026-02-10' }).findings;
    expect(arabic?.message).toBe('التاريخ 2026-02-09 يوافق يوم الاثنين وليس الأحد.');
    expect(english?.message).toBe('2026-02-09 is a Monday, not a Sunday.');
  });
});
