/**
 * The extractor: normalise, tokenise, let each recogniser claim its tokens left to right
 * (dates, then money, ordinals, percentages and numbers), find quotes, then map every span back
 * to the input and derive the findings. Pure: the reference day is an argument.
 */

import { checkedLanguage, referenceDay } from './claims-options.js';
import { subjectKey, toClaim } from './claim-output.js';
import { matchDate } from './dates.js';
import { inconsistentFigures, invalidDateFindings, weekdayMismatches } from './findings.js';
import { detectLanguage } from './language.js';
import { matchMoneyAfter, matchMoneyBefore } from './money.js';
import { normalise, toSourceSpan } from './normalise.js';
import { findNonClaims } from './non-claims.js';
import { parseNumeral } from './number-expression.js';
import { matchDualCount, matchNumber } from './numbers.js';
import { matchOrdinal } from './ordinals.js';
import { matchPercentage, matchPercentSignFirst } from './percentages.js';
import { findQuotes } from './quotes.js';
import type { ClaimCandidate, InvalidDate, Match, ScanContext } from './scan-context.js';
import { splitSentences } from './sentences.js';
import { textParts } from './text-parts.js';
import { tokenise } from './tokenise.js';
import type { ExtractClaimsResponse, Weekday } from '#contracts';
import type { ExtractClaimsOptions } from './types.js';

function matchNumeralAt(ctx: ScanContext, i: number): Match | null {
  const numeral = parseNumeral(ctx, i);
  if (numeral === null) return null;
  return matchPercentage(ctx, numeral) ?? matchMoneyAfter(ctx, numeral) ?? matchNumber(ctx, numeral);
}

function matchAt(ctx: ScanContext, i: number): Match | null {
  return (
    matchDate(ctx, i) ??
    matchMoneyBefore(ctx, i) ??
    matchOrdinal(ctx, i) ??
    matchDualCount(ctx, i) ??
    matchPercentSignFirst(ctx, i) ??
    matchNumeralAt(ctx, i)
  );
}

interface Scan {
  claims: ClaimCandidate[];
  invalidDates: InvalidDate[];
}

/** The match covers a token of a span that is no claim (non-claims.ts). */
function touchesNonClaim(nonClaims: Uint8Array | null, from: number, to: number): boolean {
  if (nonClaims === null) return false;
  for (let k = from; k < to; k++) if (nonClaims[k] === 1) return true;
  return false;
}

/** Tokens scanned between two steps of extractClaimsInSteps: a millisecond or two of work. */
const TOKENS_PER_STEP = 1_024;

function* scan(ctx: ScanContext, found: Scan, nonClaims: Uint8Array | null): Generator<void, void, void> {
  const { claims, invalidDates } = found;
  const count = ctx.tokens.length;
  let i = 0;
  let nextStep = TOKENS_PER_STEP;
  while (i < count) {
    if (i >= nextStep) {
      yield;
      nextStep = i + TOKENS_PER_STEP;
    }
    // Times, phones, URLs, codes… (non-claims.ts): nothing is claimed on or across them.
    const match = nonClaims !== null && nonClaims[i] === 1 ? null : matchAt(ctx, i);
    if (match === null || touchesNonClaim(nonClaims, i, match.next)) {
      i++;
      continue;
    }
    for (const claim of match.claims) claims.push(claim);
    if (match.invalidDates !== undefined) for (const invalid of match.invalidDates) invalidDates.push(invalid);
    i = Math.max(match.next, i + 1);
  }
}

/**
 * Finds the checkable claims of a draft and the problems provable without a human
 * (docs/claims.md). `referenceDate` (or, from an adapter, `now`) places year-less dates.
 */
export function extractClaims(text: string, options: ExtractClaimsOptions = {}): ExtractClaimsResponse {
  const steps = extractClaimsInSteps(text, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * extractClaims in steps of bounded work (a part's tokens, a thousand tokens scanned, the
 * findings…): it yields between them, so that a server can let other work run while a long text
 * is read (docs/claims.md, "Extraction and the event loop"). The result is extractClaims's.
 */
export function* extractClaimsInSteps(
  text: string,
  options: ExtractClaimsOptions = {},
): Generator<void, ExtractClaimsResponse, void> {
  const reference = referenceDay(options);
  const requested = checkedLanguage(options.language);
  const normalised = normalise(text);
  const language = requested ?? detectLanguage(normalised.text);
  yield;

  const found: Scan = { claims: [], invalidDates: [] };
  for (const [from, to] of textParts(normalised.text)) {
    const tokens = tokenise(normalised, from, to);
    const nonClaims = findNonClaims(normalised, tokens, language);
    yield;
    yield* scan({ normalised, tokens, reference, language }, found, nonClaims);
    for (const quote of findQuotes(tokens, splitSentences(tokens))) found.claims.push(quote);
    yield;
  }
  const candidates = found.claims;
  candidates.sort((a, b) => a.start - b.start || b.end - a.end);

  const claims = candidates.map((candidate) => toClaim(normalised, candidate));
  yield;
  const actualWeekdays: (Weekday | null)[] = candidates.map((c) => (c.kind === 'date' ? c.actualWeekday : null));
  const subjectKeys = candidates.map((c) => (c.kind === 'ordinal' ? subjectKey(normalised, c.subject) : null));
  const invalidDates = found.invalidDates.map((invalid) => {
    const span = toSourceSpan(normalised, invalid.start, invalid.end);
    return { ...invalid, sourceStart: span.start, sourceEnd: span.end };
  });
  const findings = [
    ...weekdayMismatches(claims, actualWeekdays, language),
    ...invalidDateFindings(text, invalidDates, language),
    ...inconsistentFigures(claims, subjectKeys, language),
  ].sort((a, b) => a.start - b.start || a.end - b.end);

  return { language, claims, findings };
}
