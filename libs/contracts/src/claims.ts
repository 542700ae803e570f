/**
 * Claim extraction as clients see it: `POST /api/claims/extract` (and `copydesk claims`) answers
 * an `ExtractClaimsResponse`. The extractor's output contract (docs/claims.md): the
 * domain's extractor produces exactly these values.
 */
import type { Language } from './api.js';

/** `POST /api/claims/extract`. */
export interface ExtractClaimsRequest {
  text: string;
  /** Detected from the text when absent. */
  language?: Language;
  /** `YYYY-MM-DD`; year-less dates are placed nearest to it. Defaults to the server's UTC today. */
  referenceDate?: string;
}

export const CLAIM_KINDS = ['number', 'ordinal', 'percentage', 'money', 'date', 'quote'] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];

export const FINDING_KINDS = ['weekday_mismatch', 'invalid_date', 'inconsistent_figure'] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/** In `Date.prototype.getUTCDay()` order: sunday first. */
export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface MoneyValue {
  amount: number;
  /** ISO 4217 code. */
  currency: string;
}

export interface DateValue {
  /** `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, always Gregorian. */
  date: string;
  /** Present only when the text names a weekday, as written (even when wrong). */
  weekday?: Weekday;
}

export interface QuoteValue {
  speaker: string | null;
}

interface ClaimBase<K extends ClaimKind, V> {
  kind: K;
  /** The exact substring `input.slice(start, end)`. */
  text: string;
  /** UTF-16 code-unit offsets into the input as given. */
  start: number;
  end: number;
  value: V;
}

export type NumberClaim = ClaimBase<'number', number>;

export interface OrdinalClaim extends ClaimBase<'ordinal', number> {
  /** The noun the rank belongs to (`العضو` in `العضو رقم 90`), as written, when the text names one. */
  subject?: string;
}

export type PercentageClaim = ClaimBase<'percentage', number>;

export type MoneyClaim = ClaimBase<'money', MoneyValue>;

export interface DateClaim extends ClaimBase<'date', DateValue> {
  /** The calendar the text used; a Hijri date is still reported in Gregorian. */
  calendar: 'gregorian' | 'hijri';
}

export interface QuoteClaim extends ClaimBase<'quote', QuoteValue> {
  form: 'direct' | 'reported';
}

export type ExtractedClaim = NumberClaim | OrdinalClaim | PercentageClaim | MoneyClaim | DateClaim | QuoteClaim;

export interface ClaimFinding {
  kind: FindingKind;
  text: string;
  start: number;
  end: number;
  /** A sentence a fact-checker can read, in the draft's language. */
  message: string;
  /** Index into `claims` of the claim this finding belongs to, when there is one. */
  claimIndex?: number;
}

/** `POST /api/claims/extract` (200), and one result of `copydesk claims`. */
export interface ExtractClaimsResponse {
  language: Language;
  claims: ExtractedClaim[];
  findings: ClaimFinding[];
}
