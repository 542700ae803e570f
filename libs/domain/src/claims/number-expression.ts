/**
 * Reads one numeral at a token: digits with their scale (`3 ملايين`, `1.5 million`, `$5bn`),
 * Arabic number words in their compound grammar (`خمسة وأربعين`, `ثلاثمئة ألف`, `أحد عشر`,
 * `مليون ونصف المليون`) and English number words (`one hundred and twenty-five thousand`).
 */

import { LEXICON } from './lexicon.js';
import { UNAMBIGUOUS_SCALE_SUFFIXES } from './number-words-en.js';
import { adjacent, isPunct, type ScanContext } from './scan-context.js';
import type { Token } from './token.js';
import type { NumberWordInfo } from './word-info.js';

export interface Numeral {
  value: number;
  /** First and last token of the numeral, inclusive. */
  first: number;
  last: number;
  /** Normalised span, without an attached prefix. */
  start: number;
  end: number;
  /** Starts with digits rather than words. */
  fromDigits: boolean;
  /** A scale word or suffix was read (`ملايين`, `bn`). */
  scaled: boolean;
  /** False for a lone `واحد`/`one`, which is not a claim by itself. */
  standalone: boolean;
  /** The last scale read (`20 مليون` -> 1e6), or 1; a range's first numeral may share it. */
  scale: number;
}

type Step = NumberWordInfo['kind'] | 'digits';

const WAW = 0x0648;

function numberInfo(token: Token | undefined): NumberWordInfo | undefined {
  return token !== undefined && token.kind === 'word' ? token.info?.number : undefined;
}

/** `وخمسون`: a number word with only the conjunction attached. */
function isConjoinedWord(token: Token | undefined): boolean {
  return (
    token !== undefined &&
    token.kind === 'word' &&
    token.pre === 1 &&
    token.text.charCodeAt(0) === WAW &&
    token.info?.number !== undefined
  );
}

class NumeralReader {
  total = 0;
  group = 0;
  lastScale = Number.POSITIVE_INFINITY;
  lastStep: Step | null = null;
  lastUnit = 0;
  count = 0;
  scaled = false;

  constructor(public english: boolean) {}

  /** Applies the first word of a numeral; false when it cannot start one. */
  begin(info: NumberWordInfo, previous: Token | undefined): boolean {
    this.count = 1;
    this.lastStep = info.kind;
    switch (info.kind) {
      case 'unit':
        this.group = info.value;
        this.lastUnit = info.value;
        return true;
      case 'teen':
      case 'ten':
      case 'hundred':
        this.group = info.value;
        return true;
      case 'scale': {
        if (info.form === 'plural') return false;
        // English `million` alone needs `a`/`one` before it: `a million people`.
        if (this.english && !(previous?.text === 'a' || previous?.text === 'an')) return false;
        this.total = info.form === 'dual' ? 2 * info.value : info.value;
        this.lastScale = info.value;
        this.scaled = true;
        return true;
      }
    }
  }

