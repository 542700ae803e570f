/**
 * Newsroom memory: the key under which a claim meets the same claim in other drafts, so a verdict
 * given once can be suggested again. Two claims are the same claim when their kind and value are
 * equal and, where the extractor names a subject (an ordinal's noun), the subject is too; a claim
 * with a subject never meets one without.
 *
 * Keys are JSON arrays (unambiguous whatever the text holds), by kind:
 * - number, ordinal, percentage: `[kind, value]`, e.g. `["ordinal",90,"عضو"]` with its subject;
 * - money: `[kind, amount, currency]`; date: `[kind, "YYYY-MM-DD"]` (the weekday as written and
 *   the calendar used are how it was said, not what: a wrong weekday is a finding);
 * - quote: `[kind, words]`, with the speaker when known: `["quote","لن نرفع الاسعار","وزير"]`;
 * - a claim without a value (a manual tag the extractor does not read): `[kind, words]`, so a
 *   tagged quote meets an extracted one whose speaker is unknown.
 *
 * Text is folded as search folds it (../text/search-normalise.ts: diacritics, tatweel, alef and
 * hamza forms, ة/ه, ى/ي, digit shapes, case), plus invisible marks, quotation marks and the
 * punctuation around the words. A subject or speaker also loses the article, as the extractor
 * compares subjects for `inconsistent_figure`: «العضو رقم 90» and «عضو رقم 90» are the same rank.
 * Prefixed prepositions (`بالعضو`) are the extractor's to split off; they are not guessed here.
 */
import type { ClaimKind, ExtractedClaim } from '#contracts';
import { normaliseForSearch } from '../text/search-normalise.js';
import { normaliseClaimText } from './claim-text.js';

export interface MemoryClaim {
  kind: ClaimKind;
  value: ExtractedClaim['value'] | null;
  subject?: string | null;
  text: string;
}

const QUOTATION_MARKS = /["«»“”„‟‹›「」『』]/g;
const APOSTROPHES = /[‘’‚‛]/g;
/** Punctuation and spaces at either end, but not a percent or per-mille sign: `45%` keeps its sign. */
const EDGE_PUNCTUATION = /^(?:(?![%‰])[\p{P}\s])+|(?:(?![%‰])[\p{P}\s])+$/gu;

/** The words of a text as memory compares them; empty when there are none. */
function words(text: string): string {
  const plain = normaliseClaimText(text).replace(QUOTATION_MARKS, ' ').replace(APOSTROPHES, "'");
  return normaliseForSearch(plain).replace(EDGE_PUNCTUATION, '').trim();
}

/** A subject or speaker as memory compares it: its words, without the article. */
function noun(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const folded = words(text);
  const bare = folded.startsWith('ال') && folded.length > 3 ? folded.slice(2) : folded;
  return bare === '' ? null : bare;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/** What identifies the claim's value, or null when the value does not fit its kind. */
function valueParts(kind: ClaimKind, value: unknown, text: string): (string | number)[] | null {
  switch (kind) {
    case 'number':
    case 'ordinal':
    case 'percentage':
      return isFiniteNumber(value) ? [value] : null;
    case 'money':
      return isRecord(value) && isFiniteNumber(value.amount) && isText(value.currency)
        ? [value.amount, value.currency.trim().toUpperCase()]
        : null;
    case 'date':
      return isRecord(value) && isText(value.date) ? [value.date.trim()] : null;
    case 'quote': {
      if (!isRecord(value)) return null;
      const quoted = words(text);
      const speaker = noun(typeof value.speaker === 'string' ? value.speaker : null);
      return quoted === '' ? null : speaker === null ? [quoted] : [quoted, speaker];
    }
  }
}

/** The claim's newsroom-memory key, or null when there is nothing to key it on. */
export function memoryKeyOf(claim: MemoryClaim): string | null {
  if (claim.value === null) {
    const tagged = words(claim.text);
    return tagged === '' ? null : JSON.stringify([claim.kind, tagged]);
  }
  const parts = valueParts(claim.kind, claim.value, claim.text);
  if (parts === null) return null;
  const subject = claim.kind === 'quote' ? null : noun(claim.subject);
  return JSON.stringify([claim.kind, ...parts, ...(subject === null ? [] : [subject])]);
}

/** Whether two claims are the same claim for newsroom memory (both keyed, equal keys). */
export function sameMemoryClaim(a: MemoryClaim, b: MemoryClaim): boolean {
  const key = memoryKeyOf(a);
  return key !== null && key === memoryKeyOf(b);
}
