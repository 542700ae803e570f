/** Merges every word table into one map, so that each word is looked up once per text. */

import {
  ARABIC_DUAL_COUNT_WORDS,
  ARABIC_FRACTIONS,
  ARABIC_NUMBER_WORDS,
  ARABIC_ORDINAL_WORDS,
} from './arabic-numbers.js';
import {
  BLOCKED_WORDS,
  DETERMINERS,
  FUNCTION_WORDS,
  IDENTIFIER_NOUNS,
  NAME_HEADS,
  PERCENT_LEADS,
  PREPOSITIONS,
  TIME_LEADS,
  TIME_MARKERS,
  YEAR_LEADS,
} from './context-words.js';
import { CURRENCY_ADJECTIVES, CURRENCY_CODES, CURRENCY_WORDS } from './currencies.js';
import { MONTH_WORDS } from './months.js';
import {
  ENGLISH_NUMBER_WORDS,
  ENGLISH_ORDINAL_SUFFIXES,
  ENGLISH_ORDINAL_WORDS,
  SCALE_SUFFIXES,
} from './number-words-en.js';
import { SPEECH_VERBS } from './speech-verbs.js';
import { WEEKDAY_WORDS } from './weekdays.js';
import type { WordInfo } from './word-info.js';

function build(): Map<string, WordInfo> {
  const lexicon = new Map<string, WordInfo>();
  const add = (word: string, info: WordInfo): void => {
    const existing = lexicon.get(word);
    lexicon.set(word, existing === undefined ? { ...info } : { ...existing, ...info });
  };
  for (const [word, number] of ARABIC_NUMBER_WORDS) add(word, { number });
  for (const [word, number] of ENGLISH_NUMBER_WORDS) add(word, { number });
  for (const [word, ordinal] of ARABIC_ORDINAL_WORDS) add(word, { ordinal });
  for (const [word, ordinal] of ENGLISH_ORDINAL_WORDS) add(word, { ordinal });
  for (const [word, fraction] of ARABIC_FRACTIONS) add(word, { fraction });
  for (const word of ARABIC_DUAL_COUNT_WORDS) add(word, { dualCount: true });
  for (const [word, month] of MONTH_WORDS) add(word, { month });
  for (const [word, weekday] of WEEKDAY_WORDS) add(word, { weekday });
  for (const [word, currency] of CURRENCY_WORDS) add(word, { currency });
  for (const word of CURRENCY_ADJECTIVES) add(word, { currencyAdjective: true });
  for (const code of CURRENCY_CODES) add(code.toLowerCase(), { currencyCode: code });
  for (const [word, speech] of SPEECH_VERBS) add(word, { speech });
  for (const word of IDENTIFIER_NOUNS) add(word, { identifier: true });
  for (const word of NAME_HEADS) add(word, { nameHead: true });
  for (const word of TIME_MARKERS) add(word, { timeMarker: true });
  for (const word of TIME_LEADS) add(word, { timeLead: true });
  for (const word of YEAR_LEADS) add(word, { yearLead: true });
  for (const word of PREPOSITIONS) add(word, { preposition: true });
  for (const word of PERCENT_LEADS) add(word, { percentLead: true });
  for (const word of DETERMINERS) add(word, { determiner: true });
  for (const word of FUNCTION_WORDS) add(word, { functionWord: true });
  for (const suffix of ENGLISH_ORDINAL_SUFFIXES) add(suffix, { ordinalSuffix: true });
  for (const [suffix, value] of SCALE_SUFFIXES) add(suffix, { scaleSuffix: value });
  for (const word of BLOCKED_WORDS) add(word, { blocked: true });
  return lexicon;
}

export const LEXICON: ReadonlyMap<string, WordInfo> = build();
