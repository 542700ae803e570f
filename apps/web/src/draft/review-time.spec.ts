import { describe, expect, it } from '@jest/globals';
import { formatInstant, instantOfLocalInput, localInputValueOf } from './review-time.js';

describe('review times', () => {
  it('turns a datetime-local value into the instant it means in local time, and back', () => {
    const local = new Date(2026, 2, 1, 9, 30);
    expect(localInputValueOf(local)).toBe('2026-03-01T09:30');
    expect(instantOfLocalInput('2026-03-01T09:30')).toBe(local.toISOString());
    expect(instantOfLocalInput('2026-03-01T09:30:15')).toBe(new Date(2026, 2, 1, 9, 30, 15).toISOString());
  });

  it('refuses what is not a full local date and time', () => {
    for (const value of ['', '2026-03-01', '09:30', '2026-13-45T99:99', 'soon']) {
      expect(instantOfLocalInput(value)).toBeNull();
    }
  });

  it('writes an instant in either language, with Latin digits, the zone when asked', () => {
    const iso = '2026-03-01T09:30:00.000Z';
    expect(formatInstant(iso, 'en')).toMatch(/2026/);
    expect(formatInstant(iso, 'ar')).toMatch(/2026/);
    expect(formatInstant(iso, 'ar')).not.toMatch(/[٠-٩]/);
    expect(formatInstant(iso, 'en', true).length).toBeGreaterThan(formatInstant(iso, 'en').length);
    expect(formatInstant('not a date', 'en')).toBe('not a date');
  });
});
