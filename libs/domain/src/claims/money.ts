/**
 * Money: an amount and its currency in either order (`3 ملايين دولار`, `500 ليرة سورية`, `$5`,
 * `US$5`, `€2bn`, `5 million dollars`, `USD 5`, `5 Syrian pounds`, `150 ج.م`, `Rs 200`, `10k$`,
 * `a dollar`), and ranges that share one currency (`ما بين 200 و300 دولار`: two amounts).
 */

import {
  ABBREVIATIONS_CAPITALISED,
  ARABIC_CURRENCY_ABBREVIATIONS,
  CURRENCY_SYMBOLS,
  DOLLAR_PREFIXES,
  LATIN_CURRENCY_ABBREVIATIONS,
} from './currencies.js';
import { minusSign, parseNumeral, type Numeral } from './number-expression.js';
import { adjacent, isPunct, type ClaimCandidate, type Match, type ScanContext } from './scan-context.js';
import { rangeContinuation } from './ranges.js';
import type { Token } from './token.js';
import type { CurrencyInfo } from './word-info.js';
import { wordList } from './word-list.js';

interface CurrencyAt {
  code: string;
  /** Last token of the currency expression. */
  last: number;
}

function symbolCode(token: Token | undefined): string | undefined {
  return token !== undefined && token.kind === 'punct' ? CURRENCY_SYMBOLS.get(token.text) : undefined;
}

function codeWord(token: Token | undefined): string | undefined {
  if (token === undefined || token.kind !== 'word' || token.script !== 'latin') return undefined;
  if (token.caseShape === 'upper' && token.info?.currencyCode !== undefined) return token.info.currencyCode;
  // `Rs`, `Dhs` capitalised or in capitals; `LE`, `QR`, `KD` in capitals only
  if (token.caseShape === 'lower') return undefined;
  if (token.caseShape !== 'upper' && !ABBREVIATIONS_CAPITALISED.has(token.text)) return undefined;
  return LATIN_CURRENCY_ABBREVIATIONS.get(token.text);
}

/** `ج.م`, `ل.س`: two Arabic letters joined by a dot, starting at token `j`. */
function arabicAbbreviation(tokens: readonly Token[], j: number): CurrencyAt | null {
  const first = tokens[j];
  const dot = tokens[j + 1];
  const second = tokens[j + 2];
  if (first?.script !== 'arabic' || first.text.length !== 1 || !isPunct(dot, '.')) return null;
  if (second?.script !== 'arabic' || second.text.length !== 1 || !adjacent(first, dot)) return null;
  const code = ARABIC_CURRENCY_ABBREVIATIONS.get(`${first.text}.${second.text}`);
  return code === undefined ? null : { code, last: j + 2 };
}

function currencyNoun(token: Token | undefined, prefixed = false): CurrencyInfo | undefined {
  return token !== undefined && token.kind === 'word' && (prefixed || token.pre === 0)
    ? token.info?.currency
    : undefined;
}

/**
 * The currency written right after an amount, starting at token `j`. `prefixed`: the noun may
 * carry an attached preposition (`بدولار واحد`), when nothing comes before it.
 */
function currencyAfter(tokens: readonly Token[], j: number, prefixed = false): CurrencyAt | null {
  const token = tokens[j];
  const symbol = symbolCode(token) ?? codeWord(token);
  if (symbol !== undefined) return { code: symbol, last: j };
  const abbreviation = arabicAbbreviation(tokens, j);
  if (abbreviation !== null) return abbreviation;
  // English adjective before the noun: `5 Syrian pounds`, `5 US dollars`
  if (token?.script === 'latin' && token.info?.currencyAdjective === true) {
    const noun = currencyNoun(tokens[j + 1]);
    const code = noun?.byAdjective?.get(token.text);
    if (code !== undefined) return { code, last: j + 1 };
  }
  const noun = currencyNoun(token, prefixed);
  if (noun === undefined || token === undefined) return null;
  // Adjective after the noun: `ليرة سورية`, `دولار أمريكي`, `pounds sterling`
  const adjective = tokens[j + 1];
  if (adjective !== undefined && adjective.kind === 'word' && adjective.pre === 0) {
    const code =
      noun.byAdjective?.get(adjective.stem) ??
      noun.byAdjective?.get(adjective.bare) ??
      (adjective.text === 'sterling' ? 'GBP' : undefined);
    if (code !== undefined) return { code, last: j + 1 };
  }
  return noun.code === null ? null : { code: noun.code, last: j };
}

/** `10k$`, `5m euros`: short scale suffixes count next to a currency. */
function withCurrencyScale(ctx: ScanContext, numeral: Numeral): Numeral {
  if (!numeral.fromDigits || numeral.scaled || ctx.tokens[numeral.last + 1]?.info?.scaleSuffix === undefined) {
    return numeral;
  }
  return parseNumeral(ctx, numeral.first, true) ?? numeral;
}

/**
 * The scale the first amount of a range takes from the second: `10 and 20 million` share it
 * (10 < 20), `500 and 2 million` do not (500 > 2).
 */
function sharedScale(first: Numeral, second: Numeral): number {
  if (first.scaled || second.scale <= 1) return 1;
  return first.value > 0 && first.value < second.value / second.scale ? second.scale : 1;
}

function money(ctx: ScanContext, numeral: Numeral, amount: number, code: string, last: number): ClaimCandidate {
  return { kind: 'money', start: numeral.start, end: ctx.tokens[last].end, value: { amount, currency: code } };
}

/**
 * An amount followed by its currency; or a range whose second amount carries the currency
 * (`بين 200 و300 دولار`, `between 10 and 20 million dollars`): two money claims, the first
 * spanning its numeral only and sharing the second's currency and, when it has none, its scale.
 */
