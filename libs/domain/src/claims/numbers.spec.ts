import { describe, expect, it } from '@jest/globals';

import { extractClaims } from './extract-claims.js';

function numbers(text: string): [string, number][] {
  return extractClaims(text, { referenceDate: '2026-02-10' })
    .claims.filter((claim) => claim.kind === 'number')
    .map((claim) => [claim.text, claim.value as number]);
}

describe('numbers', () => {
  it.each([
    ['قُتل 45 شخصًا', [['45', 45]]],
    ['قُتل ٤٥ شخصًا', [['٤٥', 45]]],
    ['و3 آخرون', [['3', 3]]],
    ['وصل 1,500 لاجئ', [['1,500', 1500]]],
    ['وصل ١٬٥٠٠ لاجئ', [['١٬٥٠٠', 1500]]],
    ['بلغ 3 ملايين نسمة', [['3 ملايين', 3e6]]],
    ['بلغ مليون ونصف المليون لاجئ', [['مليون ونصف المليون', 1.5e6]]],
    ['خمسة وأربعون قتيلًا', [['خمسة وأربعون', 45]]],
    ['خلال يومين', [['يومين', 2]]],
    ['لمدة عامين', [['عامين', 2]]],
    ['زار البلاد مرتين', [['مرتين', 2]]],
    ['ارتفع ضعفين', [['ضعفين', 2]]],
    ['twelve people', [['twelve', 12]]],
    ['1.5 million refugees', [['1.5 million', 1.5e6]]],
    ['a million jobs', [['a million', 1e6]]],
    ['half a million people', [['half a million', 5e5]]],
    ['a total of 2000 soldiers', [['2000', 2000]]],
    [
      'أحد عشر لاعبًا وأحد عشر حكمًا',
      [
        ['أحد عشر', 11],
        ['أحد عشر', 11],
      ],
    ],
  ])('%s', (text, expected) => {
    expect(numbers(text)).toEqual(expected);
  });

  it.each([
    ['one alone', 'واحد من المسؤولين، one of them'],
    ['vague quantities', 'عشرات القتلى ومئات الجرحى وآلاف النازحين، dozens and hundreds of people'],
    ['other duals', 'الطرفين والبلدين'],
    ['identifiers', 'المادة 5 والقرار 2254 وقرار مجلس الأمن 2254 وResolution 2254 وpage 3'],
    ['names with numbers', 'كوفيد-19 ومجموعة العشرين وG20 وF-16 ورؤية 2030 وVision 2030'],
    ['times of day', 'الساعة 10 والساعة 2:30 و10 صباحًا، at 10:30 a.m. and 5 pm'],
    ['phone numbers', '0933123456 و+963 11 2345678'],
    ['page numbers', 'ص 5 والصفحة 12'],
    ['decades and fractions', 'in the 1990s, after 9/11, open 24/7'],
  ])('ignores %s', (_name, text) => {
    expect(numbers(text)).toEqual([]);
  });
});

describe('numbers found by outside testing', () => {
  it.each([
    ['بلغ عدد السكان 12345678 نسمة', [['12345678', 12345678]]],
    ['harvested 1500000 tonnes', [['1500000', 1500000]]],
    ['dropped to -12 degrees', [['-12', -12]]],
    ['dropped to (-3) overnight', [['-3', -3]]],
    ['stood at −250 million', [['−250 million', -250e6]]],
    ['سجلت صفر إصابات', [['صفر', 0]]],
    ['reported zero new cases', [['zero', 0]]],
    ['تأهلت الفرق الأحد عشر', [['الأحد عشر', 11]]],
    ['شارك الأعضاء الاثنا عشر', [['الاثنا عشر', 12]]],
    ['thirty three people', [['thirty three', 33]]],
    ['two dozen inspectors', [['two dozen', 24]]],
    ['half a dozen states', [['half a dozen', 6]]],
    ['two hundred fifty families', [['two hundred fifty', 250]]],
    ['و-3 آخرون', [['3', 3]]],
    ['fell to minus 5 degrees', [['minus 5', -5]]],
    ['minus five degrees', [['minus five', -5]]],
    ['بلغت سالب 3 درجات', [['سالب 3', -3]]],
    [
      'ten minus five',
      [
        ['ten', 10],
        ['five', 5],
      ],
    ],
    ['يوم الأحد عشرة أشخاص', [['عشرة', 10]]],
    [
      'ما بين عشرة وعشرين جريحاً',
      [
        ['عشرة', 10],
        ['عشرين', 20],
      ],
    ],
  ])('%s', (text, expected) => {
    expect(numbers(text)).toEqual(expected);
  });

  it.each([
    ['a score is no negative number', 'won 3-1 after extra time'],
    ['seven digits after a phone word', 'call 5551234 today'],
    ['thirteen digits or more are a code', 'card 1234567890123 was'],
    ['zero tolerance', 'a zero tolerance policy'],
    ['net zero', 'reach net zero soon'],
    ['zero-sum', 'a zero-sum game'],
    ['the Hijri month Safar', 'في شهر صفر'],
    ['the definite الصفر', 'ساعة الصفر'],
    ['the tens of an ordinal', 'its twenty fifth edition'],
    ['a name typed apart from its hyphen', 'كوفيد -19'],
    ['an English name typed apart from its hyphen', 'Covid -19'],
    ['empty-handed', 'خرج صفر اليدين'],
  ])('%s', (_name, text) => {
    expect(numbers(text)).toEqual([]);
  });
});
