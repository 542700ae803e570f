/**
 * Reads the written forms of a date into its parts, without deciding anything yet: weekday-less
 * bodies in Arabic and English word orders (`9 شباط 2026`, `العاشر من آذار`, `February 9, 2026`,
 * `تشرين الثاني 2025`), double month names, ISO and day/month/year numerals, and bare years where
 * they are used as dates (`عام 2025`, `in 2025`, `2025م`).
 */

import { ARABIC_YEARS_DUAL } from './context-words.js';
import { matchMonthName, type MonthMatch } from './months.js';
import { readOrdinalWords } from './ordinal-words.js';
import { adjacent, bareInfo, isPunct, skip, stemIs, type Match } from './scan-context.js';
import type { Token } from './token.js';

export type Calendar = 'gregorian' | 'hijri';

export interface DateBody {
  /** Token range of the date without its weekday. */
  first: number;
  last: number;
  start: number;
  calendar: Calendar;
  year: number | null;
  month: number | null;
  day: number | null;
}

const ERA_GREGORIAN: ReadonlySet<string> = new Set(['م', 'ad', 'ce']);
const ERA_HIJRI: ReadonlySet<string> = new Set(['ه', 'ah']);
const YEAR_WORDS: ReadonlySet<string> = new Set(['عام', 'العام', 'سنة', 'السنة', 'year']);
/** `غرة رمضان`, `أول شباط`, `فاتح ماي`: the first day of the month, right before its name. */
const FIRST_DAY_WORDS: ReadonlySet<string> = new Set(['غرة', 'اول', 'فاتح']);
/** `الفاتح من ماي`: the first day, with `من` (Maghrebi). */
const FIRST_DAY_WITH_OF = 'الفاتح';
const APOSTROPHES: ReadonlySet<string> = new Set(["'", '\u2019', '\u2018']);
/** Leads that make a recent year a date only when nothing like a counted noun follows it. */
const WEAK_YEAR_LEADS: ReadonlySet<string> = new Set(['of', 'من']);

function followedByNoun(token: Token | undefined): boolean {
  if (token === undefined || token.kind !== 'word' || token.newlineBefore) return false;
  const info = token.info;
  return !(
    info?.preposition === true ||
    info?.functionWord === true ||
    info?.yearLead === true ||
    token.clitic !== 'none'
  );
}

export function isComma(token: Token | undefined): boolean {
  return isPunct(token, ',') || isPunct(token, '،');
}

function isYearNumber(token: Token | undefined, calendar: Calendar | null): token is Token {
  if (token === undefined || token.kind !== 'number' || token.intDigits !== 4 || token.grouped || token.decimal) {
    return false;
  }
  return calendar === 'hijri' ? token.value >= 1300 && token.value <= 1600 : token.value >= 1000 && token.value <= 2199;
}

/** Era marker right after a year: `م`, `هـ`, `AD`. Returns its calendar, or null. */
function eraAt(token: Token | undefined): Calendar | null {
  if (token === undefined || token.kind !== 'word' || token.pre !== 0 || token.newlineBefore) return null;
  if (token.script === 'latin' && token.caseShape !== 'upper') return null;
  if (ERA_GREGORIAN.has(token.text)) return 'gregorian';
  if (ERA_HIJRI.has(token.text)) return 'hijri';
  return null;
}

export function isDayNumber(token: Token | undefined, max = 31): token is Token {
  return (
    token !== undefined &&
    token.kind === 'number' &&
    !token.grouped &&
    !token.decimal &&
    token.intDigits <= 2 &&
    token.value >= 1 &&
    token.value <= max
  );
}

/** A day written with one or two digits that no month has (`32 August 2014`): a date only with its year. */
function isImpossibleDay(token: Token | undefined): token is Token {
  return isDayNumber(token, 99) && token.value > 31;
}

/** `'15` after a day and month: a two-digit year, which is refused. Returns its last token, or -1. */
export function twoDigitYearEnd(tokens: readonly Token[], j: number): number {
  let k = j;
  if (isComma(tokens[k])) k++;
  const mark = tokens[k];
  const year = tokens[k + 1];
  if (mark?.kind !== 'punct' || !APOSTROPHES.has(mark.text) || !adjacent(mark, year)) return -1;
  if (year.kind !== 'number' || year.intDigits !== 2 || year.decimal || year.grouped) return -1;
  return k + 1;
}

export interface YearPart {
  year: number;
  last: number;
  era: Calendar | null;
}

