/**
 * Plain numbers, once dates, money, percentages and ordinals have had their turn, and the
 * numbers that are not claims: identifiers (`المادة 5`, `Resolution 2254`), names (`G20`,
 * `كوفيد-19`, `رؤية 2030`), times of day, phone numbers and page numbers.
 */

import { LEXICON } from './lexicon.js';
import { namesANumber, type Numeral } from './number-expression.js';
import { adjacent, bareInfo, isPunct, skip, type Match, type ScanContext } from './scan-context.js';
import type { Token } from './token.js';

/** Identifier nouns that still govern a number across a genitive (`قرار مجلس الأمن 2254`). */
const CONSTRUCT_IDENTIFIERS: ReadonlySet<string> = new Set([
  'قرار',
  'مادة',
  'بند',
  'فقرة',
  'مرسوم',
  'قانون',
  'رقم',
  'resolution',
]);

/** Words that make a long run of digits after them a phone number (`call 5551234`). */
const PHONE_WORDS: ReadonlySet<string> = new Set([
  'call',
  'dial',
  'phone',
  'telephone',
  'tel',
  'hotline',
  'fax',
  'mobile',
  'whatsapp',
  'number',
  'اتصال',
  'اتصل',
  'اتصلوا',
  'هاتف',
  'رقم',
  'جوال',
  'موبايل',
  'فاكس',
  'واتساب',
]);

/** `zero tolerance`, `net zero`: phrases, not counts. */
const ZERO_PHRASES_AFTER: ReadonlySet<string> = new Set(['tolerance', 'sum', 'hour', 'day']);
const ZERO_PHRASES_BEFORE: ReadonlySet<string> = new Set(['net', 'ground', 'year', 'patient']);
/** `شهر صفر`, `مطلع صفر`, `صفر الماضي`: the Hijri month, not zero. */
const SAFAR_BEFORE: ReadonlySet<string> = new Set([
  'شهر',
  'مطلع',
  'منتصف',
  'اواخر',
  'اوائل',
  'نهاية',
  'بداية',
  'غرة',
  'اول',
  'اخر',
]);
const SAFAR_AFTER: ReadonlySet<string> = new Set(['الماضي', 'المقبل', 'القادم', 'الخير', 'المظفر', 'هـ', 'ه']);
/** `صفر اليدين` (empty-handed): a phrase, not a count. */
const ZERO_PHRASES_AFTER_AR: ReadonlySet<string> = new Set(['اليدين', 'اليدان']);

function isLetterWord(token: Token | undefined): boolean {
  return token !== undefined && token.kind === 'word' && token.clitic === 'none';
}

/** Letters glued to the digits make a name: `G20`, `A320`, `كوفيد-19`, `F-16`. */
function isGluedToLetters(tokens: readonly Token[], numeral: Numeral): boolean {
  const first = tokens[numeral.first];
  const before = tokens[numeral.first - 1];
  if (adjacent(before, first) && isLetterWord(before)) return true;
  if (isPunct(before, '-') && adjacent(before, first)) {
    const word = tokens[numeral.first - 2];
    if (adjacent(word, before) && isLetterWord(word)) return true;
  }
  const after = tokens[numeral.last + 1];
  if (numeral.scaled || !adjacent(tokens[numeral.last], after) || after === undefined) return false;
  // `A320`-style names, and decades (`1990s`), which are no counts
  if (after.kind === 'word')
    return after.script === 'latin' && after.text.length === 1 && (after.caseShape !== 'lower' || after.text === 's');
  if (isPunct(after, '-')) return isLetterWord(tokens[numeral.last + 2]) && adjacent(after, tokens[numeral.last + 2]);
  return false;
}

