/** Tells Arabic from English copy by which script most of its letters are in. */

import { LANGUAGES, type Language } from '#contracts';
import { isArabicLetter, isLatinLetter } from './tokenise.js';

/** Reads the normalised text (digits and marks are already out of the way). */
export function detectLanguage(text: string): Language {
  let arabic = 0;
  let latin = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x41) continue;
    if (isLatinLetter(code)) latin++;
    else if (isArabicLetter(code)) arabic++;
  }
  return arabic > 0 && arabic >= latin ? 'ar' : 'en';
}

export function isLanguage(value: unknown): value is Language {
  return (LANGUAGES as readonly unknown[]).includes(value);
}
