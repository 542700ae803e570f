/**
 * Arabic cardinal and ordinal number words, in normalised spelling (alef variants as ا, final ى
 * as ي, no diacritics), with every form news copy uses: genders, cases, duals, the `مائة`
 * spellings and the accusative `ألفًا`/`مليونًا`.
 */

import type { NumberWordInfo, OrdinalWordInfo } from './word-info.js';

type Entry<T> = readonly [word: string, info: T];

const unit = (value: number, standalone = true): NumberWordInfo => ({
  kind: 'unit',
  value,
  form: 'single',
  standalone,
});
const ten = (value: number): NumberWordInfo => ({ kind: 'ten', value, form: 'single', standalone: true });
const hundred = (value: number): NumberWordInfo => ({
  kind: 'hundred',
  value,
  form: 'single',
  standalone: true,
});
const scale = (value: number, form: NumberWordInfo['form']): NumberWordInfo => ({
  kind: 'scale',
  value,
  form,
  standalone: form !== 'plural',
});

function words<T>(info: T, ...forms: string[]): Entry<T>[] {
  return forms.map((form) => [form, info] as const);
}

const UNIT_WORDS: Entry<NumberWordInfo>[] = [
  // Only the indefinite `صفر`: `الصفر` is a point (`ساعة الصفر`, `تحت الصفر`), not a count.
  ...words(unit(0), 'صفر'),
  ...words(unit(1, false), 'واحد', 'واحدة', 'واحدا', 'احد', 'احدي'),
  ...words(unit(2), 'اثنان', 'اثنين', 'اثنتان', 'اثنتين', 'ثنتين', 'ثنتان'),
  ...words(unit(2, false), 'اثنا', 'اثني', 'اثنتا', 'اثنتي'),
  // Heads of the definite teens, numbers only before `عشر`/`عشرة`: `الأحد عشر`, `الاثنا عشر`.
  ...words(unit(1, false), 'الاحد', 'الاحدي'),
  ...words(unit(2, false), 'الاثنا', 'الاثني', 'الاثنتا', 'الاثنتي'),
  ...words(unit(3), 'ثلاث', 'ثلاثة'),
  ...words(unit(4), 'اربع', 'اربعة'),
  ...words(unit(5), 'خمس', 'خمسة'),
  ...words(unit(6), 'ست', 'ستة'),
  ...words(unit(7), 'سبع', 'سبعة'),
  ...words(unit(8), 'ثمان', 'ثماني', 'ثمانية'),
  ...words(unit(9), 'تسع', 'تسعة'),
  ...words(unit(10), 'عشر', 'عشرة'),
];

const TENS: readonly (readonly [number, string, string])[] = [
  [20, 'عشرون', 'عشرين'],
  [30, 'ثلاثون', 'ثلاثين'],
  [40, 'اربعون', 'اربعين'],
  [50, 'خمسون', 'خمسين'],
  [60, 'ستون', 'ستين'],
  [70, 'سبعون', 'سبعين'],
  [80, 'ثمانون', 'ثمانين'],
  [90, 'تسعون', 'تسعين'],
];

const HUNDRED_STEMS: readonly (readonly [number, readonly string[]])[] = [
  [3, ['ثلاث']],
  [4, ['اربع']],
  [5, ['خمس']],
  [6, ['ست']],
  [7, ['سبع']],
  [8, ['ثمان', 'ثماني']],
  [9, ['تسع']],
];

function hundredWords(): Entry<NumberWordInfo>[] {
  const entries: Entry<NumberWordInfo>[] = [
    ...words(hundred(100), 'مئة', 'مائة', 'ميه'),
    ...words(hundred(200), 'مئتان', 'مئتين', 'مائتان', 'مائتين', 'مئتا', 'مئتي', 'مائتا', 'مائتي'),
  ];
  for (const [multiple, stems] of HUNDRED_STEMS) {
    for (const stem of stems) entries.push(...words(hundred(multiple * 100), `${stem}مئة`, `${stem}مائة`));
  }
  return entries;
}