function identifierBefore(tokens: readonly Token[], index: number): boolean {
  let k = index - 1;
  if (isPunct(tokens[k], '.') || isPunct(tokens[k], ':')) k--;
  const direct = tokens[k];
  if (bareInfo(direct)?.identifier === true) return true;
  // Across a genitive or adjectives: `قرار مجلس الأمن 2254`, `القرار الأممي 2254`
  for (let back = 1; back <= 3; back++) {
    const head = tokens[k - back];
    if (head === undefined || head.kind !== 'word') return false;
    if (CONSTRUCT_IDENTIFIERS.has(head.bare)) {
      for (let m = k - back + 1; m <= k; m++) {
        const word = tokens[m];
        const followedByDefinite = tokens[m + 1]?.definite === true;
        if (word.kind !== 'word' || !(word.definite || followedByDefinite || word.caseShape === 'capital'))
          return false;
      }
      return true;
    }
  }
  return false;
}

function nameHeadBefore(tokens: readonly Token[], numeral: Numeral): boolean {
  const before = tokens[numeral.first - 1];
  if (bareInfo(before)?.nameHead === true) return true;
  // `كوفيد -19`: the hyphen typed apart from the name
  if (isPunct(before, '-') && namesANumber(tokens[numeral.first - 2])) return true;
  const first = tokens[numeral.first];
  const yearLike = first.kind === 'number' && first.intDigits === 4 && !first.grouped && !first.decimal;
  if (yearLike && before?.kind === 'word' && bareInfo(tokens[numeral.first - 2])?.nameHead === true) return true;
  // A capitalised English word before a number names a thing: `Boeing 737`, `Windows 11`.
  if (
    before !== undefined &&
    before.script === 'latin' &&
    before.caseShape !== 'lower' &&
    before.info?.functionWord !== true &&
    before.info?.month === undefined &&
    before.info?.weekday === undefined &&
    before.info?.yearLead !== true &&
    before.info?.currencyCode === undefined
  ) {
    return true;
  }
  return false;
}

function isTimeOfDay(tokens: readonly Token[], numeral: Numeral): boolean {
  const last = tokens[numeral.last];
  const after = tokens[numeral.last + 1];
  if (isPunct(after, ':') && adjacent(last, after) && tokens[numeral.last + 2]?.kind === 'number') return true;
  if (after?.kind === 'word' && (after.info?.timeMarker === true || LEXICON.get(after.stem)?.timeMarker === true)) {
    return true;
  }
  // `a.m.`, `p.m.`, `o'clock`
  if (
    (after?.text === 'a' || after?.text === 'p') &&
    isPunct(tokens[numeral.last + 2], '.') &&
    tokens[numeral.last + 3]?.text === 'm'
  ) {
    return true;
  }
  if (after?.text === 'o' && isPunct(tokens[numeral.last + 2], "'") && tokens[numeral.last + 3]?.text === 'clock')
    return true;
  const before = tokens[numeral.first - 1];
  // the minutes of `2:30`
  if (isPunct(before, ':') && adjacent(before, tokens[numeral.first]) && adjacent(tokens[numeral.first - 2], before)) {
    return tokens[numeral.first - 2]?.kind === 'number';
  }
  return before?.kind === 'word' && (before.info?.timeLead === true || LEXICON.get(before.stem)?.timeLead === true);
}

function isPhoneOrCode(tokens: readonly Token[], numeral: Numeral): boolean {
  const first = tokens[numeral.first];
  if (first.kind !== 'number' || numeral.scaled) return false;
  if (first.leadingZero && !first.decimal) return true;
  // Seven digits and more are a count (`12345678 نسمة`) unless a phone word precedes them;
  // thirteen and more are a code (cards, IMEIs), which no figure is written as.
  if (!first.grouped && !first.decimal && first.intDigits >= 7) {
    if (first.intDigits >= 13) return true;
    for (let k = numeral.first - 1; k >= Math.max(0, numeral.first - 3); k--) {
      const word = tokens[k];
      if (word.kind === 'word' && (PHONE_WORDS.has(word.stem) || PHONE_WORDS.has(word.bare))) return true;
    }
  }
  const before = tokens[numeral.first - 1];
  if (isPunct(before, '+') && adjacent(before, first)) return true;
  // runs of digit groups: `011 234 5678`, `3-1`
  if (before?.kind === 'number' && !first.newlineBefore) return true;
  if (isPunct(before, '-') && tokens[numeral.first - 2]?.kind === 'number') return true;
  const after = tokens[numeral.last + 1];
  if (after?.kind === 'number' && !after.newlineBefore) return true;
  // `9/11`, `24/7`: fractions and names, not counts (full dates were read before)
  if (isPunct(before, '/') && adjacent(before, first) && tokens[numeral.first - 2]?.kind === 'number') return true;
  if (isPunct(after, '/') && adjacent(tokens[numeral.last], after) && tokens[numeral.last + 2]?.kind === 'number')
    return true;
  if (isPunct(after, '-') && adjacent(tokens[numeral.last], after) && tokens[numeral.last + 2]?.kind === 'number') {
    return true;
  }
  return false;
}

