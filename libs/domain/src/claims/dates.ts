/**
 * Dates: resolves what date-forms read into claims, placing a year-less date nearest the
 * reference and converting Hijri dates to Gregorian (Umm al-Qura); a weekday before a date
 * belongs to it, and a day that does not exist becomes an `invalid_date` finding instead.
 */

import {
  daysInGregorianMonth,
  epochDay,
  formatDay,
  formatMonth,
  gregorianYearsByNearness,
  nearestGregorianYear,
  weekdayOf,
  type CalendarDay,
} from './calendar.js';
import {
  isBody,
  isComma,
  isDayNumber,
  readBody,
  readDayFirst,
  readYearPart,
  type Calendar,
  type DateBody,
} from './date-forms.js';
import {
  daysInHijriMonth,
  gregorianYearOfHijriYear,
  hijriToGregorian,
  hijriYearsByNearness,
  nearestHijriYear,
} from './hijri.js';
import { adjacent, isPunct, skip, stemIs, type ClaimCandidate, type Match, type ScanContext } from './scan-context.js';
import type { Token } from './token.js';
import type { Weekday } from '#contracts';
import { ARABIC_DAY_WORD } from './weekdays.js';

/**
 * A named weekday may move a year-less day to its other occurrence around the reference only when
 * the nearest one is more than this many days away: nearer than that, the weekday is wrong.
 */
const WEEKDAY_PLACEMENT_DAYS = 45;

/**
 * The year of a year-less day: the nearer of its previous and next occurrence around the
 * reference, unless that one is over WEEKDAY_PLACEMENT_DAYS away and a named weekday fits only
 * the other one (docs/claims.md, date).
 */
function placeGregorian(month: number, day: number, weekday: Weekday | null, reference: CalendarDay): number {
  const [nearest, other] = gregorianYearsByNearness(month, day, reference);
  if (weekday === null || fits(nearest, month, day, weekday) || !fits(other, month, day, weekday)) return nearest;
  const distance = Math.abs(epochDay(nearest, month, day) - epochDay(reference.year, reference.month, reference.day));
  return distance > WEEKDAY_PLACEMENT_DAYS ? other : nearest;
}

function fits(year: number, month: number, day: number, weekday: Weekday): boolean {
  return day <= daysInGregorianMonth(year, month) && weekdayOf(year, month, day) === weekday;
}

function placeHijri(month: number, day: number, weekday: Weekday | null, reference: CalendarDay): number {
  const [nearest, other] = hijriYearsByNearness(month, day, reference);
  if (weekday === null) return nearest;
  const target = epochDay(reference.year, reference.month, reference.day);
  const near = hijriToGregorian(nearest, month, day);
  const far = hijriToGregorian(other, month, day);
  const fitsDay = (date: CalendarDay | null): boolean =>
    date !== null && weekdayOf(date.year, date.month, date.day) === weekday;
  if (near === null || fitsDay(near) || !fitsDay(far)) return nearest;
  return Math.abs(epochDay(near.year, near.month, near.day) - target) > WEEKDAY_PLACEMENT_DAYS ? other : nearest;
}

/** Resolves a body to a claim (or an invalid-date finding), placing a year-less date nearest the reference. */
function resolve(
  body: DateBody,
  start: number,
  end: number,
  next: number,
  weekday: Weekday | null,
  reference: CalendarDay,
): Match {
  const { calendar, month, day } = body;
  let date: string;
  let actual: Weekday | null = null;
  if (month !== null && day !== null) {
    if (calendar === 'gregorian') {
      const year = body.year ?? placeGregorian(month, day, weekday, reference);
      const length = daysInGregorianMonth(year, month);
      if (day > length) return invalid(start, end, next, calendar, year, month, day, length);
      date = formatDay(year, month, day);
      actual = weekdayOf(year, month, day);
    } else {
      const year = body.year ?? placeHijri(month, day, weekday, reference);
      const gregorian = hijriToGregorian(year, month, day);
      if (gregorian === null)
        return invalid(start, end, next, calendar, year, month, day, daysInHijriMonth(year, month));
      date = formatDay(gregorian.year, gregorian.month, gregorian.day);
      actual = weekdayOf(gregorian.year, gregorian.month, gregorian.day);
    }
  } else if (month !== null && body.year !== null) {
    if (calendar === 'gregorian') {
      date = formatMonth(body.year, month);
    } else {
      const first = hijriToGregorian(body.year, month, 1);
      if (first === null) return skip(next);
      date = formatMonth(first.year, first.month);
    }
  } else if (body.year !== null) {
    date = String(calendar === 'gregorian' ? body.year : gregorianYearOfHijriYear(body.year)).padStart(4, '0');
  } else {
    return skip(next);
  }
  const claim: ClaimCandidate = {
    kind: 'date',
    start,
    end,
    value: weekday === null ? { date } : { date, weekday },
    calendar,
    actualWeekday: weekday === null ? null : actual,
  };
  return { next, claims: [claim] };
}