export function matchMoneyAfter(ctx: ScanContext, given: Numeral): Match | null {
  const numeral = withCurrencyScale(ctx, given);
  const currency = currencyAfter(ctx.tokens, numeral.last + 1);
  if (currency !== null) {
    return { next: currency.last + 1, claims: [money(ctx, numeral, numeral.value, currency.code, currency.last)] };
  }
  const secondStart = rangeContinuation(ctx.tokens, numeral.last + 1);
  const second = secondStart < 0 ? null : parseNumeral(ctx, secondStart);
  if (second === null || !second.standalone || second.value < 0) return null;
  const secondCurrency = currencyAfter(ctx.tokens, second.last + 1);
  if (secondCurrency === null) return null;
  const shared = sharedScale(numeral, second);
  return {
    next: secondCurrency.last + 1,
    claims: [
      money(ctx, numeral, numeral.value * shared, secondCurrency.code, numeral.last),
      money(ctx, second, second.value, secondCurrency.code, secondCurrency.last),
    ],
  };
}

const ONE_AR: ReadonlySet<string> = new Set(['واحد', 'واحدا', 'واحدة']);

/** `دولار واحد`, `بليرة واحدة`: one unit, the numeral after the noun. */
function matchOneAfterNoun(ctx: ScanContext, i: number): Match | null {
  const tokens = ctx.tokens;
  const noun = tokens[i];
  if (noun.script !== 'arabic' || noun.info?.currency === undefined) return null;
  const currency = currencyAfter(tokens, i, true);
  const one = currency === null ? undefined : tokens[currency.last + 1];
  if (currency === null || one === undefined || one.pre !== 0 || !ONE_AR.has(one.stem)) return null;
  return {
    next: currency.last + 2,
    claims: [{ kind: 'money', start: noun.stemStart, end: one.end, value: { amount: 1, currency: currency.code } }],
  };
}

/**
 * `a dollar`, `a euro`: one unit, when what follows cannot make the currency an adjective
 * (`a dollar a day`, `a dollar.`; not `a dollar sign`, `a euro-area bond`).
 */
function matchArticleUnit(ctx: ScanContext, i: number): Match | null {
  const tokens = ctx.tokens;
  const article = tokens[i];
  if (article.text !== 'a' || article.script !== 'latin') return null;
  const noun = tokens[i + 1];
  if (noun === undefined || !ARTICLE_UNITS.has(noun.text)) return null;
  const after = tokens[i + 2];
  if (after !== undefined && !after.newlineBefore) {
    if (after.kind === 'word' ? !AFTER_AN_AMOUNT.has(after.text) : isPunct(after, '-')) return null;
  }
  const code = currencyNoun(noun)?.code;
  if (code === undefined || code === null) return null;
  return {
    next: i + 2,
    claims: [{ kind: 'money', start: article.start, end: noun.end, value: { amount: 1, currency: code } }],
  };
}

const ARTICLE_UNITS: ReadonlySet<string> = new Set(['dollar', 'euro']);
const AFTER_AN_AMOUNT: ReadonlySet<string> = new Set(
  wordList('a an per each apiece for to in on at and or than from with by more less plus'),
);

/** A currency symbol or code followed by its amount: `$5`, `US$5`, `€2bn`, `USD 5 million`. */
export function matchMoneyBefore(ctx: ScanContext, i: number): Match | null {
  const tokens = ctx.tokens;
  const token = tokens[i];
  let code = symbolCode(token) ?? codeWord(token);
  let amountAt = i + 1;
  // `Rs. 5,000`: the abbreviation's dot
  if (code !== undefined && token.script === 'latin' && isPunct(tokens[i + 1], '.') && adjacent(token, tokens[i + 1])) {
    amountAt = i + 2;
  }
  if (code === undefined && token?.text === 'a') return matchArticleUnit(ctx, i);
  if (code === undefined && token?.script === 'arabic') return matchOneAfterNoun(ctx, i);
  if (code === undefined && token?.script === 'latin' && token.caseShape !== 'lower') {
    const dollar = tokens[i + 1];
    const prefixed = DOLLAR_PREFIXES.get(token.text);
    if (prefixed !== undefined && isPunct(dollar, '$') && adjacent(token, dollar)) {
      code = prefixed;
      amountAt = i + 2;
    }
  }
  if (code === undefined || token === undefined) return null;
  const amountToken = tokens[amountAt];
  if (amountToken === undefined || amountToken.newlineBefore) return null;
  const numeral = parseNumeral(ctx, amountAt, true);
  if (numeral === null || !numeral.standalone) return null;
  // `-$5 million`: a minus sign before the symbol
  const minus = minusSign(tokens, i);
  const claim: ClaimCandidate = {
    kind: 'money',
    start: minus === undefined ? token.start : minus.stemStart,
    end: numeral.end,
    value: { amount: minus === undefined ? numeral.value : -numeral.value, currency: code },
  };
  // `$10-20`, `€5 to 8 million`: the second amount of the range shares the symbol
  const after = tokens[numeral.last + 1];
  if (isPunct(after, '-') || (after?.text === 'to' && after.script === 'latin')) {
    const second = tokens[numeral.last + 2]?.kind === 'number' ? parseNumeral(ctx, numeral.last + 2, true) : null;
    if (second !== null && second.value >= 0 && tokens[second.first].newlineBefore !== true) {
      claim.value = { amount: numeral.value * sharedScale(numeral, second), currency: code };
      return { next: second.last + 1, claims: [claim, money(ctx, second, second.value, code, second.last)] };
    }
  }
  return { next: numeral.last + 1, claims: [claim] };
}
