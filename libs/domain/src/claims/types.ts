/** The output contract of the claim extractor (docs/claims-conventions.md), shared by every adapter. */

export type ClaimLanguage = 'ar' | 'en';

export type ClaimKind = 'number' | 'ordinal' | 'percentage' | 'money' | 'date' | 'quote';

export type FindingKind = 'weekday_mismatch' | 'invalid_date' | 'inconsistent_figure';

export type Weekday = 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday';

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

export type Claim = NumberClaim | OrdinalClaim | PercentageClaim | MoneyClaim | DateClaim | QuoteClaim;

export interface Finding {
  kind: FindingKind;
  text: string;
  start: number;
  end: number;
  /** A sentence a fact-checker can read, in the draft's language. */
  message: string;
  /** Index into `claims` of the claim this finding belongs to, when there is one. */
  claimIndex?: number;
}

export interface ClaimExtraction {
  language: ClaimLanguage;
  claims: Claim[];
  findings: Finding[];
}

export interface ExtractClaimsOptions {
  /** Detected from the text when absent. */
  language?: ClaimLanguage;
  /** `YYYY-MM-DD`; the date a year-less date is placed nearest to. Defaults to the UTC day of `now`. */
  referenceDate?: string;
  /**
   * The adapter's clock, used only to default `referenceDate`. The domain never reads the clock
   * itself, so one of the two must be given.
   */
  now?: Date;
}
