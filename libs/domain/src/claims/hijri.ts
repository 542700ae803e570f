/**
 * Hijri (Umm al-Qura) to Gregorian conversion. The platform's Intl calendar `islamic-umalqura`
 * is the authority; an arithmetic estimate finds the neighbourhood and Intl settles the day.
 */

import { epochDay, fromEpochDay, type CalendarDay } from './calendar.js';

const DAY_MS = 86_400_000;

const FORMATTER = new Intl.DateTimeFormat('en-u-ca-islamic-umalqura-nu-latn', {
  timeZone: 'UTC',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
});

/** The Umm al-Qura date of a Gregorian epoch day. */
function hijriOfEpochDay(days: number): CalendarDay {
  let year = 0;
  let month = 0;
  let day = 0;
  for (const part of FORMATTER.formatToParts(new Date(days * DAY_MS))) {
    if (part.type === 'year') year = Number.parseInt(part.value, 10);
    else if (part.type === 'month') month = Number.parseInt(part.value, 10);
    else if (part.type === 'day') day = Number.parseInt(part.value, 10);
  }
  return { year, month, day };
}

/** Tabular (civil) Islamic calendar estimate, within a day or two of Umm al-Qura. */
function estimateEpochDay(year: number, month: number, day: number): number {
  const julianDay = day + Math.ceil(29.5 * (month - 1)) + (year - 1) * 354 + Math.floor((3 + 11 * year) / 30) + 1948439;
  return julianDay - 2440588;
}

const monthStarts = new Map<number, number>();

/** Epoch day of the first day of a Hijri month. */
function monthStart(year: number, month: number): number {
  const key = year * 12 + (month - 1);
  const cached = monthStarts.get(key);
  if (cached !== undefined) return cached;
  let days = estimateEpochDay(year, month, 1);
  for (let attempt = 0; attempt < 4; attempt++) {
    const found = hijriOfEpochDay(days);
    const offset = (year - found.year) * 354 + (month - found.month) * 30 + (1 - found.day);
    if (offset === 0) break;
    // Months are 29 or 30 days: step by the day difference when in the same month.
    days += found.year === year && found.month === month ? 1 - found.day : Math.round(offset * 0.98);
  }
  // Settle exactly: walk back while the previous day is still in the month.
  let found = hijriOfEpochDay(days);
  while (found.year > year || (found.year === year && found.month > month)) {
    days -= 1;
    found = hijriOfEpochDay(days);
  }
  while (found.year < year || (found.year === year && found.month < month)) {
    days += 1;
    found = hijriOfEpochDay(days);
  }
  days -= found.day - 1;
  if (monthStarts.size > 4096) monthStarts.clear();
  monthStarts.set(key, days);
  return days;
}

export function daysInHijriMonth(year: number, month: number): number {
  const nextYear = month === 12 ? year + 1 : year;
  const nextMonth = month === 12 ? 1 : month + 1;
  return monthStart(nextYear, nextMonth) - monthStart(year, month);
}

/** Gregorian date of a Hijri day, or null when the month has no such day. */
export function hijriToGregorian(year: number, month: number, day: number): CalendarDay | null {
  if (month < 1 || month > 12 || day < 1 || day > 30) return null;
  if (day > daysInHijriMonth(year, month)) return null;
  return fromEpochDay(monthStart(year, month) + day - 1);
}

/** The Hijri year among the reference's and its neighbours that puts month/day nearest to it. */
export function nearestHijriYear(month: number, day: number, reference: CalendarDay): number {
  return hijriYearsByNearness(month, day, reference)[0];
}

/** The two Hijri years (among the reference's and its neighbours) that put month/day nearest it, nearest first. */
export function hijriYearsByNearness(month: number, day: number, reference: CalendarDay): [number, number] {
  const target = epochDay(reference.year, reference.month, reference.day);
  const current = hijriOfEpochDay(target).year;
  const ranked = [current - 1, current, current + 1]
    .map((year) => ({ year, distance: Math.abs(monthStart(year, month) + Math.min(day, 29) - 1 - target) }))
    .sort((a, b) => a.distance - b.distance || a.year - b.year);
  return [ranked[0].year, ranked[1].year];
}

/** The Gregorian year that holds the middle of a Hijri year (a bare `1447 هـ`). */
export function gregorianYearOfHijriYear(year: number): number {
  return fromEpochDay(monthStart(year, 7)).year;
}