  /** Applies a following word; false when it does not continue this numeral. */
  extend(info: NumberWordInfo, conjoined: boolean, hyphenated: boolean): boolean {
    const last = this.lastStep;
    // Nothing continues or joins zero (`صفر`, `zero`).
    if (info.value === 0 || (this.count === 1 && last === 'unit' && this.lastUnit === 0)) return false;
    switch (info.kind) {
      case 'unit':
        // `twenty-five`, and `twenty five` without its hyphen
        if (hyphenated || (this.english && !conjoined && last === 'ten' && info.value < 10)) {
          if (last !== 'ten') return false;
          this.group += info.value;
        } else if (conjoined) {
          if (last !== 'scale' && last !== 'hundred' && last !== 'ten') return false;
          this.group += info.value;
        } else if (!this.english && info.value === 10 && last === 'unit' && this.lastUnit < 10) {
          this.group += 10; // خمسة عشر
        } else {
          return false;
        }
        this.lastUnit = info.value;
        break;
      case 'teen':
        if (last !== 'scale' && last !== 'hundred') return false;
        // `two hundred fifteen`: English may leave out the `and` after hundred
        if (!conjoined && !(this.english && last === 'hundred')) return false;
        this.group += info.value;
        break;
      case 'ten':
        if (!conjoined && !(this.english && last === 'hundred')) return false;
        if (last !== 'scale' && last !== 'hundred' && !(last === 'unit' && !this.english)) return false;
        // `خمسة وعشرون`, but `عشرة وعشرين` is a range of two numbers, not 30
        if (last === 'unit' && this.lastUnit >= 10) return false;
        this.group += info.value;
        break;
      case 'hundred':
        if (this.english) {
          if (conjoined || (last !== 'unit' && last !== 'teen') || this.group >= 100) return false;
          this.group *= 100;
        } else if (conjoined) {
          if (last !== 'scale') return false;
          this.group += info.value;
        } else {
          if (last !== 'unit' || info.value !== 100 || this.lastUnit < 3) return false;
          this.group = this.group - this.lastUnit + this.lastUnit * 100; // ثلاث مئة
        }
        break;
      case 'scale':
        if (conjoined || this.group === 0 || info.form === 'dual' || info.value >= this.lastScale) return false;
        this.total += this.group * info.value;
        this.group = 0;
        this.lastScale = info.value;
        this.scaled = true;
        break;
    }
    this.lastStep = info.kind;
    this.count++;
    return true;
  }

  /** `و500` after a scale: `3 ملايين و500 ألف`, `ألف و200`. */
  extendDigits(value: number): boolean {
    if (this.lastStep !== 'scale' || value >= this.lastScale || value <= 0) return false;
    this.group = value;
    this.lastStep = 'digits';
    this.count++;
    return true;
  }

  get value(): number {
    const value = this.total + this.group;
    return this.scaled ? Math.round(value) : value;
  }
}

function articleScale(token: Token | undefined, scale: number): boolean {
  if (token === undefined || token.kind !== 'word' || !token.definite || token.pre !== 0) return false;
  const info = LEXICON.get(token.bare)?.number;
  return info !== undefined && info.kind === 'scale' && info.value === scale;
}

/** Reads the words and digits that continue a numeral after token `last`; returns its new last token. */
function readContinuation(tokens: readonly Token[], reader: NumeralReader, last: number): number {
  let j = last + 1;
  while (j < tokens.length) {
    const token = tokens[j];
    let wordIndex = j;
    let conjoined = false;
    let hyphenated = false;
    if (token.kind === 'word' && token.clitic === 'prefix' && token.text === 'و') {
      conjoined = true;
      wordIndex = j + 1;
    } else if (reader.english && token.kind === 'word' && token.text === 'and') {
      conjoined = true;
      wordIndex = j + 1;
    } else if (reader.english && isPunct(token, '-') && adjacent(tokens[j - 1], token)) {
      hyphenated = true;
      wordIndex = j + 1;
      if (!adjacent(token, tokens[wordIndex])) break;
    } else if (isConjoinedWord(token)) {
      conjoined = true;
    }
    const word = tokens[wordIndex];
    if (word === undefined) break;
    if (word.kind === 'number') {
      // `10 آلاف و20 ألف`: digits with a scale of their own start the second numeral of a range
      const scaleAfter = numberInfo(tokens[wordIndex + 1]);
      if (scaleAfter?.kind === 'scale' && scaleAfter.value >= reader.lastScale) break;
      if (!conjoined || reader.english || !reader.extendDigits(word.value)) break;
    } else {
      const info = numberInfo(word);
      if (info === undefined) break;
      // Only the conjunction may be attached to a continuing word.
      if (word.pre !== 0 && !(wordIndex === j && conjoined)) break;
      // `الأحد عشر` is 11, but `الأحد عشرة` is a Sunday and ten
      if (reader.count === 1 && tokens[last].stem === 'الاحد' && word.stem !== 'عشر') break;
      if (!reader.extend(info, conjoined, hyphenated)) break;
    }
    last = wordIndex;
    j = wordIndex + 1;
  }
  return last;
}

