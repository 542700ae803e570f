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

export function readOrdinalWords(tokens: readonly Token[], i: number): OrdinalWords | null {
  const token = tokens[i];
  if (token === undefined || token.kind !== 'word') return null;
  // English `twenty-first`
  const tens = token.info?.number;
  const hyphen = tokens[i + 1];
  const unitToken = tokens[i + 2];
  const unit = unitToken?.info?.ordinal;
  if (tens?.kind === 'ten' && token.script === 'latin') {
    if (unit === undefined || unit.kind !== 'unit' || unit.value === 10) return null;
    if (!isPunct(hyphen, '-') || !adjacent(token, hyphen) || !adjacent(hyphen, unitToken)) return null;
    return { value: tens.value + unit.value, last: i + 2, info: unit, compound: true };
  }
  const info = token.info?.ordinal;
  if (info === undefined) return null;
  // the unit of `twenty-first` belongs to its tens
  if (token.script === 'latin' && isPunct(tokens[i - 1], '-') && tokens[i - 2]?.info?.number?.kind === 'ten') {
    return null;
  }
  const next = tokens[i + 1];
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
