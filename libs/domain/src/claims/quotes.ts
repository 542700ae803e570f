/**
 * Quotes: direct quotes between marks (`“…”`, `«…»`, `"…"`) that a speech verb governs and that
 * have at least three words (shorter ones are names: `“واس”`), and reported clauses after a
 * speech verb and `إن`/`أن`/`بأن`/`that`, which run to the end of their sentence.
 */

import { isPunct, type ClaimCandidate, type Span } from './scan-context.js';
import type { Sentences } from './sentences.js';
import { ARABIC_NON_REPORTING_BEFORE_AN, ARABIC_WARNING_VERBS } from './speech-verbs.js';
import {
  arabicSubjectAfter,
  colonSpeaker,
  englishSubjectAfter,
  englishSubjectBefore,
  isComplementiser,
  sentenceSubject,
  withoutPronoun,
} from './speakers.js';
import type { Token } from './token.js';
import { wordList } from './word-list.js';

const MIN_QUOTE_WORDS = 3;
const ARABIC_CLAUSE_WINDOW = 18;
const ENGLISH_CLAUSE_WINDOW = 9;
/** `said that day`: `that` before these is a determiner, not the start of a clause. */
const THAT_DETERMINED: ReadonlySet<string> = new Set(
  wordList('day week month year morning afternoon evening night time weekend'),
);
const ENGLISH_DETERMINERS: ReadonlySet<string> = new Set(
  wordList('the a an its their his her our this these those some many several'),
);
const ARABIC_ACCORDING_TO: ReadonlySet<string> = new Set(wordList('بحسب حسب وفق وفقا'));
const QUOTE_MARKS: ReadonlySet<string> = new Set(['«', '»', '“', '”', '„', '‟', '"']);
const EDGE_PUNCTUATION: ReadonlySet<string> = new Set([...'.,،؛;:!?؟…-—«»“”„‟"\'()']);

interface QuoteScan {
  readonly tokens: readonly Token[];
  readonly sentences: Sentences;
  /** Paired quote marks, by opening mark. */
  readonly pairs: readonly QuotePair[];
  /** For each closing mark, its opening mark; -1 elsewhere (and for opening marks). */
  readonly openOf: Int32Array;
  /** For each opening mark, its closing mark; -1 elsewhere. */
  readonly closeOf: Int32Array;
  /** Nearest speech verb at or before each token within its sentence, or -1. */
  readonly speechBefore: Int32Array;
  /** Nearest finite speech verb at or before each token within its sentence, or -1. */
  readonly finiteBefore: Int32Array;
}

interface QuotePair {
  open: number;
  close: number;
}

/** A quote claim with the speech verb that governs it (-1 for none) and its token range. */
interface FoundQuote {
  verb: number;
  open: number;
  close: number;
  claim: ClaimCandidate & { kind: 'quote' };
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
  const pairs = pairQuoteMarks(tokens);
  const openOf = new Int32Array(tokens.length).fill(-1);
  const closeOf = new Int32Array(tokens.length).fill(-1);
  for (const { open, close } of pairs) {
    openOf[close] = open;
    closeOf[open] = close;
  }
  return { tokens, sentences, pairs, openOf, closeOf, speechBefore, finiteBefore };
}

/**
 * Pairs quote marks within each paragraph: `«»` nest; curly and straight marks alternate, since
 * Arabic copy writes curly marks in either direction (`”…”`, `”…“`, `“…“`).
 */
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

/**
 * The token range of a text without punctuation at either end, or null when nothing is left. A
 * quote mark whose partner is inside the range stays: `كتبنا على الجدار “سنبقى هنا”`.
 */
