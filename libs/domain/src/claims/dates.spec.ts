import { describe, expect, it } from '@jest/globals';

import { extractClaims } from './extract-claims.js';

function dates(text: string): [string, unknown][] {
  return extractClaims(text, { referenceDate: '2026-02-10' })
    .claims.filter((claim) => claim.kind === 'date')
    .map((claim) => [claim.text, claim.value]);
}

describe('dates', () => {
  it.each([
    [
      'Levantine, weekday, no year',
      'عُقد الاجتماع الاثنين 9 شباط في الرياض.',
      'الاثنين 9 شباط',
      { date: '2026-02-09', weekday: 'monday' },
    ],
    [
      'weekday after يوم, with comma and year',
      'يوم الاثنين، 9 شباط 2026',
      'الاثنين، 9 شباط 2026',
      { date: '2026-02-09', weekday: 'monday' },
    ],
    [
      'weekday with hamza, prefix outside',
      'والإثنين ٩ شباط',
      'الإثنين ٩ شباط',
      { date: '2026-02-09', weekday: 'monday' },
    ],
    ['bare weekday after يوم', 'يوم خميس 12 شباط', 'خميس 12 شباط', { date: '2026-02-12', weekday: 'thursday' }],
    ['month and year', 'في تشرين الثاني 2025.', 'تشرين الثاني 2025', { date: '2025-11' }],
    ['double month name', 'في 9 شباط/فبراير 2026', '9 شباط/فبراير 2026', { date: '2026-02-09' }],
    ['parenthesised alias with year', 'في 9 شباط (فبراير) 2026', '9 شباط (فبراير) 2026', { date: '2026-02-09' }],
    ['Egyptian/Gulf', 'في 3 أغسطس 2025', '3 أغسطس 2025', { date: '2025-08-03' }],
    ['Maghrebi', 'يوم 15 جوان', '15 جوان', { date: '2026-06-15' }],
    ['Moroccan', 'في 12 شتنبر 2025', '12 شتنبر 2025', { date: '2025-09-12' }],
    ['ordinal day words', 'في العاشر من آذار', 'العاشر من آذار', { date: '2026-03-10' }],
    [
      'compound ordinal day',
      'في الحادي والعشرين من شهر أيار 2025',
      'الحادي والعشرين من شهر أيار 2025',
      { date: '2025-05-21' },
    ],
    ['Hijri with era marker', 'في 1 رمضان 1447 هـ.', '1 رمضان 1447 هـ', { date: '2026-02-18' }],
    ['Hijri month-year', 'في رمضان 1447', 'رمضان 1447', { date: '2026-02' }],
    ['Hijri without year', 'في غرة رمضان', 'غرة رمضان', { date: '2026-02-18' }],
    ['Hijri two-word month', 'في 10 ذي الحجة 1446 هـ', '10 ذي الحجة 1446 هـ', { date: '2025-06-06' }],
    ['bare year after عام', 'منذ عام 2011', '2011', { date: '2011' }],
    ['bare year with era', 'في 2025م', '2025م', { date: '2025' }],
    ['ISO', 'في 2026-02-09', '2026-02-09', { date: '2026-02-09' }],
    ['day/month/year', 'في 9/2/2026', '9/2/2026', { date: '2026-02-09' }],
    ['Arabic-Indic digits', 'في ٩ شباط ٢٠٢٦', '٩ شباط ٢٠٢٦', { date: '2026-02-09' }],
    [
      'English weekday first',
      'on Monday, February 9, 2026.',
      'Monday, February 9, 2026',
      { date: '2026-02-09', weekday: 'monday' },
    ],
    ['English day first', 'on 9 February 2026', '9 February 2026', { date: '2026-02-09' }],
    ['English ordinal suffix', 'on the 9th of February', '9th of February', { date: '2026-02-09' }],
    ['English abbreviation', 'on Feb. 9, 2026', 'Feb. 9, 2026', { date: '2026-02-09' }],
    ['English month and year', 'in February 2026', 'February 2026', { date: '2026-02' }],
    ['English bare year', 'since 2011', '2011', { date: '2011' }],
    ['a year after `of` with nothing counted after it', 'by the end of 2025.', '2025', { date: '2025' }],
    ['a year after `من`', 'في الربع الأخير من 2025، ارتفعت', '2025', { date: '2025' }],
    ['أول before a month', 'في أول شباط', 'أول شباط', { date: '2026-02-01' }],
    ['Maghrebi الفاتح من', 'في الفاتح من ماي 2020', 'الفاتح من ماي 2020', { date: '2020-05-01' }],
    ['English abbreviation and year', 'in Sep. 2012', 'Sep. 2012', { date: '2012-09' }],
    ['English ordinal word day', 'on May eighth, 2010', 'May eighth, 2010', { date: '2010-05-08' }],
    ['English year first', 'on 2018 March 18', '2018 March 18', { date: '2018-03-18' }],
    ['English Hijri', 'on 1 Shawwal 1446 AH', '1 Shawwal 1446 AH', { date: '2025-03-30' }],
  ])('%s', (_name, text, span, value) => {
    expect(dates(text)).toEqual([[span, value]]);
  });

  it.each([
    [
      'بين 9 و11 شباط 2026',
      [
        ['9', { date: '2026-02-09' }],
        ['11 شباط 2026', { date: '2026-02-11' }],
      ],
    ],
    [
      'من 3 إلى 5 آذار',
      [
        ['3', { date: '2026-03-03' }],
        ['5 آذار', { date: '2026-03-05' }],
      ],
    ],
    [
      'on 9-10 March 2025',
      [
        ['9', { date: '2025-03-09' }],
        ['10 March 2025', { date: '2025-03-10' }],
      ],
    ],
    [
      'Aug 10 - Nov 12, 2013',
      [
        ['Aug 10', { date: '2013-08-10' }],
        ['Nov 12, 2013', { date: '2013-11-12' }],
      ],
    ],
    [
      'February 20 – 28, 2022',
      [
        ['February 20', { date: '2022-02-20' }],
        ['28, 2022', { date: '2022-02-28' }],
      ],
    ],
    [
      'من 28 كانون الأول حتى 3 كانون الثاني 2014',
      [
        ['28 كانون الأول', { date: '2013-12-28' }],
        ['3 كانون الثاني 2014', { date: '2014-01-03' }],
      ],
    ],
  ])('reads the range %s as two dates', (text, expected) => {
    expect(dates(text)).toEqual(expected);
  });

  it.each([
    ['an abbreviated weekday', 'on Mon., Feb. 9', 'Mon., Feb. 9', { date: '2026-02-09', weekday: 'monday' }],
    [
      'a compound ordinal day',
      'the twenty-ninth of February 2028',
      'twenty-ninth of February 2028',
      { date: '2028-02-29' },
    ],
  ])('reads %s', (_name, text, span, value) => {
    expect(dates(text)).toEqual([[span, value]]);
  });

  it('reads both dates of a double-calendar date', () => {
    expect(dates('الأربعاء 1 رمضان 1447 هـ الموافق 18 شباط 2026')).toEqual([
      ['الأربعاء 1 رمضان 1447 هـ', { date: '2026-02-18', weekday: 'wednesday' }],
      ['18 شباط 2026', { date: '2026-02-18' }],
    ]);
  });

  it.each([
    ['a month alone', 'يبدأ العام الدراسي في أيلول.'],
    ['a weekday alone', 'وصل الوفد الاثنين.'],
    ['a relative date', 'وصل الوفد أمس، والأسبوع الماضي.'],
    ['a year inside a name', 'ضمن رؤية 2030.'],
    ['a lower-case common word', 'officials may march.'],
    ['a two-word month alone', 'منذ كانون الثاني الماضي'],
    ['a two-digit year', "on 5 March '15 and in Sep. ’12"],
    ['the nth weekday of a month', 'يجتمع المجلس في الثلاثاء الثالث من أيلول'],
    ['a Hijri month name alone in English', 'Ramadan said so.'],
  ])('ignores %s', (_name, text) => {
    expect(dates(text)).toEqual([]);
  });

  it('places a year-less date by its weekday when the nearest year does not fit and the other does', () => {
    const at = (text: string): unknown =>
      extractClaims(text, { referenceDate: '2026-12-04' }).claims.map((claim) => claim.value);
    expect(at('الأحد 8 شباط')).toEqual([{ date: '2026-02-08', weekday: 'sunday' }]);
    expect(at('الاثنين 8 شباط')).toEqual([{ date: '2027-02-08', weekday: 'monday' }]);
    expect(at('الثلاثاء 8 شباط')).toEqual([{ date: '2027-02-08', weekday: 'tuesday' }]);
    // Within 45 days of the reference the nearest year stands: the weekday is wrong.
    const near = extractClaims('الثلاثاء 9 شباط', { referenceDate: '2026-02-10' });
    expect(near.claims.map((claim) => claim.value)).toEqual([{ date: '2026-02-09', weekday: 'tuesday' }]);
    expect(near.findings.map((finding) => finding.kind)).toEqual(['weekday_mismatch']);
  });

  it('reports a day no month has, with its year, as an invalid date', () => {
    const result = extractClaims('dated 32 August 2014', { referenceDate: '2026-02-10' });
    expect(result.claims).toEqual([]);
    expect(result.findings.map((finding) => [finding.kind, finding.text])).toEqual([
      ['invalid_date', '32 August 2014'],
    ]);
  });
});
