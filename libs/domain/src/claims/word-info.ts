/** What the lexicon knows about a word: each recogniser reads the part it cares about. */

import type { Weekday } from '#contracts';

export interface NumberWordInfo {
  /**
   * unit 1-10, teen (English 11-19), ten 20-90, hundred 100-900, scale 1e3 and up.
   * Arabic `عشر`/`عشرة` are units that also close a teen (`خمسة عشر`).
   */
  kind: 'unit' | 'teen' | 'ten' | 'hundred' | 'scale';
  value: number;
  /** A plural scale (`آلاف`, `ملايين`) needs a count before it; a dual carries its own 2. */
  form: 'single' | 'dual' | 'plural';
  /** False for words that are a number only inside a compound (`أحد`, `اثنا`, `one`). */
  standalone: boolean;
}

export interface OrdinalWordInfo {
  value: number;
  /** unit: 1-10 (also the head of 11-19 and 21-99); ten: 20-90; teen: 11-19 in one English word. */
  kind: 'unit' | 'ten' | 'teen' | 'hundred';
  /** Arabic forms with `ال`. */
  definite: boolean;
  /** Common words that are a rank only in a rank context (`first`, `الأول`). */
  common: boolean;
}

export interface MonthInfo {
  calendar: 'gregorian' | 'hijri';
  /** 1-12; for a head word (`كانون`, `ربيع`) the month is decided by its tail. */
  month: number;
  /** Second words that complete a two-word month name, with the month they give. */
  tails?: ReadonlyMap<string, number>;
  /** English names that are also common words (`May`, `March`) must be capitalised. */
  capitalRequired: boolean;
}

export interface WeekdayInfo {
  weekday: Weekday;
  /**
   * Arabic with `ال`, or a full English name. Bare Arabic forms and English abbreviations need a
   * date right after them (or `يوم` before); abbreviations must be capitalised.
   */
  definite: boolean;
}

export interface CurrencyInfo {
  /** ISO 4217 code of the bare noun, or null when the bare noun is not money (`دينار`). */
  code: string | null;
  /** Codes by the nationality adjective that may follow (Arabic) or precede (English) the noun. */
  byAdjective?: ReadonlyMap<string, string>;
}

export interface WordInfo {
  number?: NumberWordInfo;
  ordinal?: OrdinalWordInfo;
  month?: MonthInfo;
  weekday?: WeekdayInfo;
  currency?: CurrencyInfo;
  /** A nationality adjective of a currency (`سورية`, `Syrian`). */
  currencyAdjective?: true;
  /** A three-letter ISO currency code written in capitals (`USD`). */
  currencyCode?: string;
  /** `نصف` (0.5) and `ربع` (0.25): before a scale (`نصف مليون`); `ونصف` also after one (`مليون ونصف`). */
  fraction?: number;
  /** Dual nouns of time or count that carry the number 2 (`يومين`, `مرتين`). */
  dualCount?: true;
  speech?: 'finite' | 'participle';
  /** Nouns after which a number is an identifier (`القرار`, `page`). */
  identifier?: true;
  /** Words that begin a name ending in a number (`رؤية 2030`, `Vision 2030`). */
  nameHead?: true;
  /** Words after which a bare year is a date (`عام`, `in`). */
  yearLead?: true;
  /** Words after a number that make it a time of day (`صباحًا`, `pm`). */
  timeMarker?: true;
  /** Words that introduce a time of day before the number (`الساعة`). */
  timeLead?: true;
  /** Prepositions and particles that end a speaker's name. */
  preposition?: true;
  /** `نسبة`, `rate`: a bare number right after it is a percentage. */
  percentLead?: true;
  /** English determiners that make `first`…`tenth` a rank. */
  determiner?: true;
  /** Scale suffixes written against the digits (`5bn`, `$5m`). */
  scaleSuffix?: number;
  /** English ordinal suffixes (`90th`). */
  ordinalSuffix?: true;
  /** English words that, capitalised at a sentence start, are not part of a name. */
  functionWord?: true;
  /** Exact words that must not be read as prefix + known word (`لست` is not `ل` + `ست`). */
  blocked?: true;
}