/** `the 2003 invasion`: a year used as a modifier is neither a count nor (by the conventions) a date. */
function isYearModifier(tokens: readonly Token[], numeral: Numeral): boolean {
  const first = tokens[numeral.first];
  if (first.intDigits !== 4 || first.grouped || first.decimal || numeral.scaled) return false;
  if (first.value < 1900 || first.value > 2100) return false;
  const before = tokens[numeral.first - 1];
  const after = tokens[numeral.last + 1];
  return (
    before?.script === 'latin' &&
    before.info?.determiner === true &&
    after?.script === 'latin' &&
    after.kind === 'word' &&
    after.info?.functionWord !== true
  );
}

/** Zero inside a phrase (`zero tolerance`, `net zero`), or `صفر` as the Hijri month. */
function isZeroPhrase(tokens: readonly Token[], numeral: Numeral): boolean {
  if (numeral.fromDigits || numeral.value !== 0) return false;
  const before = tokens[numeral.first - 1];
  const after = tokens[numeral.last + 1];
  if (tokens[numeral.first].script === 'latin') {
    if (isPunct(after, '-') && adjacent(tokens[numeral.last], after)) return true; // `zero-sum`
    return ZERO_PHRASES_BEFORE.has(before?.text ?? '') || ZERO_PHRASES_AFTER.has(after?.text ?? '');
  }
  if (before?.kind === 'word' && SAFAR_BEFORE.has(before.bare)) return true;
  if (after?.kind === 'number' && after.intDigits === 4) return true;
  return after?.kind === 'word' && (SAFAR_AFTER.has(after.stem) || ZERO_PHRASES_AFTER_AR.has(after.stem));
}

/** A numeral that is not a claim of its own; its tokens are skipped. */
function isExcludedNumeral(ctx: ScanContext, numeral: Numeral): boolean {
  const tokens = ctx.tokens;
  if (isTimeOfDay(tokens, numeral)) return true;
  if (isZeroPhrase(tokens, numeral)) return true;
  if (!numeral.fromDigits) return false;
  return (
    isGluedToLetters(tokens, numeral) ||
    identifierBefore(tokens, numeral.first) ||
    nameHeadBefore(tokens, numeral) ||
    isPhoneOrCode(tokens, numeral) ||
    isYearModifier(tokens, numeral)
  );
}

export function matchNumber(ctx: ScanContext, numeral: Numeral): Match {
  const next = numeral.last + 1;
  if (!numeral.standalone || isExcludedNumeral(ctx, numeral)) return skip(next);
  return { next, claims: [{ kind: 'number', start: numeral.start, end: numeral.end, value: numeral.value }] };
}

/** `يومين`, `مرتين`: a dual noun of time or count carries the number 2. */
export function matchDualCount(ctx: ScanContext, i: number): Match | null {
  const token = ctx.tokens[i];
  if (token.kind !== 'word' || token.info?.dualCount !== true || token.definite) return null;
  return { next: i + 1, claims: [{ kind: 'number', start: token.stemStart, end: token.end, value: 2 }] };
}