/** `2026`, `، 2026`, `من العام 2026`, `of 2026`, `2026م`, `1447 هـ` after a month. */
export function readYearPart(tokens: readonly Token[], j: number, calendar: Calendar): YearPart | null {
  let k = j;
  if (isComma(tokens[k])) k++;
  if (stemIs(tokens[k], 'من', 'of')) k++;
  if (tokens[k]?.kind === 'word' && YEAR_WORDS.has(tokens[k].stem)) k++;
  const year = tokens[k];
  if (!isYearNumber(year, calendar) || year.newlineBefore) return null;
  // A year glued to more digits or letters is something else.
  const after = tokens[k + 1];
  const era = eraAt(after);
  if (era !== null && era !== calendar) return null;
  if (era === null && adjacent(year, after) && after?.kind !== 'punct') return null;
  return { year: year.value, last: era !== null ? k + 1 : k, era };
}

/** A second name of the same month: `شباط/فبراير`, `شباط (فبراير)`. */
function readMonthAlias(tokens: readonly Token[], month: MonthMatch): { last: number; parenthesised: boolean } | null {
  const sep = tokens[month.next];
  if (isPunct(sep, '/')) {
    const alias = matchMonthName(tokens, month.next + 1);
    if (alias !== null && alias.month === month.month && alias.calendar === month.calendar) {
      return { last: alias.last, parenthesised: false };
    }
  } else if (isPunct(sep, '(')) {
    const alias = matchMonthName(tokens, month.next + 1);
    if (alias !== null && alias.month === month.month && isPunct(tokens[alias.next], ')')) {
      return { last: alias.next, parenthesised: true };
    }
  }
  return null;
}

/** After a month name (and its alias): the optional year. */
function finishAfterMonth(
  tokens: readonly Token[],
  first: number,
  start: number,
  month: MonthMatch,
  day: number | null,
): DateBody | null {
  const alias = readMonthAlias(tokens, month);
  const monthLast = alias === null ? month.last : alias.last;
  const yearPart = readYearPart(tokens, monthLast + 1, month.calendar);
  if (yearPart === null && (day === null || day > 31)) return null;
  // A parenthesised alias only belongs to the span when a year closes it.
  const last = yearPart !== null ? yearPart.last : alias !== null && !alias.parenthesised ? alias.last : month.last;
  return { first, last, start, calendar: month.calendar, year: yearPart?.year ?? null, month: month.month, day };
}

/** Ordinal day words: `العاشر`, `الحادي عشر`, `الحادي والعشرين`, `غرة`, `first`, `twenty-first`. */
function readOrdinalDay(tokens: readonly Token[], i: number): { day: number; last: number } | null {
  const token = tokens[i];
  if (token?.script === 'arabic' && (FIRST_DAY_WORDS.has(token.stem) || token.stem === FIRST_DAY_WITH_OF)) {
    return { day: 1, last: i };
  }
  const words = readOrdinalWords(tokens, i);
  if (words === null || (token?.script === 'arabic' && !words.info.definite)) return null;
  return words.value >= 1 && words.value <= 31 ? { day: words.value, last: words.last } : null;
}

/** Day first: `9 شباط`, `9th of February`, `العاشر من آذار`, `the first of March`. */
export function readDayFirst(tokens: readonly Token[], i: number): DateBody | null {
  const token = tokens[i];
  let day: number;
  let k: number;
  let wordDay = false;
  if (isDayNumber(token, 99)) {
    day = token.value;
    k = i + 1;
    if (adjacent(token, tokens[k]) && tokens[k]?.info?.ordinalSuffix === true) k++;
    else if (adjacent(token, tokens[k]) && tokens[k]?.kind !== 'punct') return null;
  } else {
    const ordinalDay = readOrdinalDay(tokens, i);
    if (ordinalDay === null) return null;
    day = ordinalDay.day;
    k = ordinalDay.last + 1;
    wordDay = true;
  }
  const hasOf = stemIs(tokens[k], 'من', 'of');
  if (hasOf) k++;
  else if (wordDay && (token.script !== 'arabic' || !FIRST_DAY_WORDS.has(token.stem))) return null;
  if (stemIs(tokens[k], 'شهر')) k++;
  const month = matchMonthName(tokens, k);
  if (month === null || tokens[k].newlineBefore) return null;
  const body = finishAfterMonth(tokens, i, token.stemStart, month, day);
  // `أول رمضان` is as often the first Ramadan (`أول رمضان بعد الحرب`): a date only with its year.
  if (body?.year === null && month.calendar === 'hijri' && token.stem === 'اول') return null;
  return body;
}

