import { describe, expect, it } from '@jest/globals';

import {
  daysInGregorianMonth,
  gregorianYearsByNearness,
  nearestGregorianYear,
  parseIsoDay,
  weekdayOf,
} from './calendar.js';

const reference = { year: 2026, month: 2, day: 10 };

describe('calendar', () => {
  it.each([
    [2, 9, 2026],
    [12, 20, 2025],
    [6, 12, 2026],
    [8, 20, 2025],
    [8, 15, 2025],
    [8, 9, 2026],
    [1, 3, 2026],
  ])('places %i/%i in the year nearest 2026-02-10', (month, day, year) => {
    expect(nearestGregorianYear(month, day, reference)).toBe(year);
  });

  it.each([
    [2, 8, { year: 2026, month: 12, day: 4 }, [2027, 2026]],
    [2, 9, reference, [2026, 2027]],
    [12, 20, reference, [2025, 2026]],
  ])('ranks the two years around the reference for %i/%i', (month, day, ref, years) => {
    expect(gregorianYearsByNearness(month, day, ref)).toEqual(years);
  });

  it.each([
    [2024, 2, 29],
    [2025, 2, 28],
    [2026, 4, 30],
    [2026, 12, 31],
  ])('%i-%i has %i days', (year, month, days) => {
    expect(daysInGregorianMonth(year, month)).toBe(days);
  });

  it.each([
    [2026, 2, 9, 'monday'],
    [2026, 2, 10, 'tuesday'],
    [2011, 3, 15, 'tuesday'],
  ])('%i-%i-%i is a %s', (year, month, day, weekday) => {
    expect(weekdayOf(year, month, day)).toBe(weekday);
  });

  it.each(['2026-02-30', '2026-2-10', '10/02/2026', '', '2026-13-01'])('rejects the reference date "%s"', (text) => {
    expect(parseIsoDay(text)).toBeNull();
  });
});
