/** Sentence boundaries over the tokens (terminal punctuation or a line break), in one pass. */

import type { Token } from './token.js';
import { wordList } from './word-list.js';

export interface Sentences {
  /** Index of the first token of the sentence holding each token. */
  readonly start: Int32Array;
  /** Index after the last token of the sentence holding each token. */
  readonly end: Int32Array;
}

const TERMINALS: ReadonlySet<string> = new Set(['.', '!', '?', '؟', '…']);

/** A full stop after these is an abbreviation, not a sentence end. */
export const ABBREVIATIONS: ReadonlySet<string> = new Set(
  wordList(`
  mr mrs ms dr st no nos vs jan feb mar apr jun jul aug sep sept oct nov dec gen col lt sgt prof inc
  ltd co jr sr etc rep sen gov pp capt maj cmdr adm corp
`),
);

/** Closing marks that stay with the sentence when they follow its full stop: `…done."`, `…؟»`. */
const CLOSING_MARKS: ReadonlySet<string> = new Set(['»', '”', '"', ')']);

/** `هـ`/`م` right after a number: a year's era marker, not an abbreviation. */
function isEraMarker(tokens: readonly Token[], k: number): boolean {
  const token = tokens[k];
  const before = tokens[k - 1];
  return (token.text === 'ه' || token.text === 'م') && before !== undefined && before.kind === 'number';
}

/** Abbreviations that can end a sentence: before a capitalised word they do. */
const SENTENCE_FINAL_ABBREVIATIONS: ReadonlySet<string> = new Set(
  wordList('jan feb mar apr jun jul aug sep sept oct nov dec etc'),
);

function adjacent(before: Token, after: Token): boolean {
  return before.end === after.start;
}

function isTerminal(tokens: readonly Token[], k: number): boolean {
  const token = tokens[k];
  if (token.kind !== 'punct' || !TERMINALS.has(token.text)) return false;
  if (token.text !== '.') return true;
  const before = tokens[k - 1];
  const after = tokens[k + 1];
  // `9.2.2026`: a dot between digits is part of a date or a number
  if (before?.kind === 'number' && after?.kind === 'number' && adjacent(before, token) && adjacent(token, after))
    return false;
  if (before !== undefined && before.kind === 'word' && before.end === token.start) {
    // `1447 هـ.`, `1850 م.`: an era marker after a year ends the sentence
    if (isEraMarker(tokens, k - 1)) return true;
    if (before.text.length === 1) return false; // U.S., a.m., د.
    if (before.script === 'latin' && ABBREVIATIONS.has(before.text)) {
      // `in Sept. Officials said`: a month's abbreviation ends the sentence unless a day follows
      return (
        SENTENCE_FINAL_ABBREVIATIONS.has(before.text) &&
        after !== undefined &&
        after.caseShape !== 'lower' &&
        after.kind === 'word'
      );
    }
  }
  // `e.g.` style and decimals split by tokenising: a lower-case word glued after the dot
  if (after !== undefined && after.start === token.end && after.kind === 'word' && after.caseShape === 'lower')
    return false;
  return true;
}

export function splitSentences(tokens: readonly Token[]): Sentences {
  const count = tokens.length;
  const start = new Int32Array(count);
  const end = new Int32Array(count);
  let sentenceStart = 0;
  const close = (endIndex: number): void => {
    for (let k = sentenceStart; k < endIndex; k++) end[k] = endIndex;
    sentenceStart = endIndex;
  };
  for (let k = 0; k < count; k++) {
    if (k > sentenceStart && tokens[k].newlineBefore) close(k);
    start[k] = sentenceStart;
    if (isTerminal(tokens, k)) {
      let last = k;
      // closing marks glued to the terminal belong to its sentence
      while (
        last + 1 < count &&
        tokens[last + 1].kind === 'punct' &&
        CLOSING_MARKS.has(tokens[last + 1].text) &&
        tokens[last + 1].start === tokens[last].end
      ) {
        last++;
        start[last] = sentenceStart;
      }
      close(last + 1);
      k = last;
    }
  }
  close(count);
  return { start, end };
}
