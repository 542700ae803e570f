/**
 * Quotes: direct quotes between marks (`“…”`, `«…»`, `"…"`) that a speech verb governs and that
 * have at least three words (shorter ones are names: `“واس”`), and reported clauses after a
 * speech verb and `إن`/`أن`/`بأن`/`that`, which run to the end of their sentence.
 */

import { isPunct, type ClaimCandidate, type Span } from './scan-context.js';
import type { Sentences } from './sentences.js';
import { ARABIC_NON_REPORTING_BEFORE_AN } from './speech-verbs.js';
import {
  arabicSubjectAfter,
  englishSubjectAfter,
  englishSubjectBefore,
  isComplementiser,
  sentenceSubject,
} from './speakers.js';
import type { Token } from './token.js';

const MIN_QUOTE_WORDS = 3;
const ARABIC_CLAUSE_WINDOW = 12;
const ENGLISH_CLAUSE_WINDOW = 9;
const QUOTE_MARKS: ReadonlySet<string> = new Set(['«', '»', '“', '”', '„', '‟', '"']);
const EDGE_PUNCTUATION: ReadonlySet<string> = new Set([...'.,،؛;:!?؟…-—«»“”„‟"\'()']);

interface QuoteScan {
  readonly tokens: readonly Token[];
  readonly sentences: Sentences;
  /** Nearest speech verb at or before each token within its sentence, or -1. */
  readonly speechBefore: Int32Array;
  /** Nearest finite speech verb at or before each token within its sentence, or -1. */
  readonly finiteBefore: Int32Array;
}

interface QuotePair {
  open: number;
  close: number;
}

function buildScan(tokens: readonly Token[], sentences: Sentences): QuoteScan {
  const speechBefore = new Int32Array(tokens.length);
  const finiteBefore = new Int32Array(tokens.length);
  let speech = -1;
  let finite = -1;
  for (let k = 0; k < tokens.length; k++) {
    if (sentences.start[k] === k) {
      speech = -1;
      finite = -1;
    }
    const kind = tokens[k].info?.speech;
    if (kind !== undefined) {
      speech = k;
      if (kind === 'finite') finite = k;
    }
    speechBefore[k] = speech;
    finiteBefore[k] = finite;
  }
  return { tokens, sentences, speechBefore, finiteBefore };
}

/** Pairs quote marks within each paragraph: `«»` nest; curly and straight marks alternate. */
function pairQuoteMarks(tokens: readonly Token[]): QuotePair[] {
  const pairs: QuotePair[] = [];
  const guillemets: number[] = [];
  let curly = -1;
  let straight = -1;
  for (let k = 0; k < tokens.length; k++) {
    const token = tokens[k];
    if (token.newlineBefore) {
      guillemets.length = 0;
      curly = -1;
      straight = -1;
    }
    if (token.kind !== 'punct') continue;
    switch (token.text) {
      case '«':
        guillemets.push(k);
        break;
      case '»': {
        const open = guillemets.pop();
        if (open !== undefined) pairs.push({ open, close: k });
        break;
      }
      case '“':
      case '”':
      case '„':
      case '‟':
        if (curly < 0) curly = k;
        else {
          pairs.push({ open: curly, close: k });
          curly = -1;
        }
        break;
      case '"':
        if (straight < 0) straight = k;
        else {
          pairs.push({ open: straight, close: k });
          straight = -1;
        }
        break;
    }
  }
  pairs.sort((a, b) => a.open - b.open);
  return pairs;
}

function isEdgePunct(token: Token): boolean {
  return token.kind === 'punct' && EDGE_PUNCTUATION.has(token.text);
}

/** The token range of a text without punctuation at either end, or null when nothing is left. */
function trimmed(tokens: readonly Token[], first: number, last: number): { first: number; last: number } | null {
  let a = first;
  let b = last;
  while (a <= b && isEdgePunct(tokens[a])) a++;
  while (b >= a && isEdgePunct(tokens[b])) b--;
  return a <= b ? { first: a, last: b } : null;
}

function countWords(tokens: readonly Token[], first: number, last: number): number {
  let count = 0;
  for (let k = first; k <= last; k++) {
    const token = tokens[k];
    if (token.kind === 'number' || (token.kind === 'word' && token.clitic !== 'prefix')) count++;
  }
  return count;
}

function speakerOf(scan: QuoteScan, verb: number): Span | null {
  const { tokens, sentences } = scan;
  const token = tokens[verb];
  if (token.info?.speech === 'participle') {
    const finite = verb > 0 && sentences.start[verb] <= verb - 1 ? scan.finiteBefore[verb - 1] : -1;
    if (finite >= 0) return speakerOf(scan, finite);
    return sentenceSubject(tokens, sentences, verb);
  }
  if (token.script === 'latin') {
    const own =
      englishSubjectBefore(tokens, verb, sentences.start[verb]) ??
      englishSubjectAfter(tokens, verb, sentences.end[verb]);
    if (own !== null) return own;
    // `Officials noted the decline but said that…`: a second verb shares the first one's subject.
    const earlier = verb > sentences.start[verb] ? scan.finiteBefore[verb - 1] : -1;
    return earlier >= 0 ? speakerOf(scan, earlier) : null;
  }
  return arabicSubjectAfter(tokens, verb, 'literal');
}

