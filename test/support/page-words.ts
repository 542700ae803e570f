/**
 * The web page's own words, for the browser suites to find and check what users read: every
 * string the page shows comes from apps/web/src/i18n/messages.ts (plain data, no DOM), so a test
 * asserts the text on screen without a hand copy that could drift from it.
 */
import { MESSAGES, type Locale, type MessageKey } from '../../apps/web/src/i18n/messages.js';

export type { Locale, MessageKey };

export type WordParams = Record<string, string | number>;

/**
 * The page's text for `key` in one interface language, its `{name}` placeholders filled from
 * `params` as the page's `t` fills them (apps/web/src/i18n/i18n.ts); a placeholder not given stays
 * as written (see `knownParts`).
 */
export type Words = (key: MessageKey, params?: WordParams) => string;

/** The page's words in `locale`. */
export function wordsIn(locale: Locale): Words {
  const messages: Record<MessageKey, string> = MESSAGES[locale];
  return (key, params = {}) =>
    messages[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The page's words in each interface language: `words.ar('draft.body')` is "النص". */
export const words: Readonly<Record<Locale, Words>> = { en: wordsIn('en'), ar: wordsIn('ar') };

/**
 * The pieces of a text a test can know, when it left placeholders open (a time the page formats
 * as it goes, say): the text split at each `{name}`, blank pieces dropped. A locator filtered by
 * `hasText` with each piece finds the line whatever stands in the gaps.
 */
export function knownParts(text: string): string[] {
  return text.split(/\{\w+\}/).filter((part) => part.trim() !== '');
}

/**
 * A name as the page writes it inside a sentence: isolated (FSI … PDI), so an Arabic name in an
 * English sentence does not pull its neighbours along (apps/web/src/draft/review-people.ts).
 */
export function isolated(name: string): string {
  return `\u2068${name}\u2069`;
}