/** Month first: `February 9, 2026`, `Feb. 9`, `تشرين الثاني 2025`, `February 2026`. */
function readMonthFirst(tokens: readonly Token[], i: number): DateBody | Match | null {
  const month = matchMonthName(tokens, i);
  if (month === null) return null;
  const token = tokens[i];
  if (token.script === 'latin') {
    let k = month.next;
    if (isPunct(tokens[k], '.') && adjacent(token, tokens[k])) k++;
    const dayToken = tokens[k];
    const wordDay = dayToken?.newlineBefore === false ? readEnglishOrdinalDay(tokens, k) : null;
    if (wordDay !== null) {
      const yearPart = readYearPart(tokens, wordDay.last + 1, 'gregorian');
      return {
        first: i,
        last: yearPart?.last ?? wordDay.last,
        start: token.start,
        calendar: 'gregorian',
        year: yearPart?.year ?? null,
        month: month.month,
        day: wordDay.day,
      };
    }
    if (isDayNumber(dayToken, 99) && !dayToken.newlineBefore) {
      let last = k;
      if (adjacent(dayToken, tokens[k + 1]) && tokens[k + 1]?.info?.ordinalSuffix === true) last = k + 1;
      else if (adjacent(dayToken, tokens[k + 1]) && tokens[k + 1]?.kind !== 'punct') return null;
      // `February 9, 2026`: the comma belongs only when a year follows.
      const yearPart = readYearPart(tokens, last + 1, 'gregorian');
      if (yearPart === null && isImpossibleDay(dayToken)) return null;
      return {
        first: i,
        last: yearPart?.last ?? last,
        start: token.start,
        calendar: 'gregorian',
        year: yearPart?.year ?? null,
        month: month.month,
        day: dayToken.value,
      };
    }
  }
  if (token.script === 'latin' && isPunct(tokens[month.next], '.') && adjacent(token, tokens[month.next])) {
    // `Sep. 2012`; `Sep. '12` is refused
    const refused = twoDigitYearEnd(tokens, month.next + 1);
    if (refused >= 0) return skip(refused + 1);
    const yearPart = readYearPart(tokens, month.next + 1, 'gregorian');
    if (yearPart !== null) {
      return {
        first: i,
        last: yearPart.last,
        start: token.start,
        calendar: 'gregorian',
        ...monthYear(yearPart, month),
      };
    }
  }
  const body = finishAfterMonth(tokens, i, token.stemStart, month, null);
  if (body !== null) return body;
  // A two-word month name alone is no date, but its ordinal word is no rank either.
  return month.twoWords ? skip(month.next) : null;
}

function monthYear(yearPart: YearPart, month: MonthMatch): { year: number; month: number; day: null } {
  return { year: yearPart.year, month: month.month, day: null };
}

/** `May eighth`, `March twenty-first`: an English ordinal word as the day after the month. */
function readEnglishOrdinalDay(tokens: readonly Token[], k: number): { day: number; last: number } | null {
  const token = tokens[k];
  if (token?.script !== 'latin') return null;
  const words = readOrdinalWords(tokens, k);
  if (words === null || words.value < 1 || words.value > 31) return null;
  return { day: words.value, last: words.last };
}

/** Year first: `2018 March 18`. */
function readYearFirst(tokens: readonly Token[], i: number): DateBody | null {
  const year = tokens[i];
  if (!isYearNumber(year, 'gregorian') || adjacent(year, tokens[i + 1])) return null;
  const monthToken = tokens[i + 1];
  if (monthToken?.script !== 'latin' || monthToken.newlineBefore) return null;
  const month = matchMonthName(tokens, i + 1);
  if (month === null || month.twoWords) return null;
  const day = tokens[month.next];
  if (!isDayNumber(day) || day.newlineBefore) return null;
  const after = tokens[month.next + 1];
  if (adjacent(day, after) && after?.kind !== 'punct') return null;
  return {
    first: i,
    last: month.next,
    start: year.start,
    calendar: 'gregorian',
    year: year.value,
    month: month.month,
    day: day.value,
  };
}

