/**
 * Ranks: `رقم 90` (with the noun before it as subject), `الـ90`, Arabic ordinal words after a
 * noun (`العضو التسعين`, `الدورة الحادية عشرة`, `أول دولة`), English `90th`, `eleventh`,
 * `No. 90`, and `first`…`tenth` in a rank sense (`the first country`, `its third meeting`).
 */

import { parseNumeral } from './number-expression.js';
import { readOrdinalWords } from './ordinal-words.js';
import { adjacent, bareInfo, isPunct, skip, type Match, type ScanContext, type Span } from './scan-context.js';
import type { Token } from './token.js';

/** Fixed expressions whose ordinal is not a rank: `في المقام الأول`, `الدول الثالثة`. */
const IDIOMS: readonly (readonly [noun: string, ordinal: string, needsPrefix: boolean])[] = [
  ['مقام', 'الاول', false],
  ['درجة', 'الاولي', true],
  ['دول', 'الثالثة', false],
  ['عالم', 'الثالث', false],
  ['طرف', 'الثالث', false],
];

/** `المئة الأولى`, `المئة الأخيرة`: a count of the first or last hundred, not the hundredth. */
const FIRST_OR_LAST: ReadonlySet<string> = new Set(['الاولي', 'الاول', 'الاخيرة', 'الاخير']);

/** Words after a bare `أول`/`ثاني` that are not the ranked noun. */
const NOT_RANKED_AFTER_BARE: ReadonlySet<string> = new Set(['امس', 'اكسيد', 'من']);

const PRONOUN_SUFFIXES: readonly string[] = ['ها', 'هم', 'هما', 'نا', 'كم', 'ه'];

function spanOf(token: Token): Span {
  return { start: token.stemStart, end: token.end };
}

/** The previous token is a noun an Arabic ordinal adjective can follow. */
function isNounBefore(token: Token | undefined): boolean {
  if (token === undefined || token.kind !== 'word' || token.script !== 'arabic' || token.clitic !== 'none')
    return false;
  const info = token.info;
  if (info !== undefined) {
    if (info.preposition || info.month !== undefined || info.speech !== undefined) return false;
    if (info.number !== undefined || info.ordinal !== undefined || info.timeLead) return false;
  }
  if (bareInfo(token)?.timeLead === true) return false;
  if (token.definite) return true;
  const stem = token.stem;
  if (stem.endsWith('الله')) return false;
  return PRONOUN_SUFFIXES.some((suffix) => stem.length > suffix.length + 2 && stem.endsWith(suffix));
}

function isIdiom(noun: Token, ordinal: Token): boolean {
  return IDIOMS.some(
    ([bare, stem, needsPrefix]) => noun.bare === bare && ordinal.stem === stem && (!needsPrefix || noun.pre > 0),
  );
}

function followedByTimeMarker(tokens: readonly Token[], last: number): boolean {
  const after = tokens[last + 1];
  return after !== undefined && after.kind === 'word' && after.info?.timeMarker === true;
}

function ordinalClaim(start: number, end: number, value: number, subject: Span | null, next: number): Match {
  return { next, claims: [{ kind: 'ordinal', start, end, value, subject }] };
}

/** `العضو رقم 90`; `القرار رقم 2254` is an identifier and yields nothing. */
function matchRaqm(ctx: ScanContext, i: number): Match | null {
  const tokens = ctx.tokens;
  const raqm = tokens[i];
  const numeral = parseNumeral(ctx, i + 1);
  if (numeral === null || tokens[i + 1]?.newlineBefore === true) return null;
  const before = tokens[i - 1];
  const subject =
    raqm.pre === 0 && before !== undefined && before.kind === 'word' && before.clitic === 'none' ? before : undefined;
  if (bareInfo(subject)?.identifier === true) return skip(numeral.last + 1);
  return ordinalClaim(
    raqm.stemStart,
    numeral.end,
    numeral.value,
    subject === undefined ? null : spanOf(subject),
    numeral.last + 1,
  );
}

/** `الـ90`, `الـ 90`, `والـ90`. */
function matchArticleDigits(ctx: ScanContext, i: number): Match | null {
  const tokens = ctx.tokens;
  const article = tokens[i];
  const number = tokens[i + 1];
  if (number === undefined || number.kind !== 'number' || number.decimal || number.grouped || number.newlineBefore)
    return null;
  const articleStart = article.text.endsWith('ال') ? article.end - 2 : article.end - 1;
  const before = tokens[i - 1];
  const subject = isNounBefore(before) && before !== undefined ? spanOf(before) : null;
  return ordinalClaim(articleStart, number.end, number.value, subject, i + 2);
}

