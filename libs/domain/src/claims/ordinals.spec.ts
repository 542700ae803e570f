import { describe, expect, it } from '@jest/globals';

import { extractClaims } from './extract-claims.js';
import type { OrdinalClaim } from '#contracts';

function ordinals(text: string): [string, number, string | undefined][] {
  return extractClaims(text, { referenceDate: '2026-02-10' })
    .claims.filter((claim): claim is OrdinalClaim => claim.kind === 'ordinal')
    .map((claim) => [claim.text, claim.value, claim.subject]);
}

describe('ordinals', () => {
  it.each([
    ['لتصبح العضو رقم 90', [['رقم 90', 90, 'العضو']]],
    ['بالذكرى الـ90', [['الـ90', 90, 'الذكرى']]],
    ['الدورة الـ 45', [['الـ 45', 45, 'الدورة']]],
    ['والـ١١', [['الـ١١', 11, undefined]]],
    ['المركز التسعين', [['التسعين', 90, 'المركز']]],
    ['الدورة الحادية عشرة', [['الحادية عشرة', 11, 'الدورة']]],
    ['القمة الرابعة والثلاثين', [['الرابعة والثلاثين', 34, 'القمة']]],
    ['الجولة الثالثة', [['الثالثة', 3, undefined]]],
    ['جلستها الخامسة', [['الخامسة', 5, undefined]]],
    ['للمرة الأولى', [['الأولى', 1, undefined]]],
    ['أول دولة', [['أول', 1, undefined]]],
    ['ثاني أكبر مدينة', [['ثاني', 2, undefined]]],
    ['the 90th member', [['90th', 90, 'member']]],
    ['its third meeting', [['third', 3, undefined]]],
    ['the eleventh round', [['eleventh', 11, 'round']]],
    ['the twenty-first century', [['twenty-first', 21, 'century']]],
    ['member No. 90', [['No. 90', 90, 'member']]],
    ['الدورة الواحدة والثلاثون', [['الواحدة والثلاثون', 31, 'الدورة']]],
    ['الذكرى المئة', [['المئة', 100, 'الذكرى']]],
    ['its twenty fifth edition', [['twenty fifth', 25, 'edition']]],
    ['the hundredth anniversary', [['hundredth', 100, 'anniversary']]],
  ])('%s', (text, expected) => {
    expect(ordinals(text)).toEqual(expected);
  });

  it.each([
    ['a document number', 'القرار رقم 2254'],
    ['a flight number', 'الرحلة رقم 405'],
    ['ordinal words inside month names', 'في تشرين الأول وكانون الثاني وربيع الأول وجمادى الآخرة'],
    ['a day ordinal of a date', 'في العاشر من آذار'],
    ['a time of day', 'في الساعة العاشرة صباحًا'],
    ['idioms', 'في المقام الأول، وبالدرجة الأولى، ورعايا الدول الثالثة'],
    ['day before yesterday and a chemical', 'أول أمس، وثاني أكسيد الكربون'],
    ['`at first` and `first of all`', 'At first he refused; first of all, thanks.'],
    ['a regnal name', 'الملك عبدالله الثاني'],
    ['a percent marker', 'ارتفعت 45 في المئة و12 بالمئة'],
    ['الواحد alone', 'الرقم الواحد'],
  ])('ignores %s', (_name, text) => {
    expect(ordinals(text)).toEqual([]);
  });
});