function trimmed(scan: QuoteScan, first: number, last: number): { first: number; last: number } | null {
  const { tokens, openOf, closeOf } = scan;
  let a = first;
  let b = last;
  while (a <= b && isEdgePunct(tokens[a])) a++;
  while (b >= a && isEdgePunct(tokens[b])) b--;
  if (a > b) return null;
  for (let k = a - 1; k >= first; k--) {
    const close = closeOf[k];
    if (close >= 0 && close <= b) a = k;
  }
  for (let k = b + 1; k <= last; k++) {
    const open = openOf[k];
    if (open >= a && open < k) b = k;
  }
  return { first: a, last: b };
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
  // `وقال الرئيس: «…»، وأضاف: «…»`: a verb without a subject shares the earlier verb's
  const own = arabicSubjectAfter(tokens, verb, 'literal');
  if (own !== null) return own;
  // only a verb joined on after punctuation (`، وأضاف`), not one inside a clause (`إن الحكومة أكدت`)
  const joined = verb > sentences.start[verb] && tokens[verb - 1].kind === 'punct' && /^[وف]/.test(token.text);
  const earlier = joined ? scan.finiteBefore[verb - 1] : -1;
  return earlier >= 0 ? speakerOf(scan, earlier) : null;
}

/** `«…»، قال الوزير`, `"…," said Smith`, `"…," the minister said`. */
function speakerAfterClose(scan: QuoteScan, open: number, close: number): { speaker: Span | null } | null {
  const { tokens, sentences } = scan;
  let j = close + 1;
  if (isPunct(tokens[j], ',') || isPunct(tokens[j], '،')) j++;
  const token = tokens[j];
  if (token === undefined || token.newlineBefore) return null;
  if (token.kind === 'word' && token.info?.speech === 'finite') {
    if (token.script === 'arabic') return { speaker: arabicSubjectAfter(tokens, j, 'literal') };
    return { speaker: englishSubjectAfter(tokens, j, sentences.end[j]) };
  }
  // `«…»، بحسب مصدر مطلع`, `"…," according to the ministry`: a quote that opens its sentence,
  // attributed after it (a quoted name mid-sentence before `بحسب` is not a quote)
  const opensSentence = sentences.start[open] === open;
  if (opensSentence && ARABIC_ACCORDING_TO.has(token.text)) {
    const speaker = arabicSubjectAfter(tokens, j, 'literal');
    return speaker === null ? null : { speaker };
  }
  if (opensSentence && token.text === 'according' && tokens[j + 1]?.text === 'to') {
    const speaker = englishSubjectAfter(tokens, j + 1, sentences.end[j]);
    return speaker === null ? null : { speaker };
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

function directQuotes(scan: QuoteScan): FoundQuote[] {
  const { tokens, sentences } = scan;
  const claims: FoundQuote[] = [];
  let outerClose = -1;
  for (const { open, close } of scan.pairs) {
    if (open < outerClose) continue; // a quote inside a quote is part of it
    outerClose = close;
    // `لـ«سكاي نيوز عربية»`, `بـ“…”`: a quoted name after an attached preposition, not a quote
    const before = tokens[open - 1];
    if (before !== undefined && before.clitic === 'prefix' && before.end === tokens[open].start) {
      const prefix = before.text;
      if (prefix === 'ل' || prefix === 'ب' || prefix === 'ول' || prefix === 'وب') continue;
    }
    const inner = trimmed(scan, open + 1, close - 1);
    if (inner === null || countWords(tokens, inner.first, inner.last) < MIN_QUOTE_WORDS) continue;
    let speaker: Span | null;
    const verb = open > sentences.start[open] ? scan.speechBefore[open - 1] : -1;
    if (verb >= 0) {
      speaker = speakerOf(scan, verb);
    } else if (isPunct(tokens[open - 1], ':')) {
      speaker = colonSpeaker(tokens, sentences, open - 1);
    } else {
      const after = speakerAfterClose(scan, open, close);
      if (after === null) continue;
      speaker = after.speaker;
    }
    claims.push({
      verb,
      open,
      close,
      claim: {
        kind: 'quote',
        form: 'direct',
        start: tokens[inner.first].start,
        end: tokens[inner.last].end,
        value: { speaker },
      },
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
  const window = english ? ENGLISH_CLAUSE_WINDOW : ARABIC_CLAUSE_WINDOW;
  const end = sentences.end[verb];
  // the window counts words: a date on the way (`on Monday, February 9, 2026,`) costs nothing
  let words = 0;
  for (let j = verb + 1; j < end; j++) {
    const token = tokens[j];
    if (token.kind === 'word' && token.info?.month === undefined && token.info?.weekday === undefined) {
      if (++words > window) return -1;
    }
    if (token.kind === 'punct') {
      // `وقال الوزير: إن …` still reports; a colon before anything else opens a direct quote
      if (token.text === ':') {
        if (english || !isComplementiser(tokens[j + 1])) return -1;
        continue;
      }
      if (QUOTE_MARKS.has(token.text)) {
        // a quoted name (`لـ“عنب بلدي”`) is part of the way to `إن`; a real quote is not
        const close = closingMarkWithin(tokens, j, end);
        if (close < 0) return -1;
        j = close;
      }
      continue;
    }
    if (token.info?.speech !== undefined) return -1;
    if (english) {
      if (token.text === 'that' && !THAT_DETERMINED.has(tokens[j + 1]?.text ?? '')) return j;
      continue;
    }
    if (isComplementiser(token)) {
      const before = tokens[j - 1];
      if (before !== undefined && before.kind === 'word' && ARABIC_NON_REPORTING_BEFORE_AN.has(before.stem)) {
        // `وحذّرت المنظمة من أن …` reports; `بدلًا من أن` does not
        if (before.stem !== 'من' || !ARABIC_WARNING_VERBS.has(tokens[verb].stem)) return -1;
      }
      return j;
    }
  }
  return -1;
}

/** `20 confirmed cases that…`, `the reported attack that…`: a participle used as an adjective. */
function isEnglishAdjectiveUse(tokens: readonly Token[], verb: number): boolean {
  const before = tokens[verb - 1];
  if (tokens[verb].script !== 'latin' || before === undefined) return false;
  return before.kind === 'number' || ENGLISH_DETERMINERS.has(before.text);
}

/** For each token, the closing mark of the innermost direct quote holding it, or -1. */
function insideQuotes(scan: QuoteScan, direct: readonly FoundQuote[]): Int32Array {
  const inside = new Int32Array(scan.tokens.length).fill(-1);
  for (const { open, close } of direct) inside.fill(close, open + 1, close);
  return inside;
}

function reportedClauses(scan: QuoteScan, direct: readonly FoundQuote[]): FoundQuote[] {
  const { tokens, sentences } = scan;
  const inside = direct.length > 0 ? insideQuotes(scan, direct) : null;
  const claims: FoundQuote[] = [];
  for (let verb = 0; verb < tokens.length; verb++) {
    if (tokens[verb].info?.speech === undefined) continue;
    // a clause reported inside a direct quote is part of that quote
    if (inside !== null && inside[verb] >= 0) continue;
    if (isEnglishAdjectiveUse(tokens, verb)) continue;
    const complementiser = complementiserAfter(scan, verb);
    if (complementiser < 0) continue;
    const clause = trimmed(scan, complementiser + 1, sentences.end[verb] - 1);
    if (clause === null) continue;
    claims.push({
      verb,
      open: clause.first,
      close: clause.last,
      claim: {
        kind: 'quote',
        form: 'reported',
        start: tokens[clause.first].start,
        end: tokens[clause.last].end,
        value: { speaker: speakerOf(scan, verb) },
      },
    });
  }
  return claims;
}

/** A direct quote strictly inside a clause reported by the same verb is part of that clause. */
function partOfClause(quote: FoundQuote, clauseOf: ReadonlyMap<number, FoundQuote>): boolean {
  const clause = clauseOf.get(quote.verb)?.claim;
  if (clause === undefined) return false;
  const { start, end } = quote.claim;
  return clause.start <= start && end <= clause.end && (clause.start < start || end < clause.end);
}

export function findQuotes(tokens: readonly Token[], sentences: Sentences): ClaimCandidate[] {
  const scan = buildScan(tokens, sentences);
  const direct = directQuotes(scan);
  const reported = reportedClauses(scan, direct);
  const clauseOf = new Map(reported.map((clause) => [clause.verb, clause]));
  const found = [...direct.filter((quote) => quote.verb < 0 || !partOfClause(quote, clauseOf)), ...reported];
  const seen = new Set<string>();
  const claims: ClaimCandidate[] = [];
  for (const { claim } of found) {
    const key = `${claim.start}:${claim.end}`;
    if (seen.has(key)) continue; // the same span as a direct quote (`قال إن «…»`): one claim
    seen.add(key);
    claims.push({ ...claim, value: { speaker: withoutPronoun(tokens, claim.value.speaker) } });
  }
  return claims;
}