function matchArabicOrdinalWord(ctx: ScanContext, i: number): Match | null {
  const tokens = ctx.tokens;
  const token = tokens[i];
  const words = token.pre === 0 ? readOrdinalWords(tokens, i) : null;
  if (words === null) return null;
  const { value, last, info } = words;
  if (followedByTimeMarker(tokens, last)) return null;
  // `الأيام المئة الأولى` counts the first hundred days: no rank at all.
  if (info.kind === 'hundred' && FIRST_OR_LAST.has(tokens[last + 1]?.stem ?? '')) return skip(last + 2);
  const before = tokens[i - 1];
  if (info.definite) {
    // A compound (`الثانية عشرة`) is a rank word even where no noun precedes; its parts are no numbers.
    if (!isNounBefore(before) || before === undefined || isIdiom(before, token))
      return last > i ? skip(last + 1) : null;
    const subject = value > 10 ? spanOf(before) : null;
    return ordinalClaim(token.start, tokens[last].end, value, subject, last + 1);
  }
  // Bare `أول`, `ثاني`: a rank before the noun it ranks (`أول دولة`, `ثاني أكبر`).
  const noun = tokens[i + 1];
  if (noun === undefined || noun.kind !== 'word' || noun.script !== 'arabic' || noun.clitic !== 'none') return null;
  if (NOT_RANKED_AFTER_BARE.has(noun.stem) && (noun.stem !== 'من' || tokens[i + 2]?.stem === 'امس')) return null;
  if (noun.info?.preposition === true && noun.stem !== 'من') return null;
  return ordinalClaim(token.start, token.end, value, null, i + 1);
}

function isEnglishRankContext(tokens: readonly Token[], i: number): boolean {
  const before = tokens[i - 1];
  const after = tokens[i + 1];
  // possessive: `Syria's third`
  if (before?.text === 's' && isPunct(tokens[i - 2], "'")) return true;
  if (before === undefined || before.kind !== 'word' || before.info?.determiner !== true) return false;
  if (before.text === 'a' || before.text === 'an') {
    return (
      after !== undefined && after.kind === 'word' && after.script === 'latin' && after.info?.functionWord !== true
    );
  }
  return true;
}

function englishSubjectAfter(tokens: readonly Token[], last: number): Span | null {
  const noun = tokens[last + 1];
  if (noun === undefined || noun.kind !== 'word' || noun.script !== 'latin' || noun.info?.functionWord === true)
    return null;
  return spanOf(noun);
}

/** `the first country`, `eleventh`, `twenty-first`. */
function matchEnglishOrdinalWord(ctx: ScanContext, i: number): Match | null {
  const tokens = ctx.tokens;
  const words = readOrdinalWords(tokens, i);
  if (words === null) return null;
  if (words.info.common && !words.compound && !isEnglishRankContext(tokens, i)) return null;
  const subject = words.info.common && !words.compound ? null : englishSubjectAfter(tokens, words.last);
  return ordinalClaim(tokens[i].start, tokens[words.last].end, words.value, subject, words.last + 1);
}

/** `90th`, `1st`. */
function matchNumericOrdinal(ctx: ScanContext, i: number): Match | null {
  const tokens = ctx.tokens;
  const number = tokens[i];
  const suffix = tokens[i + 1];
  if (number.decimal || number.grouped || !adjacent(number, suffix) || suffix?.info?.ordinalSuffix !== true)
    return null;
  return ordinalClaim(number.start, suffix.end, number.value, englishSubjectAfter(tokens, i + 1), i + 2);
}

/** `member No. 90`, `member number 90`. */
function matchEnglishNumberMark(ctx: ScanContext, i: number): Match | null {
  const tokens = ctx.tokens;
  const mark = tokens[i];
  let at = i + 1;
  if (mark.text === 'no') {
    if (mark.caseShape === 'lower' || !isPunct(tokens[at], '.')) return null;
    at++;
  }
  const number = tokens[at];
  if (number === undefined || number.kind !== 'number' || number.decimal || number.newlineBefore) return null;
  const before = tokens[i - 1];
  const subject =
    before !== undefined && before.kind === 'word' && before.script === 'latin' && before.info?.functionWord !== true
      ? before
      : undefined;
  if (subject === undefined) return mark.text === 'no' ? skip(at + 1) : null;
  if (subject.info?.identifier === true) return skip(at + 1);
  return ordinalClaim(mark.start, number.end, number.value, spanOf(subject), at + 1);
}

export function matchOrdinal(ctx: ScanContext, i: number): Match | null {
  const token = ctx.tokens[i];
  if (token.kind === 'number') return matchNumericOrdinal(ctx, i);
  if (token.kind !== 'word') return null;
  if (token.script === 'arabic') {
    if (token.stem === 'رقم') return matchRaqm(ctx, i);
    if (token.clitic === 'article') return matchArticleDigits(ctx, i);
    return matchArabicOrdinalWord(ctx, i);
  }
  if (token.text === 'no' || token.text === 'number') return matchEnglishNumberMark(ctx, i);
  return matchEnglishOrdinalWord(ctx, i);
}
