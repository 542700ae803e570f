/**
 * Reads an ordinal written in words, single or compound: `العاشر`, `الحادي عشر`, `الحادية عشرة`,
 * `الخامس والتسعين`, `first`, `eleventh`, `twenty-first`. Ranks and the day of a date both use it.
 */

import { ARABIC_ORDINAL_HEADS_ONLY } from './arabic-numbers.js';
import { adjacent, isPunct } from './scan-context.js';
import type { Token } from './token.js';
import type { OrdinalWordInfo } from './word-info.js';

export interface OrdinalWords {
  value: number;
  /** Last token of the ordinal. */
  last: number;
  /** The first word's entry (`definite`, `common`). */
  info: OrdinalWordInfo;
  compound: boolean;
}

const WAW = 0x0648;

/** `الواحد`/`الواحدة` head a compound ordinal (`الواحد والثلاثون`) but are no rank alone. */
const ARABIC_ONE_HEADS: ReadonlySet<string> = new Set(['الواحد', 'الواحدة']);
const ONE_HEAD: OrdinalWordInfo = { value: 1, kind: 'unit', definite: true, common: true };
/** `المئة`/`المائة` read as a rank only where an ordinal adjective can stand (after a noun). */
const ARABIC_HUNDREDTH: ReadonlySet<string> = new Set(['المئة', 'المائة']);
const HUNDREDTH: OrdinalWordInfo = { value: 100, kind: 'hundred', definite: true, common: false };

export function readOrdinalWords(tokens: readonly Token[], i: number): OrdinalWords | null {
  const token = tokens[i];
  if (token === undefined || token.kind !== 'word') return null;
  // English `twenty-first`
  const tens = token.info?.number;
  const hyphen = tokens[i + 1];
  const unitToken = tokens[i + 2];
  const unit = unitToken?.info?.ordinal;
  if (tens?.kind === 'ten' && token.script === 'latin') {
    // `twenty fifth`: the unit written as a separate word
    const spaced = hyphen?.info?.ordinal;
    if (spaced?.kind === 'unit' && spaced.value < 10 && hyphen.spaceBefore && !hyphen.newlineBefore) {
      return { value: tens.value + spaced.value, last: i + 1, info: spaced, compound: true };
    }
    if (unit === undefined || unit.kind !== 'unit' || unit.value === 10) return null;
    if (!isPunct(hyphen, '-') || !adjacent(token, hyphen) || !adjacent(hyphen, unitToken)) return null;
    return { value: tens.value + unit.value, last: i + 2, info: unit, compound: true };
  }
  const next = tokens[i + 1];
  if (token.script === 'arabic' && token.pre === 0 && ARABIC_ONE_HEADS.has(token.stem)) {
    const tensInfo = next?.info?.ordinal;
    if (next?.pre === 1 && next.text.charCodeAt(0) === WAW && tensInfo?.kind === 'ten') {
      return { value: 1 + tensInfo.value, last: i + 1, info: ONE_HEAD, compound: true }; // الواحد والثلاثون
    }
    return null;
  }
  // `المئة` after a noun: the hundredth
  if (token.script === 'arabic' && token.pre === 0 && ARABIC_HUNDREDTH.has(token.stem)) {
    return { value: 100, last: i, info: HUNDREDTH, compound: false };
  }
  const info = token.info?.ordinal;
  if (info === undefined) return null;
  // the unit of `twenty-first` (or `twenty first`) belongs to its tens
  if (token.script === 'latin' && isPunct(tokens[i - 1], '-') && tokens[i - 2]?.info?.number?.kind === 'ten') {
    return null;
  }
  const before = tokens[i - 1];
  if (token.script === 'latin' && before?.info?.number?.kind === 'ten' && before.script === 'latin') {
    if (info.kind === 'unit' && info.value < 10 && token.spaceBefore && !token.newlineBefore) return null;
  }
  if (info.kind === 'unit' && info.definite && next?.kind === 'word') {
    const ten = next.info?.number;
    if (next.pre === 0 && ten?.kind === 'unit' && ten.value === 10) {
      return { value: info.value + 10, last: i + 1, info, compound: true }; // الحادي عشر
    }
    const tens = next.info?.ordinal;
    if (next.pre === 1 && next.text.charCodeAt(0) === WAW && tens?.kind === 'ten') {
      return { value: info.value + tens.value, last: i + 1, info, compound: true }; // الحادي والعشرين
    }
  }
  if (ARABIC_ORDINAL_HEADS_ONLY.has(token.stem)) return null;
  return { value: info.value, last: i, info, compound: false };
}
