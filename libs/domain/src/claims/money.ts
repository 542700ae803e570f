/**
 * Money: an amount and its currency in either order (`3 ملايين دولار`, `500 ليرة سورية`, `$5`,
 * `US$5`, `€2bn`, `5 million dollars`, `USD 5`, `5 Syrian pounds`).
 */

import { CURRENCY_SYMBOLS, DOLLAR_PREFIXES } from './currencies.js';
import { parseNumeral, type Numeral } from './number-expression.js';
import { adjacent, isPunct, type Match, type ScanContext } from './scan-context.js';
import type { Token } from './token.js';
import type { CurrencyInfo } from './word-info.js';

interface CurrencyAt {
  code: string;
  /** Last token of the currency expression. */
  last: number;
}

function symbolCode(token: Token | undefined): string | undefined {
  return token !== undefined && token.kind === 'punct' ? CURRENCY_SYMBOLS.get(token.text) : undefined;
}

function codeWord(token: Token | undefined): string | undefined {
  return token !== undefined && token.kind === 'word' && token.caseShape === 'upper'
    ? token.info?.currencyCode
    : undefined;
}

function currencyNoun(token: Token | undefined): CurrencyInfo | undefined {
  return token !== undefined && token.kind === 'word' && token.pre === 0 ? token.info?.currency : undefined;
}

/** The currency written right after an amount, starting at token `j`. */
function currencyAfter(tokens: readonly Token[], j: number): CurrencyAt | null {
  const token = tokens[j];
  const symbol = symbolCode(token) ?? codeWord(token);
  if (symbol !== undefined) return { code: symbol, last: j };
  // English adjective before the noun: `5 Syrian pounds`, `5 US dollars`
  if (token?.script === 'latin' && token.info?.currencyAdjective === true) {
    const noun = currencyNoun(tokens[j + 1]);
    const code = noun?.byAdjective?.get(token.text);
    if (code !== undefined) return { code, last: j + 1 };
  }
  const noun = currencyNoun(token);
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

/** An amount followed by its currency. */
export function matchMoneyAfter(ctx: ScanContext, numeral: Numeral): Match | null {
  const currency = currencyAfter(ctx.tokens, numeral.last + 1);
  if (currency === null) return null;
  return {
    next: currency.last + 1,
    claims: [
      {
        kind: 'money',
        start: numeral.start,
        end: ctx.tokens[currency.last].end,
        value: { amount: numeral.value, currency: currency.code },
      },
    ],
  };
}

/** A currency symbol or code followed by its amount: `$5`, `US$5`, `€2bn`, `USD 5 million`. */
export function matchMoneyBefore(ctx: ScanContext, i: number): Match | null {
  const tokens = ctx.tokens;
  const token = tokens[i];
  let code = symbolCode(token) ?? codeWord(token);
  let amountAt = i + 1;
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
  return {
    next: numeral.last + 1,
    claims: [{ kind: 'money', start: token.start, end: numeral.end, value: { amount: numeral.value, currency: code } }],
  };
}
