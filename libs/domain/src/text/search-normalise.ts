/**
 * Folds text for search so that a query finds a word however it was typed: Arabic diacritics,
 * tatweel and bidi marks are dropped, alef/yeh/teh-marbuta variants unified, digits made Latin,
 * Latin letters lower-cased.
 */
const DROP = /[\u064B-\u065F\u0670\u06D6-\u06ED\u0640\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]/g;
const ALEF = /[\u0622\u0623\u0625\u0671]/g;

export function normaliseForSearch(text: string): string {
  return text
    .normalize('NFC')
    .replace(DROP, '')
    .replace(ALEF, '\u0627')
    .replace(/\u0649/g, '\u064A')
    .replace(/\u0629/g, '\u0647')
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
