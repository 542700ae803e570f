/** Checks the extractor's options; the reference day comes from the caller, never the clock. */

import { LANGUAGES, type Language } from '#contracts';
import { parseIsoDay, type CalendarDay } from './calendar.js';
import { ClaimsError } from './claims-error.js';
import { isLanguage } from './language.js';
import type { ExtractClaimsOptions } from './types.js';

export function referenceDay(options: ExtractClaimsOptions): CalendarDay {
  if (options.referenceDate !== undefined) {
    const day = parseIsoDay(options.referenceDate);
    if (day === null) {
      throw new ClaimsError(
        'INVALID_REFERENCE_DATE',
        `referenceDate must be a real YYYY-MM-DD day, got "${options.referenceDate}"`,
      );
    }
    return day;
  }
  if (options.now !== undefined && !Number.isNaN(options.now.getTime())) {
    return { year: options.now.getUTCFullYear(), month: options.now.getUTCMonth() + 1, day: options.now.getUTCDate() };
  }
  throw new ClaimsError('REFERENCE_DATE_REQUIRED', 'give referenceDate, or now for it to default to today');
}

export function checkedLanguage(language: unknown): Language | undefined {
  if (language === undefined || isLanguage(language)) return language;
  const expected = LANGUAGES.map((known) => `"${known}"`).join(' or ');
  throw new ClaimsError('INVALID_LANGUAGE', `language must be ${expected}, got "${String(language)}"`);
}
