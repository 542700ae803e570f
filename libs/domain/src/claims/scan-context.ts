/** What the recognisers share: the tokens, the reference day, and the candidates they return. */

import type { CalendarDay } from './calendar.js';
import { LEXICON } from './lexicon.js';
import type { NormalisedText } from './normalise.js';
import type { Token } from './token.js';
import type { DateValue, Language, MoneyValue, Weekday } from '#contracts';
import type { WordInfo } from './word-info.js';

export interface ScanContext {
  readonly normalised: NormalisedText;
  readonly tokens: readonly Token[];
  readonly reference: CalendarDay;
  readonly language: Language;
}

/** A normalised-text span. */
export interface Span {
  start: number;
  end: number;
}

export type ClaimCandidate =
  | (Span & { kind: 'number' | 'percentage'; value: number })
  | (Span & { kind: 'ordinal'; value: number; subject: Span | null })
  | (Span & { kind: 'money'; value: MoneyValue })
  | (Span & {
      kind: 'date';
      value: DateValue;
      calendar: 'gregorian' | 'hijri';
      /** Set when the text names a weekday and the date is a full day: the weekday it really is. */
      actualWeekday: Weekday | null;
    })
  | (Span & { kind: 'quote'; value: { speaker: Span | null }; form: 'direct' | 'reported' });

export interface InvalidDate extends Span {
  kind: 'invalid_date';
  /** What the text asked for, for the message. */
  calendar: 'gregorian' | 'hijri';
  year: number;
  month: number;
  day: number;
  daysInMonth: number;
}

/** What a recogniser found at a token: claims, invalid dates, or just tokens to skip. */
export interface Match {
  /** Index of the first token after the match. */
  next: number;
  claims: ClaimCandidate[];
  invalidDates?: InvalidDate[];
}

export const skip = (next: number): Match => ({ next, claims: [] });

export function isPunct(token: Token | undefined, char: string): boolean {
  return token !== undefined && token.kind === 'punct' && token.text === char;
}

/** The token follows `before` with nothing between them, not even a space. */
export function adjacent(before: Token | undefined, after: Token | undefined): boolean {
  return before !== undefined && after !== undefined && before.end === after.start;
}

/** Lexicon entry of a noun listed without the article (`القرار` -> `قرار`). */
export function bareInfo(token: Token | undefined): WordInfo | undefined {
  if (token === undefined || token.kind !== 'word') return undefined;
  return token.info ?? (token.definite ? LEXICON.get(token.bare) : undefined);
}

/** The word's stem equals one of the given normalised forms. */
export function stemIs(token: Token | undefined, ...forms: string[]): boolean {
  return token !== undefined && token.kind === 'word' && forms.includes(token.stem);
}
