/** Public API of the claim extractor. */

export { extractClaims } from './extract-claims.js';
export { ClaimsError, isClaimsError, type ClaimsErrorCode } from './claims-error.js';
export { buildArabicNewsText, ARABIC_NEWS_PARAGRAPHS } from './benchmark-text.js';
export type {
  Claim,
  ClaimExtraction,
  ClaimKind,
  ClaimLanguage,
  DateClaim,
  DateValue,
  ExtractClaimsOptions,
  Finding,
  FindingKind,
  MoneyClaim,
  MoneyValue,
  NumberClaim,
  OrdinalClaim,
  PercentageClaim,
  QuoteClaim,
  QuoteValue,
  Weekday,
} from './types.js';

export const CLAIM_KINDS = ['number', 'ordinal', 'percentage', 'money', 'date', 'quote'] as const;
export const FINDING_KINDS = ['weekday_mismatch', 'invalid_date', 'inconsistent_figure'] as const;
