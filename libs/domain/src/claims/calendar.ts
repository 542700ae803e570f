/** Gregorian arithmetic on plain year/month/day triples, without reading the clock. */

import { WEEKDAYS, type Weekday } from '#contracts';

export interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

const DAY_MS = 86_400_000;

export function daysInGregorianMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Days since 1970-01-01 (UTC) of a Gregorian date. */
export function epochDay(year: number, month: number, day: number): number {
  return Math.round(Date.UTC(year, month - 1, day) / DAY_MS);
}

export function fromEpochDay(days: number): CalendarDay {
  const date = new Date(days * DAY_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

export function weekdayOf(year: number, month: number, day: number): Weekday {
  return WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()];
}

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

export function formatDay(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

export function formatMonth(year: number, month: number): string {
  return `${pad(year, 4)}-${pad(month, 2)}`;
}

const REFERENCE_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses a strict `YYYY-MM-DD` that names a real day, else null. */
export function parseIsoDay(text: string): CalendarDay | null {
  const match = REFERENCE_DATE.exec(text);
  if (match === null) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInGregorianMonth(year, month)) return null;
  return { year, month, day };
}

/**
 * The year among the reference year and its neighbours that puts month/day nearest the
 * reference. A day that does not exist in that year (29 February) is measured as if it did.
 */
export function nearestGregorianYear(month: number, day: number, reference: CalendarDay): number {
  const target = epochDay(reference.year, reference.month, reference.day);
  let best = reference.year;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const year of [reference.year - 1, reference.year, reference.year + 1]) {
    const distance = Math.abs(epochDay(year, month, day) - target);
    if (distance < bestDistance) {
      best = year;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * The two years a year-less month/day may fall in: its last occurrence on or before the reference
 * and its next one after it, nearest first (a tie goes to the earlier year).
 */
export function gregorianYearsByNearness(month: number, day: number, reference: CalendarDay): [number, number] {
  const target = epochDay(reference.year, reference.month, reference.day);
  const previous = epochDay(reference.year, month, day) <= target ? reference.year : reference.year - 1;
  const next = previous + 1;
  const before = target - epochDay(previous, month, day);
  const after = epochDay(next, month, day) - target;
  return after < before ? [next, previous] : [previous, next];
}
