/** Splits the normalised text into words, numbers and punctuation in one linear pass. */

import { analyseArabicWord } from './arabic-prefixes.js';
import { LEXICON } from './lexicon.js';
import type { NormalisedText } from './normalise.js';
import { Token, type CaseShape } from './token.js';

const SPACE = 0x20;
const NEWLINE = 0x0a;
const COMMA = 0x2c;
const DOT = 0x2e;

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

export function isArabicLetter(code: number): boolean {
  return (
    (code >= 0x0621 && code <= 0x063a) ||
    (code >= 0x0641 && code <= 0x064a) ||
    (code >= 0x066e && code <= 0x066f) ||
    (code >= 0x0671 && code <= 0x06d3) ||
    code === 0x06d5 ||
    (code >= 0x06ee && code <= 0x06ef) ||
    (code >= 0x06fa && code <= 0x06fc) ||
    code === 0x06ff ||
    (code >= 0x0750 && code <= 0x077f) ||
    (code >= 0xfb50 && code <= 0xfdff) ||
    (code >= 0xfe70 && code <= 0xfefc)
  );
}

export function isLatinLetter(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7)
  );
}

interface NumberShape {
  end: number;
  value: number;
  intDigits: number;
  grouped: boolean;
  decimal: boolean;
}

function digitsEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && isDigit(text.charCodeAt(i))) i++;
  return i;
}

/** A separator at `i` followed by a digit. */
function separatorAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  return (code === COMMA || code === DOT) && isDigit(text.charCodeAt(i + 1)) ? code : 0;
}

/**
 * Reads `1,500`, `1,500.5`, `2.5` and the Arabic decimal comma `2,5`. A run that fits none of
 * them (`9.2.2026`) stops after its first digits so that dates can read it. Every branch looks
 * only at the run itself, so the scan stays linear however the separators repeat.
 */
function scanNumber(text: string, start: number): NumberShape {
  const intEnd = digitsEnd(text, start);
  const intDigits = intEnd - start;
  const simple: NumberShape = {
    end: intEnd,
    value: Number(text.slice(start, intEnd)),
    intDigits,
    grouped: false,
    decimal: false,
  };
  const sep = separatorAt(text, intEnd);
  // inside a run already refused (`9.2.2026`), every part stays a bare digit run
  if (sep === 0 || (start > 1 && separatorAt(text, start - 1) !== 0 && isDigit(text.charCodeAt(start - 2))))
    return simple;
  if (sep === COMMA && intDigits <= 3) {
    // thousands groups: the longest run of `,ddd`, then an optional decimal part
    let j = intEnd;
    while (separatorAt(text, j) === COMMA && digitsEnd(text, j + 1) === j + 4) j += 4;
    if (j > intEnd) {
      const digits = text.slice(start, j).replaceAll(',', '');
      if (separatorAt(text, j) === DOT) {
        const fractionEnd = digitsEnd(text, j + 1);
        if (separatorAt(text, fractionEnd) === 0) {
          return {
            end: fractionEnd,
            value: Number(`${digits}.${text.slice(j + 1, fractionEnd)}`),
            intDigits: digits.length,
            grouped: true,
            decimal: true,
          };
        }
      }
      return { end: j, value: Number(digits), intDigits: digits.length, grouped: true, decimal: false };
    }
  }
  // one decimal separator (`2.5`, or the Arabic decimal comma `2,5`) and nothing after it
  const fractionEnd = digitsEnd(text, intEnd + 1);
  if (separatorAt(text, fractionEnd) !== 0) return simple;
  return {
    end: fractionEnd,
    value: Number(`${text.slice(start, intEnd)}.${text.slice(intEnd + 1, fractionEnd)}`),
    intDigits,
    grouped: false,
    decimal: true,
  };
}

/** The input wrote `وأ`, `وإ`, `فأ`…: a conjunction before a hamza-carrying alef. */
function isConjunctionBeforeHamza(source: string, origin: Int32Array, start: number, end: number): boolean {
  if (end - start < 3) return false;
  const first = source.charCodeAt(origin[start]);
  if (first !== 0x0648 && first !== 0x0641) return false;
  const second = source.charCodeAt(origin[start + 1]);
  return second === 0x0623 || second === 0x0625 || second === 0x0622;
}

function caseShapeOf(source: string, origin: Int32Array, start: number, end: number): CaseShape {
  let upper = 0;
  for (let i = start; i < end; i++) {
    const code = source.charCodeAt(origin[i]);
    if ((code >= 0x41 && code <= 0x5a) || (code >= 0xc0 && code <= 0xde)) upper++;
    else if (i === start) return 'lower';
  }
  if (upper === 0) return 'lower';
  return upper === end - start && end - start > 1 ? 'upper' : 'capital';
}

/**
 * Tokenises the normalised text, or the part of it in [from, to) (offsets stay absolute). A part
 * should start and end at a line break, which no recogniser crosses.
 */
export function tokenise(normalised: NormalisedText, from = 0, to = normalised.text.length): Token[] {
  const { text, source, origin } = normalised;
  const tokens: Token[] = [];
  const length = to;
  let spaceBefore = from > 0;
  let newlineBefore = from > 0;
  let i = from;
  while (i < length) {
    const code = text.charCodeAt(i);
    if (code === SPACE) {
      spaceBefore = true;
      i++;
      continue;
    }
    if (code === NEWLINE) {
      spaceBefore = true;
      newlineBefore = true;
      i++;
      continue;
    }
    const index = tokens.length;
    let token: Token;
    if (isDigit(code)) {
      const shape = scanNumber(text, i);
      token = new Token(index, 'number', 'none', i, shape.end, text.slice(i, shape.end), spaceBefore, newlineBefore);
      token.value = shape.value;
      token.intDigits = shape.intDigits;
      token.grouped = shape.grouped;
      token.decimal = shape.decimal;
      token.leadingZero = code === 0x30 && shape.intDigits > 1;
      i = shape.end;
    } else if (isArabicLetter(code)) {
      let end = i + 1;
      while (end < length && isArabicLetter(text.charCodeAt(end))) end++;
      const word = text.slice(i, end);
      token = new Token(index, 'word', 'arabic', i, end, word, spaceBefore, newlineBefore);
      const analysis = analyseArabicWord(word, isConjunctionBeforeHamza(source, origin, i, end));
      token.pre = analysis.pre;
      token.stem = analysis.stem;
      token.info = analysis.info;
      token.definite = analysis.definite;
      token.clitic = analysis.clitic;
      i = end;
    } else if (isLatinLetter(code)) {
      let end = i + 1;
      while (end < length && isLatinLetter(text.charCodeAt(end))) end++;
      const word = text.slice(i, end);
      token = new Token(index, 'word', 'latin', i, end, word, spaceBefore, newlineBefore);
      token.stem = word;
      token.info = LEXICON.get(word);
      token.caseShape = caseShapeOf(source, origin, i, end);
      i = end;
    } else {
      token = new Token(index, 'punct', 'none', i, i + 1, text[i], spaceBefore, newlineBefore);
      i++;
    }
    tokens.push(token);
    spaceBefore = false;
    newlineBefore = false;
  }
  return tokens;
}
