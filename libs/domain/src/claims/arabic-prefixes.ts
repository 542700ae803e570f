/**
 * Splits the attached conjunctions and prepositions (`و`, `ف`, `ب`, `ل`, `ك`, alone or combined)
 * off an Arabic word, but only when what remains is a word the lexicon knows or starts with the
 * article: `وبنسبة` -> `و` + `ب` + `نسبة`, while `بشار` stays whole.
 */

import { LEXICON } from './lexicon.js';
import type { Clitic } from './token.js';
import type { WordInfo } from './word-info.js';

const WAW = 0x0648;
const FA = 0x0641;
const BA = 0x0628;
const LAM = 0x0644;
const KAF = 0x0643;
const ALEF = 0x0627;

export interface ArabicAnalysis {
  pre: number;
  stem: string;
  info: WordInfo | undefined;
  definite: boolean;
  clitic: Clitic;
}

function isConjunction(code: number): boolean {
  return code === WAW || code === FA;
}

function isPreposition(code: number): boolean {
  return code === BA || code === LAM || code === KAF;
}

function startsWithArticle(word: string, at: number): boolean {
  return word.charCodeAt(at) === ALEF && word.charCodeAt(at + 1) === LAM;
}

/** Classifies a word made only of particles, as in `وبـ45` or `والـ90`. */
function cliticOf(word: string): Clitic {
  let i = 0;
  if (i < word.length && isConjunction(word.charCodeAt(i))) i++;
  if (i < word.length && isPreposition(word.charCodeAt(i))) i++;
  if (i === word.length) return 'prefix';
  if (word.length - i === 2 && startsWithArticle(word, i)) return 'article';
  // `للـ90`: lam + article whose alef is not written
  if (word.length - i === 1 && word.charCodeAt(i) === LAM && word.charCodeAt(i - 1) === LAM) return 'article';
  return 'none';
}

/**
 * `hamzaAfterConjunction`: the input wrote `وأ`/`فإ`, which normalises like a root alef
 * (`وأحد` and `واحد` both become `واحد`); the conjunction reading is then tried first.
 */
export function analyseArabicWord(word: string, hamzaAfterConjunction = false): ArabicAnalysis {
  const clitic = word.length <= 4 ? cliticOf(word) : 'none';
  const exact = hamzaAfterConjunction ? undefined : LEXICON.get(word);
  if (exact !== undefined || clitic !== 'none') {
    return { pre: 0, stem: word, info: exact, definite: startsWithArticle(word, 0), clitic };
  }
  // Candidate prefix lengths: conjunction, preposition, or both.
  let definiteSplit = -1;
  let definiteStem = '';
  const first = word.charCodeAt(0);
  const candidates: number[] = [];
  if (isConjunction(first)) {
    candidates.push(1);
    if (isPreposition(word.charCodeAt(1))) candidates.push(2);
  } else if (isPreposition(first)) {
    candidates.push(1);
  }
  for (const pre of candidates) {
    if (word.length - pre < 2) continue;
    let stem = word.slice(pre);
    // `لل…` is lam + article with its alef dropped.
    if (word.charCodeAt(pre - 1) === LAM && word.charCodeAt(pre) === LAM) stem = `ا${stem}`;
    const info = LEXICON.get(stem);
    if (info !== undefined) {
      if (info.blocked === true) break;
      return { pre, stem, info, definite: startsWithArticle(stem, 0), clitic: 'none' };
    }
    if (definiteSplit < 0 && stem.length >= 4 && startsWithArticle(stem, 0)) {
      definiteSplit = pre;
      definiteStem = stem;
    }
  }
  if (definiteSplit > 0) {
    return { pre: definiteSplit, stem: definiteStem, info: undefined, definite: true, clitic: 'none' };
  }
  const info = hamzaAfterConjunction ? LEXICON.get(word) : undefined;
  return { pre: 0, stem: word, info, definite: startsWithArticle(word, 0), clitic: 'none' };
}