/** `2026-02-09`, `9/2/2026`, `9-2-2026`, `2026/2/9`. */
function readNumericDate(tokens: readonly Token[], i: number): DateBody | null {
  const a = tokens[i];
  const sep1 = tokens[i + 1];
  const b = tokens[i + 2];
  const sep2 = tokens[i + 3];
  const c = tokens[i + 4];
  if (
    a.kind !== 'number' ||
    sep1 === undefined ||
    sep1.kind !== 'punct' ||
    b?.kind !== 'number' ||
    c?.kind !== 'number'
  ) {
    return null;
  }
  const separator = sep1.text;
  if ((separator !== '/' && separator !== '-' && separator !== '.') || !isPunct(sep2, separator)) return null;
  if (!adjacent(a, sep1) || !adjacent(sep1, b) || !adjacent(b, sep2) || !adjacent(sep2, c)) return null;
  if (a.decimal || b.decimal || c.decimal || a.grouped || b.grouped || c.grouped) return null;
  let year: number;
  let month: number;
  let day: number;
  if (a.intDigits === 4 && b.intDigits <= 2 && c.intDigits <= 2) {
    [year, month, day] = [a.value, b.value, c.value];
  } else if (a.intDigits <= 2 && b.intDigits <= 2 && c.intDigits === 4) {
    [day, month, year] = [a.value, b.value, c.value];
  } else {
    return null;
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1000 || year > 2199) return null;
  if (adjacent(c, tokens[i + 5]) && tokens[i + 5]?.kind !== 'punct') return null;
  return { first: i, last: i + 4, start: a.start, calendar: 'gregorian', year, month, day };
}

function isYearLead(token: Token | undefined): boolean {
  if (token === undefined || token.kind !== 'word') return false;
  return token.info?.yearLead === true || bareInfo(token)?.yearLead === true;
}

/** A bare year used as a date: after `عام`/`in`/`since`…, or with an era marker. */
function readBareYear(tokens: readonly Token[], i: number): DateBody | null {
  const token = tokens[i];
  if (!isYearNumber(token, null)) return null;
  const after = tokens[i + 1];
  const era = eraAt(after);
  if (era === null && adjacent(token, after) && after?.kind !== 'punct') return null;
  // `mid-2025`
  const before = isPunct(tokens[i - 1], '-') && tokens[i - 2]?.text === 'mid' ? tokens[i - 2] : tokens[i - 1];
  let led = isYearLead(before);
  // Leads other than the year words (`في`, `in`, `بعد`…) make only a recent year a date: not `في 1500 موقع`.
  if (led && before !== undefined && !YEAR_WORDS.has(before.stem) && (token.value < 1900 || token.value > 2100)) {
    led = false;
  }
  // `of 2025`, `من 2025`: a year only when no counted noun follows (`a total of 2000 soldiers` is a count)
  if (!led && before?.kind === 'word' && before.pre === 0 && WEAK_YEAR_LEADS.has(before.stem)) {
    led = token.value >= 1900 && token.value <= 2100 && !followedByNoun(tokens[i + 1]);
  }
  // `عامي 2011 و2012`
  if (stemIs(before, ARABIC_YEARS_DUAL)) led = true;
  if (!led && before?.clitic === 'prefix' && before.text === 'و' && isYearNumber(tokens[i - 2], null)) {
    led = stemIs(tokens[i - 3], ARABIC_YEARS_DUAL);
  }
  if (!led && era === null) return null;
  const calendar: Calendar = era ?? 'gregorian';
  if (!isYearNumber(token, calendar)) return null;
  return {
    first: i,
    last: era === null ? i : i + 1,
    start: token.start,
    calendar,
    year: token.value,
    month: null,
    day: null,
  };
}

function readBodyForms(tokens: readonly Token[], i: number): DateBody | Match | null {
  const token = tokens[i];
  if (token.kind === 'number') {
    return readNumericDate(tokens, i) ?? readDayFirst(tokens, i) ?? readYearFirst(tokens, i) ?? readBareYear(tokens, i);
  }
  if (token.kind !== 'word') return null;
  if (token.info?.month !== undefined) return readMonthFirst(tokens, i);
  if (
    token.info?.ordinal !== undefined ||
    FIRST_DAY_WORDS.has(token.stem) ||
    token.stem === FIRST_DAY_WITH_OF ||
    token.info?.number?.kind === 'ten'
  ) {
    return readDayFirst(tokens, i);
  }
  return null;
}

export function readBody(tokens: readonly Token[], i: number): DateBody | Match | null {
  const body = readBodyForms(tokens, i);
  // A day and month with a two-digit year (`5 March '15`) is refused whole.
  if (isBody(body) && body.year === null && body.day !== null) {
    const refused = twoDigitYearEnd(tokens, body.last + 1);
    if (refused >= 0) return skip(refused + 1);
  }
  return body;
}

export function isBody(value: DateBody | Match | null): value is DateBody {
  return value !== null && 'calendar' in value;
}