/** `مليون ونصف`, `مليون ونصف المليون`, `a million and a half`; returns the new last token. */
function readHalf(tokens: readonly Token[], reader: NumeralReader, last: number): number {
  if (reader.lastStep !== 'scale') return last;
  const half = tokens[last + 1];
  if (half?.kind === 'word' && half.pre === 1 && half.info?.fraction === 0.5 && half.text.charCodeAt(0) === WAW) {
    reader.total += reader.lastScale / 2;
    return articleScale(tokens[last + 2], reader.lastScale) ? last + 2 : last + 1;
  }
  if (tokens[last + 1]?.text === 'and' && tokens[last + 2]?.text === 'a' && tokens[last + 3]?.text === 'half') {
    reader.total += reader.lastScale / 2;
    return last + 3;
  }
  return last;
}

/** The English unit ordinal (`fifth`) right after the tens at token `last`, or -1. */
function ordinalUnitAfter(tokens: readonly Token[], last: number): number {
  let j = last + 1;
  if (isPunct(tokens[j], '-') && adjacent(tokens[last], tokens[j]) && adjacent(tokens[j], tokens[j + 1])) j++;
  const word = tokens[j];
  const ordinal = word?.kind === 'word' && word.script === 'latin' ? word.info?.ordinal : undefined;
  return ordinal !== undefined && ordinal.kind === 'unit' && ordinal.value < 10 ? j : -1;
}

/** `a million`, `half a million`: where an English numeral really starts, or -1 when at its first word. */
function englishArticleStart(tokens: readonly Token[], i: number, reader: NumeralReader): number {
  const article = tokens[i - 1];
  if (!reader.english || tokens[i].kind !== 'word' || (article?.text !== 'a' && article?.text !== 'an')) return -1;
  const half = tokens[i - 2];
  if (reader.lastStep === 'scale' && half?.text === 'half') {
    reader.total /= 2;
    return half.start;
  }
  return article.start;
}

/**
 * Reads the numeral starting at token `i`. `currency` allows the short scale suffixes that are
 * only unambiguous next to money (`$5m`).
 */
export function parseNumeral(ctx: ScanContext, i: number, currency = false): Numeral | null {
  const tokens = ctx.tokens;
  const first = tokens[i];
  if (first === undefined) return null;
  const reader = new NumeralReader(first.script === 'latin');
  let standalone = true;
  if (first.kind === 'number') {
    reader.group = first.value;
    reader.lastStep = 'digits';
    reader.count = 1;
    const suffix = tokens[i + 1];
    const scale = suffix?.info?.scaleSuffix;
    if (
      scale !== undefined &&
      adjacent(first, suffix) &&
      (currency || UNAMBIGUOUS_SCALE_SUFFIXES.has(suffix?.text ?? ''))
    ) {
      reader.total = first.value * scale;
      reader.group = 0;
      reader.lastScale = scale;
      reader.scaled = true;
      return finish(ctx, reader, i, i + 1, true, true);
    }
    // Digits are read the English way when an English word follows (`1.5 million`).
    if (suffix?.script === 'latin') reader.english = true;
  } else if (first.kind === 'word' && first.info?.fraction !== undefined) {
    // `نصف مليون`, `ربع مليار`
    const scale = tokens[i + 1];
    const info = numberInfo(scale);
    if (scale?.pre !== 0 || info?.kind !== 'scale' || info.form !== 'single') return null;
    reader.total = first.info.fraction * info.value;
    reader.lastScale = info.value;
    reader.lastStep = 'scale';
    reader.scaled = true;
    reader.count = 2;
    return finish(ctx, reader, i, i + 1, false, true);
  } else {
    const info = numberInfo(first);
    if (info === undefined || !reader.begin(info, tokens[i - 1])) return null;
    standalone = info.standalone;
  }
  const articleStart = englishArticleStart(tokens, i, reader);
  let last = readHalf(tokens, reader, readContinuation(tokens, reader, i));
  let alone = reader.count === 1 && first.kind === 'word' && !standalone;
  // `twenty fifth`, `twenty-fifth`: the tens of an ordinal, which is no number of its own
  const ordinalUnit = reader.english && reader.lastStep === 'ten' ? ordinalUnitAfter(tokens, last) : -1;
  if (ordinalUnit >= 0) {
    last = ordinalUnit;
    alone = true;
  }
  const numeral = finish(ctx, reader, i, last, first.kind !== 'word', !alone);
  if (articleStart >= 0) numeral.start = articleStart;
  return numeral;
}

