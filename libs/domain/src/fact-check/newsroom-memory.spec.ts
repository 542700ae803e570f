import { describe, expect, it } from '@jest/globals';

import { memoryKeyOf, sameMemoryClaim, type MemoryClaim } from './newsroom-memory.js';

const claim = (
  kind: MemoryClaim['kind'],
  value: MemoryClaim['value'],
  text: string,
  subject: string | null = null,
) => ({
  kind,
  value,
  text,
  subject,
});
const ordinal = (value: number, subject: string | null, text = 'رقم 90') => claim('ordinal', value, text, subject);
const quote = (text: string, speaker: string | null) => claim('quote', { speaker }, text);
const money = (amount: number, currency: string, text: string) => claim('money', { amount, currency }, text);
const date = (iso: string, text: string, weekday?: 'sunday' | 'monday') =>
  claim('date', weekday === undefined ? { date: iso } : { date: iso, weekday }, text);
const tagged = (kind: MemoryClaim['kind'], text: string) => claim(kind, null, text);

describe('memoryKeyOf', () => {
  it.each<[string, MemoryClaim, string]>([
    ['a number', claim('number', 1200, '1200'), '["number",1200]'],
    ['a decimal percentage', claim('percentage', 45.5, '٤٥٫٥٪'), '["percentage",45.5]'],
    ['a rank with its subject, without the article', ordinal(90, 'العضو'), '["ordinal",90,"عضو"]'],
    ['a rank without a subject', ordinal(90, null, 'الـ90'), '["ordinal",90]'],
    ['an English rank', ordinal(90, 'member', '90th'), '["ordinal",90,"member"]'],
    ['money, its currency in capitals', money(1_500_000, 'usd', '1.5 مليون دولار'), '["money",1500000,"USD"]'],
    ['a date, not its weekday', date('2026-02-09', 'الأحد 9 شباط 2026', 'sunday'), '["date","2026-02-09"]'],
    [
      'a quote and its speaker, folded',
      quote('لن نرفعَ الأسعار هذا العام', 'الوزير'),
      '["quote","لن نرفع الاسعار هذا العام","وزير"]',
    ],
    ['a quote without a known speaker', quote('«الدعم سيستمر»', null), '["quote","الدعم سيستمر"]'],
    [
      'an English quote',
      quote('“We won’t raise prices this year.”', 'The Minister'),
      `["quote","we won't raise prices this year","the minister"]`,
    ],
    ['a tagged claim without a value: its words', tagged('number', ' نحو 1200 مندوب. '), '["number","نحو 1200 مندوب"]'],
    ['a tagged percentage keeps its sign', tagged('percentage', '45%،'), '["percentage","45%"]'],
  ])('%s', (_name, input, expected) => {
    expect(memoryKeyOf(input)).toBe(expected);
  });

  it.each<[string, MemoryClaim]>([
    ['a tagged claim with no words', tagged('quote', ' «» ')],
    ['a number that is not finite', claim('number', Number.NaN, '؟')],
    ['money without a currency', money(1_500_000, ' ', '1.5 مليون')],
    ['a date without a date', date('', '9 شباط')],
    ['a quote with no words', quote('«...»', 'الوزير')],
    ['a quote whose value is not a quote’s', claim('quote', 90, 'الدعم سيستمر')],
    ['a value that does not fit the kind', claim('number', { amount: 90, currency: 'USD' }, '90 دولارًا')],
  ])('is null for %s', (_name, input) => {
    expect(memoryKeyOf(input)).toBeNull();
  });
});