/** `«…»، قال الوزير`, `"…," said Smith`, `"…," the minister said`. */
function speakerAfterClose(scan: QuoteScan, close: number): { speaker: Span | null } | null {
  const { tokens, sentences } = scan;
  let j = close + 1;
  if (isPunct(tokens[j], ',') || isPunct(tokens[j], '،')) j++;
  const token = tokens[j];
  if (token === undefined || token.newlineBefore) return null;
  if (token.kind === 'word' && token.info?.speech === 'finite') {
    if (token.script === 'arabic') return { speaker: arabicSubjectAfter(tokens, j, 'literal') };
    return { speaker: englishSubjectAfter(tokens, j, sentences.end[j]) };
  }
  if (token.script !== 'latin') return null;
  for (let k = j; k < tokens.length && k - j < 8; k++) {
    const word = tokens[k];
    if (word.kind === 'word' && word.info?.speech === 'finite') {
      return { speaker: k > j ? { start: token.start, end: tokens[k - 1].end } : null };
    }
    if (word.kind !== 'word' && !isPunct(word, '-') && !isPunct(word, "'") && !isPunct(word, '.')) return null;
  }
  return null;
}

function directQuotes(scan: QuoteScan): ClaimCandidate[] {
  const { tokens, sentences } = scan;
  const claims: ClaimCandidate[] = [];
  let outerClose = -1;
  for (const { open, close } of pairQuoteMarks(tokens)) {
    if (open < outerClose) continue; // a quote inside a quote is part of it
    outerClose = close;
    const inner = trimmed(tokens, open + 1, close - 1);
    if (inner === null || countWords(tokens, inner.first, inner.last) < MIN_QUOTE_WORDS) continue;
    let speaker: Span | null;
    const verb = open > sentences.start[open] ? scan.speechBefore[open - 1] : -1;
    if (verb >= 0) {
      speaker = speakerOf(scan, verb);
    } else if (isPunct(tokens[open - 1], ':')) {
      speaker = sentenceSubject(tokens, sentences, open - 1);
    } else {
      const after = speakerAfterClose(scan, close);
      if (after === null) continue;
      speaker = after.speaker;
    }
    claims.push({
      kind: 'quote',
      form: 'direct',
      start: tokens[inner.first].start,
      end: tokens[inner.last].end,
      value: { speaker },
    });
  }
  return claims;
}

/** The closing quote mark of a short quoted name opening at `open`, or -1. */
function closingMarkWithin(tokens: readonly Token[], open: number, limit: number): number {
  for (let k = open + 1; k < limit && k <= open + MIN_QUOTE_WORDS; k++) {
    if (tokens[k].kind === 'punct' && QUOTE_MARKS.has(tokens[k].text)) {
      return countWords(tokens, open + 1, k - 1) < MIN_QUOTE_WORDS ? k : -1;
    }
  }
  return -1;
}

/** Index of the `إن`/`أن`/`that` that opens the verb's reported clause, or -1. */
function complementiserAfter(scan: QuoteScan, verb: number): number {
  const { tokens, sentences } = scan;
  const english = tokens[verb].script === 'latin';
  const limit = Math.min(sentences.end[verb], verb + 1 + (english ? ENGLISH_CLAUSE_WINDOW : ARABIC_CLAUSE_WINDOW));
  for (let j = verb + 1; j < limit; j++) {
    const token = tokens[j];
    if (token.kind === 'punct') {
      // `وقال الوزير: إن …` still reports; a colon before anything else opens a direct quote
      if (token.text === ':') {
        if (english || !isComplementiser(tokens[j + 1])) return -1;
        continue;
      }
      if (QUOTE_MARKS.has(token.text)) {
        // a quoted name (`لـ“عنب بلدي”`) is part of the way to `إن`; a real quote is not
        const close = closingMarkWithin(tokens, j, limit);
        if (close < 0) return -1;
        j = close;
      }
      continue;
    }
    if (token.info?.speech !== undefined) return -1;
    if (english) {
      if (token.text === 'that') return j;
      continue;
    }
    if (isComplementiser(token)) {
      const before = tokens[j - 1];
      if (before !== undefined && before.kind === 'word' && ARABIC_NON_REPORTING_BEFORE_AN.has(before.stem)) return -1;
      return j;
    }
  }
  return -1;
}

function reportedClauses(scan: QuoteScan): ClaimCandidate[] {
  const { tokens, sentences } = scan;
  const claims: ClaimCandidate[] = [];
  for (let verb = 0; verb < tokens.length; verb++) {
    if (tokens[verb].info?.speech === undefined) continue;
    const complementiser = complementiserAfter(scan, verb);
    if (complementiser < 0) continue;
    const clause = trimmed(tokens, complementiser + 1, sentences.end[verb] - 1);
    if (clause === null) continue;
    claims.push({
      kind: 'quote',
      form: 'reported',
      start: tokens[clause.first].start,
      end: tokens[clause.last].end,
      value: { speaker: speakerOf(scan, verb) },
    });
  }
  return claims;
}

export function findQuotes(tokens: readonly Token[], sentences: Sentences): ClaimCandidate[] {
  const scan = buildScan(tokens, sentences);
  const claims = [...directQuotes(scan), ...reportedClauses(scan)];
  const seen = new Set<string>();
  return claims.filter((claim) => {
    const key = `${claim.start}:${claim.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