function invalid(
  start: number,
  end: number,
  next: number,
  calendar: Calendar,
  year: number,
  month: number,
  day: number,
  daysInMonth: number,
): Match {
  return {
    next,
    claims: [],
    invalidDates: [{ kind: 'invalid_date', start, end, calendar, year, month, day, daysInMonth }],
  };
}

/** A weekday followed by its date: `الاثنين 9 شباط`, `الاثنين، 9 شباط 2026`, `Monday, February 9`. */
function matchWeekdayLed(ctx: ScanContext, i: number): Match | null {
  const tokens = ctx.tokens;
  const token = tokens[i];
  const weekday = token.info?.weekday;
  if (weekday === undefined) return null;
  const latin = token.script === 'latin';
  if (latin && !weekday.definite && token.caseShape === 'lower') return null;
  let k = i + 1;
  if (latin && isPunct(tokens[k], '.') && adjacent(token, tokens[k])) k++;
  if (isComma(tokens[k])) k++;
  if (stemIs(tokens[k], 'الموافق')) k++;
  if (tokens[k] === undefined || tokens[k].newlineBefore) return null;
  const body = readBody(tokens, k);
  if (!isBody(body)) return null;
  if (!weekday.definite && !latin && !(token.pre === 0 && (stemIs(tokens[i - 1], ARABIC_DAY_WORD) || k === i + 1))) {
    return null;
  }
  const phrase = nthWeekdayOfMonth(tokens[k], body, weekday.weekday, ctx.reference);
  if (phrase !== null) return phrase;
  const range = matchRangeWithYear(ctx, body, token.stemStart, weekday.weekday);
  if (range !== null) return range;
  return resolve(body, token.stemStart, tokens[body.last].end, body.last + 1, weekday.weekday, ctx.reference);
}

/**
 * `الثلاثاء الثالث من أيلول` can be Tuesday the 3rd or the third Tuesday of September. With an
 * ordinal word up to the fifth, it is the date only when the weekday fits it; otherwise it is
 * the nth weekday of the month, whose ordinal ranks the weekdays and is no day of the month.
 */
function nthWeekdayOfMonth(token: Token, body: DateBody, weekday: Weekday, reference: CalendarDay): Match | null {
  const ordinal = token.info?.ordinal;
  if (token.kind !== 'word' || ordinal === undefined || body.day === null || body.day > 5) return null;
  const date = resolve(body, body.start, body.start, body.last + 1, weekday, reference).claims[0];
  if (date?.kind === 'date' && date.actualWeekday === weekday) return null;
  return {
    next: token.index + 1,
    claims: [{ kind: 'ordinal', start: token.stemStart, end: token.end, value: body.day, subject: null }],
  };
}

const RANGE_DASHES: ReadonlySet<string> = new Set(['-', '\u2013', '\u2014']);
const RANGE_END_WORDS: ReadonlySet<string> = new Set(['الي', 'حتي', 'to', 'until', 'till']);

function isRangeConnector(token: Token | undefined): boolean {
  if (token === undefined || token.newlineBefore) return false;
  if (token.kind === 'punct') return RANGE_DASHES.has(token.text);
  if (token.clitic === 'prefix' && token.text === 'و') return true; // `10 آب و12 أيلول 2013`
  return token.kind === 'word' && token.pre === 0 && (RANGE_END_WORDS.has(token.stem) || token.text === 'and');
}

