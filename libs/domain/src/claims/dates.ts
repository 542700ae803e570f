/**
 * Dates: resolves what date-forms read into claims, placing a year-less date nearest the
 * reference and converting Hijri dates to Gregorian (Umm al-Qura); a weekday before a date
 * belongs to it, and a day that does not exist becomes an `invalid_date` finding instead.
 */

import {
  daysInGregorianMonth,
  formatDay,
  formatMonth,
  nearestGregorianYear,
  weekdayOf,
  type CalendarDay,
} from './calendar.js';
import { isBody, isComma, isDayNumber, readBody, readDayFirst, type Calendar, type DateBody } from './date-forms.js';
import { daysInHijriMonth, gregorianYearOfHijriYear, hijriToGregorian, nearestHijriYear } from './hijri.js';
import { adjacent, isPunct, skip, stemIs, type ClaimCandidate, type Match, type ScanContext } from './scan-context.js';
import type { Weekday } from '#contracts';
import { ARABIC_DAY_WORD } from './weekdays.js';

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
      const year = body.year ?? nearestGregorianYear(month, day, reference);
      const length = daysInGregorianMonth(year, month);
      if (day > length) return invalid(start, end, next, calendar, year, month, day, length);
      date = formatDay(year, month, day);
      actual = weekdayOf(year, month, day);
    } else {
      const year = body.year ?? nearestHijriYear(month, day, reference);
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
  return resolve(body, token.stemStart, tokens[body.last].end, body.last + 1, weekday.weekday, ctx.reference);
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
  return resolve(body, body.start, ctx.tokens[body.last].end, body.last + 1, null, ctx.reference);
}
