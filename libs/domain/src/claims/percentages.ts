/**
 * Percentages: a numeral with a percent marker after it (`45%`, `٤٥٪`, `45 في المئة`,
 * `45 بالمائة`, `45 percent`), a bare numeral right after `نسبة`, and ranges that share one
 * marker (`بين 40 و45 في المئة`, `40-45%`).
 */

import { parseNumeral, type Numeral } from './number-expression.js';
import { isPunct, type Match, type ScanContext } from './scan-context.js';
import { rangeContinuation } from './ranges.js';
import type { Token } from './token.js';

const HUNDRED_WITH_ARTICLE: ReadonlySet<string> = new Set(['المئة', 'المائة', 'الميه', 'المية', 'المئه', 'المائه']);
const BA = 0x0628;

function isHundredWithArticle(token: Token | undefined): boolean {
  return token !== undefined && token.kind === 'word' && HUNDRED_WITH_ARTICLE.has(token.stem);
}

/** Index of the last token of a percent marker starting at `j`, or -1. */
function percentMarkerEnd(tokens: readonly Token[], j: number): number {
  const token = tokens[j];
  if (token === undefined) return -1;
  if (isPunct(token, '%')) return j;
  if (token.kind !== 'word') return -1;
  if (token.script === 'arabic') {
    if (token.pre === 0 && token.stem === 'في' && isHundredWithArticle(tokens[j + 1])) return j + 1;
    // `بالمئة`: the preposition is part of the marker
    if (token.pre === 1 && token.text.charCodeAt(0) === BA && isHundredWithArticle(token)) return j;
    return -1;
  }
  if (token.text === 'percent' || token.text === 'pct') return j;
  if (token.text === 'per') {
    const next = isPunct(tokens[j + 1], '-') ? j + 2 : j + 1;
    if (tokens[next]?.text === 'cent') return next;
  }
  return -1;
}

function isPercentLead(token: Token | undefined): boolean {
  return token !== undefined && token.kind === 'word' && token.info?.percentLead === true;
}

export function matchPercentage(ctx: ScanContext, numeral: Numeral): Match | null {
  const tokens = ctx.tokens;
  const markerEnd = percentMarkerEnd(tokens, numeral.last + 1);
  if (markerEnd >= 0) {
    return {
      next: markerEnd + 1,
      claims: [{ kind: 'percentage', start: numeral.start, end: tokens[markerEnd].end, value: numeral.value }],
    };
  }
  const secondStart = rangeContinuation(tokens, numeral.last + 1);
  if (secondStart >= 0) {
    const second = parseNumeral(ctx, secondStart);
    const secondMarker = second === null ? -1 : percentMarkerEnd(tokens, second.last + 1);
    if (second !== null && secondMarker >= 0) {
      return {
        next: secondMarker + 1,
        claims: [
          { kind: 'percentage', start: numeral.start, end: numeral.end, value: numeral.value },
          { kind: 'percentage', start: second.start, end: tokens[secondMarker].end, value: second.value },
        ],
      };
    }
  }
  // `بنسبة -5`: the lead comes before the minus sign, which is inside the numeral's span
  const lead = numeral.start < tokens[numeral.first].start ? numeral.first - 2 : numeral.first - 1;
  if (isPercentLead(tokens[lead])) {
    return {
      next: numeral.last + 1,
      claims: [{ kind: 'percentage', start: numeral.start, end: numeral.end, value: numeral.value }],
    };
  }
  return null;
}

/** `%45`: the sign typed before the digits, as right-to-left keyboards often leave it. */
export function matchPercentSignFirst(ctx: ScanContext, i: number): Match | null {
  const tokens = ctx.tokens;
  const sign = tokens[i];
  const number = tokens[i + 1];
  if (!isPunct(sign, '%') || number?.kind !== 'number' || number.start !== sign.end) return null;
  if (tokens[i - 1]?.end === sign.start) return null; // `45%45`: the sign belongs to what precedes it
  return { next: i + 2, claims: [{ kind: 'percentage', start: sign.start, end: number.end, value: number.value }] };
}
