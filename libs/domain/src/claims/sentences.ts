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

function isTerminal(tokens: readonly Token[], k: number): boolean {
  const token = tokens[k];
  if (token.kind !== 'punct' || !TERMINALS.has(token.text)) return false;
  if (token.text !== '.') return true;
  const before = tokens[k - 1];
  if (before !== undefined && before.kind === 'word' && before.end === token.start) {
    if (before.text.length === 1) return false; // U.S., a.m., د.
    if (before.script === 'latin' && ABBREVIATIONS.has(before.text)) return false;
  }
  const after = tokens[k + 1];
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
    if (isTerminal(tokens, k)) close(k + 1);
  }
  close(count);
  return { start, end };
}
