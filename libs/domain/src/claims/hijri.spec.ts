import { describe, expect, it } from '@jest/globals';

import { daysInHijriMonth, gregorianYearOfHijriYear, hijriToGregorian, nearestHijriYear } from './hijri.js';

describe('hijri (Umm al-Qura)', () => {
  it.each([
    [1447, 9, 1, { year: 2026, month: 2, day: 18 }],
    [1447, 1, 1, { year: 2025, month: 6, day: 26 }],
    [1447, 1, 10, { year: 2025, month: 7, day: 5 }],
    [1446, 10, 1, { year: 2025, month: 3, day: 30 }],
    [1400, 1, 1, { year: 1979, month: 11, day: 21 }],
  ])('%i-%i-%i is %o', (year, month, day, gregorian) => {
    expect(hijriToGregorian(year, month, day)).toEqual(gregorian);
  });

  it('knows 29-day months', () => {
    expect(daysInHijriMonth(1447, 8)).toBe(29);
    expect(hijriToGregorian(1447, 8, 30)).toBeNull();
    expect(hijriToGregorian(1447, 9, 30)).toEqual({ year: 2026, month: 3, day: 19 });
  });

  it('places a year-less Hijri date nearest the reference', () => {
    expect(nearestHijriYear(9, 1, { year: 2026, month: 2, day: 10 })).toBe(1447);
    expect(nearestHijriYear(12, 10, { year: 2026, month: 2, day: 10 })).toBe(1447);
  });

  it('gives a bare Hijri year the Gregorian year of its middle', () => {
    expect(gregorianYearOfHijriYear(1447)).toBe(2025);
  });
});