const SCALE_WORDS: Entry<NumberWordInfo>[] = [
  ...words(scale(1e3, 'single'), 'الف', 'الفا'),
  ...words(scale(1e3, 'dual'), 'الفان', 'الفين', 'الفي'),
  ...words(scale(1e3, 'plural'), 'الاف'),
  ...words(scale(1e6, 'single'), 'مليون', 'مليونا'),
  ...words(scale(1e6, 'dual'), 'مليونان', 'مليونين', 'مليوني'),
  ...words(scale(1e6, 'plural'), 'ملايين'),
  ...words(scale(1e9, 'single'), 'مليار', 'مليارا', 'بليون', 'بليونا'),
  ...words(scale(1e9, 'dual'), 'ملياران', 'مليارين', 'ملياري'),
  ...words(scale(1e9, 'plural'), 'مليارات', 'بلايين'),
  ...words(scale(1e12, 'single'), 'تريليون', 'تريليونا'),
  ...words(scale(1e12, 'dual'), 'تريليونان', 'تريليونين'),
  ...words(scale(1e12, 'plural'), 'تريليونات'),
];

export const ARABIC_NUMBER_WORDS: readonly Entry<NumberWordInfo>[] = [
  ...UNIT_WORDS,
  ...TENS.flatMap(([value, nominative, oblique]) => words(ten(value), nominative, oblique)),
  ...hundredWords(),
  ...SCALE_WORDS,
];

/** Fractions of a scale: `نصف مليون` is 500,000 and `مليون ونصف` 1.5 million; `ربع مليون` 250,000. */
export const ARABIC_FRACTIONS: readonly (readonly [string, number])[] = [
  ['نصف', 0.5],
  ['ربع', 0.25],
];

const ordinal = (value: number, definite: boolean, kind: OrdinalWordInfo['kind'] = 'unit'): OrdinalWordInfo => ({
  value,
  kind,
  definite,
  common: kind === 'unit',
});

const ORDINAL_UNITS: readonly (readonly [number, readonly string[], string | null])[] = [
  [1, ['الاول', 'الاولي'], 'اول'],
  [2, ['الثاني', 'الثانية'], 'ثاني'],
  [3, ['الثالث', 'الثالثة'], 'ثالث'],
  [4, ['الرابع', 'الرابعة'], 'رابع'],
  [5, ['الخامس', 'الخامسة'], 'خامس'],
  [6, ['السادس', 'السادسة'], 'سادس'],
  [7, ['السابع', 'السابعة'], 'سابع'],
  [8, ['الثامن', 'الثامنة'], 'ثامن'],
  [9, ['التاسع', 'التاسعة'], 'تاسع'],
  [10, ['العاشر', 'العاشرة'], 'عاشر'],
];

/** `الحادي`/`الحادية` are ordinals only as the head of 11 or 21..91. */
export const ARABIC_ORDINAL_HEADS_ONLY: ReadonlySet<string> = new Set(['الحادي', 'الحادية']);

function ordinalWords(): Entry<OrdinalWordInfo>[] {
  const entries: Entry<OrdinalWordInfo>[] = [];
  for (const [value, definiteForms, bare] of ORDINAL_UNITS) {
    entries.push(...words(ordinal(value, true), ...definiteForms));
    if (bare !== null) entries.push([bare, ordinal(value, false)]);
  }
  entries.push(...words(ordinal(1, true), ...ARABIC_ORDINAL_HEADS_ONLY));
  for (const [value, nominative, oblique] of TENS) {
    entries.push(...words(ordinal(value, true, 'ten'), `ال${nominative}`, `ال${oblique}`));
  }
  return entries;
}

export const ARABIC_ORDINAL_WORDS: readonly Entry<OrdinalWordInfo>[] = ordinalWords();

/** Dual nouns of time and count that carry the number 2 (conventions: units of time and count). */
export const ARABIC_DUAL_COUNT_WORDS: readonly string[] = [
  'يومين',
  'يومان',
  'اسبوعين',
  'اسبوعان',
  'شهرين',
  'شهران',
  'عامين',
  'عامان',
  'سنتين',
  'سنتان',
  'ساعتين',
  'ساعتان',
  'دقيقتين',
  'دقيقتان',
  'مرتين',
  'مرتان',
  'ضعفين',
  'ضعفان',
];
