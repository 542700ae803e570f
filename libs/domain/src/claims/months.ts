/**
 * Month names of every system Arabic news uses (Levantine/Iraqi, Egyptian/Gulf, Maghrebi,
 * Moroccan), the Hijri months, and English months, plus the matcher for two-word names
 * (`كانون الثاني`, `ربيع الأول`, `ذو الحجة`).
 */

import type { Token } from './token.js';
import type { MonthInfo } from './word-info.js';

type Entry = readonly [word: string, info: MonthInfo];

const gregorian = (month: number, capitalRequired = false): MonthInfo => ({
  calendar: 'gregorian',
  month,
  capitalRequired,
});
const hijri = (month: number, capitalRequired = false): MonthInfo => ({ calendar: 'hijri', month, capitalRequired });
const head = (calendar: MonthInfo['calendar'], tails: readonly (readonly [string, number])[]): MonthInfo => ({
  calendar,
  month: 0,
  tails: new Map(tails),
  capitalRequired: false,
});

const ARABIC_GREGORIAN: readonly (readonly [number, readonly string[]])[] = [
  [1, ['يناير', 'جانفي', 'جانفيه']],
  [2, ['شباط', 'فبراير', 'فيفري', 'فبرير']],
  [3, ['اذار', 'مارس']],
  [4, ['نيسان', 'ابريل', 'افريل']],
  [5, ['ايار', 'مايو', 'ماي']],
  [6, ['حزيران', 'يونيو', 'يونيه', 'يونية', 'جوان']],
  [7, ['تموز', 'يوليو', 'يوليه', 'يولية', 'جويلية', 'جويليه', 'يوليوز']],
  [8, ['اب', 'اغسطس', 'اوت', 'غشت']],
  [9, ['ايلول', 'سبتمبر', 'شتنبر']],
  [10, ['اكتوبر']],
  [11, ['نوفمبر', 'نونبر']],
  [12, ['ديسمبر', 'دجنبر']],
];

const HIJRI: readonly (readonly [number, readonly string[]])[] = [
  [1, ['محرم', 'المحرم']],
  [7, ['رجب']],
  [8, ['شعبان']],
  [9, ['رمضان']],
  [10, ['شوال']],
];

const ENGLISH: readonly (readonly [number, readonly string[]])[] = [
  [1, ['january']],
  [2, ['february']],
  [3, ['march']],
  [4, ['april']],
  [5, ['may']],
  [6, ['june']],
  [7, ['july']],
  [8, ['august']],
  [9, ['september']],
  [10, ['october']],
  [11, ['november']],
  [12, ['december']],
];

/** Abbreviations, and full names that are also common words, count only when capitalised. */
const ENGLISH_ABBREVIATIONS: readonly (readonly [string, number])[] = [
  ['jan', 1],
  ['feb', 2],
  ['mar', 3],
  ['apr', 4],
  ['jun', 6],
  ['jul', 7],
  ['aug', 8],
  ['sep', 9],
  ['sept', 9],
  ['oct', 10],
  ['nov', 11],
  ['dec', 12],
];
/** Hijri months written in English (`1 Shawwal 1446 AH`), one-word names only; capitalised, as names. */
const ENGLISH_HIJRI: readonly (readonly [string, number])[] = [
  ['muharram', 1],
  ['safar', 2],
  ['rajab', 7],
  ['shaban', 8],
  ['shaaban', 8],
  ['ramadan', 9],
  ['ramadhan', 9],
  ['shawwal', 10],
  ['shawal', 10],
];
/** Heads of Hijri names of several words in English, with the last words that complete them. */
const ENGLISH_HIJRI_HEADS: readonly (readonly [string, readonly (readonly [string, number])[]])[] = [
  [
    'rabi',
    [
      ['awwal', 3],
      ['thani', 4],
      ['akhir', 4],
    ],
  ],
  [
    'jumada',
    [
      ['ula', 5],
      ['awwal', 5],
      ['akhira', 6],
      ['akhirah', 6],
      ['thani', 6],
      ['thaniya', 6],
    ],
  ],
  [
    'dhu',
    [
      ['qada', 11],
      ['qadah', 11],
      ['qaada', 11],
      ['hijja', 12],
      ['hijjah', 12],
    ],
  ],
  [
    'dhul',
    [
      ['qada', 11],
      ['qadah', 11],
      ['qaada', 11],
      ['hijja', 12],
      ['hijjah', 12],
    ],
  ],
  ['sha', [['ban', 8]]],
];
const ENGLISH_ARTICLES: ReadonlySet<string> = new Set(['al', 'ul', 'el']);
const APOSTROPHES: ReadonlySet<string> = new Set(["'", '\u2019']);
const ENGLISH_COMMON_WORDS: ReadonlySet<string> = new Set(['march', 'may', 'august']);