function finish(
  ctx: ScanContext,
  reader: NumeralReader,
  first: number,
  last: number,
  fromDigits: boolean,
  standalone: boolean,
): Numeral {
  const firstToken = ctx.tokens[first];
  const sign = minusSign(ctx.tokens, first);
  // a hyphen is a sign only against digits; `minus`/`سالب` also before words (`minus five`)
  const minus = fromDigits || sign?.kind === 'word' ? sign : undefined;
  return {
    value: minus === undefined ? reader.value : -reader.value,
    first,
    last,
    start: minus === undefined ? firstToken.stemStart : minus.stemStart,
    end: ctx.tokens[last].end,
    fromDigits,
    scaled: reader.scaled,
    standalone,
    scale: reader.scaled ? reader.lastScale : 1,
  };
}

const MINUS_WORDS: ReadonlySet<string> = new Set(['minus', 'سالب']);

/** Characters after which a hyphen written against digits is a minus sign: `(-5)`, `«-5`. */
const MINUS_OPENERS = '([{«“"\':';

/**
 * A minus sign (`-`, or `−` normalised to it) written against the token at `first`, with white
 * space or an opening mark before it: `-12`, `−0.4%`, `-$5`. Not a hyphen between two words or
 * numbers (`3-1`, `F-16`, `و-3`), nor after a name (`كوفيد -19`, `Covid -19`).
 */
export function minusSign(tokens: readonly Token[], first: number): Token | undefined {
  const sign = tokens[first - 1];
  // `minus 5 degrees`, `سالب 5 درجات`; not the arithmetic `10 minus 5`
  if (sign?.kind === 'word' && MINUS_WORDS.has(sign.text)) {
    return tokens[first - 2]?.kind === 'number' || tokens[first - 2]?.info?.number !== undefined ? undefined : sign;
  }
  if (!isPunct(sign, '-') || !adjacent(sign, tokens[first])) return undefined;
  const before = tokens[first - 2];
  if (before === undefined) return sign;
  if (!adjacent(before, sign)) return namesANumber(before) ? undefined : sign;
  return before.kind === 'punct' && MINUS_OPENERS.includes(before.text) ? sign : undefined;
}

/** Names written with a hyphen before their number (`كوفيد-19`), also when it is typed apart. */
const HYPHENATED_NAMES: ReadonlySet<string> = new Set(['كوفيد', 'كورونا', 'سارس', 'ميرس']);

/** A word that names what a number after it numbers: `كوفيد`, or a capitalised English word. */
export function namesANumber(word: Token | undefined): boolean {
  if (word === undefined || word.kind !== 'word') return false;
  if (HYPHENATED_NAMES.has(word.bare) || (word.info ?? LEXICON.get(word.bare))?.nameHead === true) return true;
  const info = word.info;
  if (info?.functionWord === true || info?.month !== undefined || info?.weekday !== undefined) return false;
  return word.script === 'latin' && word.caseShape !== 'lower';
}
