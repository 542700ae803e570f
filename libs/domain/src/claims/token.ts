/** The unit every recogniser reads: a word, a number or one punctuation mark of the normalised text. */

import type { WordInfo } from './word-info.js';

export type TokenKind = 'word' | 'number' | 'punct';
export type Script = 'arabic' | 'latin' | 'none';
/** How a Latin word was written in the input (the normalised copy is lower-cased). */
export type CaseShape = 'lower' | 'capital' | 'upper' | 'none';
/** Arabic words made only of attached particles: `و`, `وب` (prefix) or `ال`, `وال` (article). */
export type Clitic = 'none' | 'prefix' | 'article';

export class Token {
  /** Number tokens: value and shape. */
  value = 0;
  intDigits = 0;
  grouped = false;
  decimal = false;
  leadingZero = false;
  /** Word tokens: attached prefix length (`و`, `ف`, `ب`, `ل`, `ك`) in normalised code units. */
  pre = 0;
  /** The word without its prefix; for `لل…` the article is restored (`للعضو` -> `العضو`). */
  stem = '';
  /** The stem begins with `ال`. */
  definite = false;
  info: WordInfo | undefined = undefined;
  caseShape: CaseShape = 'none';
  clitic: Clitic = 'none';

  constructor(
    readonly index: number,
    readonly kind: TokenKind,
    readonly script: Script,
    /** Offsets into the normalised text. */
    readonly start: number,
    readonly end: number,
    /** Normalised text of the whole token, prefix included. */
    readonly text: string,
    /** White space (or a line break) separates it from the token before. */
    readonly spaceBefore: boolean,
    readonly newlineBefore: boolean,
  ) {}

  /** The stem without `ال`, for lookups of nouns listed without the article. */
  get bare(): string {
    return this.definite ? this.stem.slice(2) : this.stem;
  }

  /** Normalised offset where the word starts once its prefix is set aside. */
  get stemStart(): number {
    return this.start + this.pre;
  }
}