function entries(): Entry[] {
  const list: Entry[] = [];
  for (const [month, names] of ARABIC_GREGORIAN) for (const name of names) list.push([name, gregorian(month)]);
  for (const [month, names] of HIJRI) for (const name of names) list.push([name, hijri(month)]);
  // `صفر` is also `zero`; like every month name it makes a date only with a day or a year.
  list.push(['صفر', hijri(2)]);
  for (const [month, names] of ENGLISH) {
    for (const name of names) list.push([name, gregorian(month, ENGLISH_COMMON_WORDS.has(name))]);
  }
  for (const [name, month] of ENGLISH_ABBREVIATIONS) list.push([name, gregorian(month, true)]);
  for (const [name, month] of ENGLISH_HIJRI) list.push([name, hijri(month, true)]);
  for (const [name, tails] of ENGLISH_HIJRI_HEADS)
    list.push([name, { ...head('hijri', tails), capitalRequired: true }]);
  list.push([
    'كانون',
    head('gregorian', [
      ['الثاني', 1],
      ['الاول', 12],
    ]),
  ]);
  list.push([
    'تشرين',
    head('gregorian', [
      ['الاول', 10],
      ['الثاني', 11],
    ]),
  ]);
  list.push([
    'ربيع',
    head('hijri', [
      ['الاول', 3],
      ['الاخر', 4],
      ['الثاني', 4],
    ]),
  ]);
  const jumada = head('hijri', [
    ['الاولي', 5],
    ['الاول', 5],
    ['الاخرة', 6],
    ['الاخر', 6],
    ['الثانية', 6],
    ['الثاني', 6],
  ]);
  list.push(['جمادي', jumada], ['جماد', jumada]);
  const dhu = head('hijri', [
    ['القعدة', 11],
    ['الحجة', 12],
  ]);
  list.push(['ذو', dhu], ['ذي', dhu]);
  return list;
}

export const MONTH_WORDS: readonly Entry[] = entries();

export interface MonthMatch {
  calendar: MonthInfo['calendar'];
  month: number;
  /** Token index after the month name. */
  next: number;
  /** Last token of the name. */
  last: number;
  /** The name has two words: its second word must never be read as an ordinal. */
  twoWords: boolean;
}

/** Reads a month name starting at token `i`, or null. */
export function matchMonthName(tokens: readonly Token[], i: number): MonthMatch | null {
  const token = tokens[i];
  const info = token?.info?.month;
  if (token === undefined || info === undefined) return null;
  if (info.capitalRequired && token.caseShape === 'lower') return null;
  if (info.tails === undefined) {
    return {
      calendar: info.calendar,
      month: info.month,
      next: i + 1,
      last: i,
      twoWords: false,
    };
  }
  if (token.script === 'latin') return matchEnglishHijriName(tokens, i, info.tails);
  const tail = tokens[i + 1];
  if (tail === undefined || tail.kind !== 'word' || tail.pre !== 0) return null;
  const month = info.tails.get(tail.text);
  if (month === undefined) return null;
  return { calendar: info.calendar, month, next: i + 2, last: i + 1, twoWords: true };
}

/** `Dhu al-Hijja`, `Dhul-Hijjah`, `Rabi' al-Awwal`, `Jumada al-Ula`, `Sha'ban`. */
function matchEnglishHijriName(
  tokens: readonly Token[],
  i: number,
  tails: ReadonlyMap<string, number>,
): MonthMatch | null {
  let j = i + 1;
  const glued = (k: number): boolean => tokens[k] !== undefined && tokens[k - 1].end === tokens[k].start;
  if (tokens[j]?.kind === 'punct' && APOSTROPHES.has(tokens[j].text) && glued(j)) j++;
  if (tokens[j]?.kind === 'word' && ENGLISH_ARTICLES.has(tokens[j].text) && !tokens[j].newlineBefore) j++;
  if (tokens[j]?.kind === 'punct' && tokens[j].text === '-' && glued(j) && glued(j + 1)) j++;
  const tail = tokens[j];
  if (tail === undefined || tail.kind !== 'word' || tail.newlineBefore) return null;
  const month = tails.get(tail.text);
  if (month === undefined) return null;
  return { calendar: 'hijri', month, next: j + 1, last: j, twoWords: true };
}