/** The second end of a range after a year-less day: a full date, or `29, 2022` after `February 20 -`. */
function rangeEnd(tokens: readonly Token[], k: number, first: DateBody): DateBody | null {
  const day = tokens[k];
  if (isDayNumber(day, 99) && tokens[first.first]?.info?.month !== undefined && first.day !== null) {
    const after = tokens[k + 1];
    if (adjacent(day, after) && after?.kind !== 'punct') return null;
    const yearPart = readYearPart(tokens, k + 1, first.calendar);
    if (yearPart === null || day.value <= first.day) return null;
    const { calendar, month } = first;
    return { first: k, last: yearPart.last, start: day.start, calendar, year: yearPart.year, month, day: day.value };
  }
  const body = readBody(tokens, k);
  if (!isBody(body) || body.month === null || body.calendar !== first.calendar) return null;
  return body.year !== null || body.day !== null ? body : null;
}

/**
 * `Aug 10 - Nov 12, 2013`, `February 20 - 29, 2022`, `من 10 آب إلى 12 تشرين الثاني 2013`: the
 * year written at the end belongs to both ends (the year before, when the first end is later in the year).
 * With no year at all, the second end is placed nearest the reference and the first precedes it.
 */
function matchRangeWithYear(
  ctx: ScanContext,
  first: DateBody,
  start = first.start,
  weekday: Weekday | null = null,
): Match | null {
  const tokens = ctx.tokens;
  if (first.year !== null || first.month === null || first.day === null) return null;
  if (!isRangeConnector(tokens[first.last + 1])) return null;
  const found = rangeEnd(tokens, first.last + 2, first);
  if (found === null) return null;
  // Without any year, the second end is placed and the first one follows it.
  const second = { ...found, year: yearOf(found, ctx.reference) };
  if (second.year === null || second.month === null) return null;
  const later = first.month > second.month || (first.month === second.month && first.day > (second.day ?? 31));
  const year = later ? second.year - 1 : second.year;
  const a = resolve({ ...first, year }, start, tokens[first.last].end, first.last + 1, weekday, ctx.reference);
  const b = resolve(second, second.start, tokens[second.last].end, second.last + 1, null, ctx.reference);
  return {
    next: second.last + 1,
    claims: [...a.claims, ...b.claims],
    invalidDates: [...(a.invalidDates ?? []), ...(b.invalidDates ?? [])],
  };
}

const RANGE_WORDS: ReadonlySet<string> = new Set(['الي', 'حتي', 'to', 'and']);

/** The year a body resolves to (inferred when the text gives none). */
function yearOf(body: DateBody, reference: CalendarDay): number | null {
  if (body.year !== null || body.month === null || body.day === null) return body.year;
  return body.calendar === 'gregorian'
    ? nearestGregorianYear(body.month, body.day, reference)
    : nearestHijriYear(body.month, body.day, reference);
}

/** `9 و11 شباط`, `9-11 February`, `from 9 to 11 February`: the first day shares the month. */
function matchDayRange(ctx: ScanContext, i: number): Match | null {
  const tokens = ctx.tokens;
  const first = tokens[i];
  if (!isDayNumber(first)) return null;
  const connector = tokens[i + 1];
  if (connector === undefined || connector.newlineBefore) return null;
  const joins =
    isPunct(connector, '-') ||
    (connector.clitic === 'prefix' && connector.text === 'و') ||
    (connector.kind === 'word' && connector.pre === 0 && RANGE_WORDS.has(connector.stem));
  if (!joins) return null;
  const body = readDayFirst(tokens, i + 2);
  if (body === null || body.day === null || body.day <= first.value) return null;
  const year = yearOf(body, ctx.reference);
  const firstDate = resolve({ ...body, day: first.value, year }, first.start, first.end, i + 1, null, ctx.reference);
  const secondDate = resolve({ ...body, year }, body.start, tokens[body.last].end, body.last + 1, null, ctx.reference);
  return {
    next: body.last + 1,
    claims: [...firstDate.claims, ...secondDate.claims],
    invalidDates: [...(firstDate.invalidDates ?? []), ...(secondDate.invalidDates ?? [])],
  };
}

export function matchDate(ctx: ScanContext, i: number): Match | null {
  const token = ctx.tokens[i];
  if (token.kind === 'word' && token.info?.weekday !== undefined) {
    const led = matchWeekdayLed(ctx, i);
    if (led !== null) return led;
  }
  const range = matchDayRange(ctx, i);
  if (range !== null) return range;
  const body = readBody(ctx.tokens, i);
  if (body === null) return null;
  if (!isBody(body)) return body;
  const withYear = matchRangeWithYear(ctx, body);
  if (withYear !== null) return withYear;
  return resolve(body, body.start, ctx.tokens[body.last].end, body.last + 1, null, ctx.reference);
}
