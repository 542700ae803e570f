/** English cardinal and ordinal number words. */

import type { NumberWordInfo, OrdinalWordInfo } from './word-info.js';

type Entry<T> = readonly [word: string, info: T];

const UNITS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const TEENS = ['eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const SCALES: readonly (readonly [string, number])[] = [
  ['thousand', 1e3],
  ['million', 1e6],
  ['billion', 1e9],
  ['trillion', 1e12],
];

function numberWords(): Entry<NumberWordInfo>[] {
  const entries: Entry<NumberWordInfo>[] = [];
  UNITS.forEach((word, i) =>
    entries.push([word, { kind: 'unit', value: i + 1, form: 'single', standalone: word !== 'one' }]),
  );
  TEENS.forEach((word, i) => entries.push([word, { kind: 'teen', value: i + 11, form: 'single', standalone: true }]));
  TENS.forEach((word, i) =>
    entries.push([word, { kind: 'ten', value: (i + 2) * 10, form: 'single', standalone: true }]),
  );
  entries.push(['zero', { kind: 'unit', value: 0, form: 'single', standalone: true }]);
  entries.push(['hundred', { kind: 'hundred', value: 100, form: 'single', standalone: true }]);
  // `two dozen` is 24 and `a dozen` 12, read like a scale; `dozens` stays vague.
  entries.push(['dozen', { kind: 'scale', value: 12, form: 'single', standalone: true }]);
  for (const [word, value] of SCALES) {
    entries.push([word, { kind: 'scale', value, form: 'single', standalone: true }]);
  }
  return entries;
}

export const ENGLISH_NUMBER_WORDS: readonly Entry<NumberWordInfo>[] = numberWords();

const UNIT_ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];
const TEEN_ORDINALS = [
  'eleventh',
  'twelfth',
  'thirteenth',
  'fourteenth',
  'fifteenth',
  'sixteenth',
  'seventeenth',
  'eighteenth',
  'nineteenth',
];
const TEN_ORDINALS = [
  'twentieth',
  'thirtieth',
  'fortieth',
  'fiftieth',
  'sixtieth',
  'seventieth',
  'eightieth',
  'ninetieth',
];

function ordinalWords(): Entry<OrdinalWordInfo>[] {
  const entries: Entry<OrdinalWordInfo>[] = [];
  UNIT_ORDINALS.forEach((word, i) =>
    entries.push([word, { value: i + 1, kind: 'unit', definite: false, common: true }]),
  );
  TEEN_ORDINALS.forEach((word, i) =>
    entries.push([word, { value: i + 11, kind: 'teen', definite: false, common: false }]),
  );
  TEN_ORDINALS.forEach((word, i) =>
    entries.push([word, { value: (i + 2) * 10, kind: 'ten', definite: false, common: false }]),
  );
  entries.push(['hundredth', { value: 100, kind: 'hundred', definite: false, common: false }]);
  return entries;
}

export const ENGLISH_ORDINAL_WORDS: readonly Entry<OrdinalWordInfo>[] = ordinalWords();

/** Suffixes written against digits: `90th`, `$5bn`. `m`/`k` count only next to a currency. */
export const ENGLISH_ORDINAL_SUFFIXES: readonly string[] = ['st', 'nd', 'rd', 'th'];
export const SCALE_SUFFIXES: readonly (readonly [string, number])[] = [
  ['k', 1e3],
  ['m', 1e6],
  ['mn', 1e6],
  ['mln', 1e6],
  ['b', 1e9],
  ['bn', 1e9],
  ['tn', 1e12],
  ['trn', 1e12],
];
/** Suffixes that are always a scale, also without a currency (`5bn people` is rare but clear). */
export const UNAMBIGUOUS_SCALE_SUFFIXES: ReadonlySet<string> = new Set(['mn', 'mln', 'bn', 'tn', 'trn']);