describe('sameMemoryClaim', () => {
  it.each<[string, MemoryClaim, MemoryClaim, boolean]>([
    ['same: a subject with and without the article', ordinal(90, 'العضو'), ordinal(90, 'عضو', 'عضو رقم 90'), true],
    ['same: a subject with diacritics', ordinal(90, 'العُضْو'), ordinal(90, 'العضو'), true],
    ['same: teh marbuta written as heh', ordinal(45, 'الدورة', 'الـ45'), ordinal(45, 'الدوره', 'الـ45'), true],
    ['same: alef maqsura written as yeh', ordinal(90, 'الذكرى', 'الـ90'), ordinal(90, 'الذكري', 'التسعين'), true],
    ['same: hamza on the alef or not', ordinal(3, 'إقليم', 'ثالث'), ordinal(3, 'اقليم', 'ثالث'), true],
    ['same: an English subject in another case', ordinal(90, 'Member', '90th'), ordinal(90, 'member', 'No. 90'), true],
    ['different: a subject against none', ordinal(90, 'العضو'), ordinal(90, null, 'الـ90'), false],
    ['different: another figure', ordinal(90, 'العضو'), ordinal(89, 'العضو', 'رقم 89'), false],
    ['different: another subject', ordinal(90, 'العضو'), ordinal(90, 'المحطة'), false],
    ['different: another kind, same figure', claim('number', 45, '45'), claim('percentage', 45, '45 بالمئة'), false],
    [
      'same: money across languages',
      money(1_500_000, 'USD', '1.5 مليون دولار'),
      money(1_500_000, 'USD', '$1.5 million'),
      true,
    ],
    [
      'different: another currency',
      money(1_500_000, 'USD', '1.5 مليون دولار'),
      money(1_500_000, 'EUR', '1.5 مليون يورو'),
      false,
    ],
    [
      'same: a date with a wrong weekday, a right one, or in English',
      date('2026-02-09', 'الأحد 9 شباط 2026', 'sunday'),
      date('2026-02-09', 'Monday, February 9, 2026', 'monday'),
      true,
    ],
    ['different: another day', date('2026-02-09', '9 شباط 2026'), date('2026-02-10', '10 شباط 2026'), false],
    [
      'same: a quote with harakat, Arabic-Indic digits and guillemets',
      quote('«لن نرفعَ الأسعارَ قبل ٢٠٢٧»', 'الوزير'),
      quote('لن نرفع الأسعار قبل 2027', 'وزير'),
      true,
    ],
    [
      'same: zero-width marks and Quranic marks in the words',
      quote('الدعم\u200C سيستمر\u06DA', null),
      quote('\uFEFFالدعم سيستمر', null),
      true,
    ],
    [
      'same: quotation marks inside the quote',
      quote('وصف الاتفاق بأنه «تاريخي»', 'الوزير'),
      quote('وصف الاتفاق بأنه تاريخي', 'الوزير'),
      true,
    ],
    [
      'different: the same words from another speaker',
      quote('الدعم سيستمر', 'الوزير'),
      quote('الدعم سيستمر', 'النائب'),
      false,
    ],
    ['different: a known speaker against none', quote('الدعم سيستمر', 'الوزير'), quote('الدعم سيستمر', null), false],
    ['different: another word', quote('الدعم سيستمر', 'الوزير'), quote('الدعم سيتوقف', 'الوزير'), false],
    [
      'same: a tagged quote and an extracted one without a speaker',
      tagged('quote', '«الدعم سيستمر».'),
      quote('الدعم سيستمر', null),
      true,
    ],
    [
      'same: tagged text up to its punctuation',
      tagged('number', 'نحو 1200 مندوب'),
      tagged('number', 'نحو ١٢٠٠ مندوب،'),
      true,
    ],
    ['different: a tagged percentage without its sign', tagged('percentage', '45%'), tagged('percentage', '45'), false],
    ['same: English apostrophes', quote('We won’t raise prices', null), quote("We won't raise prices", null), true],
    ['different: nothing to key on', tagged('quote', '«»'), tagged('quote', '…'), false],
  ])('%s', (_name, a, b, expected) => {
    expect(sameMemoryClaim(a, b)).toBe(expected);
    expect(sameMemoryClaim(b, a)).toBe(expected);
  });
});
