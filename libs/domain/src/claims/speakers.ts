/**
 * Who is speaking: the subject of a speech verb as written. Arabic puts it after the verb
 * (`وقال الشيباني إن`), English before it (`The minister said that`) or after it
 * (`said the minister`); a participle (`مؤكدًا أن`) takes the subject of its sentence's verb.
 */

import { ABBREVIATIONS, type Sentences } from './sentences.js';
import { ARABIC_COMPLEMENTISERS } from './speech-verbs.js';
import { isPunct, type Span } from './scan-context.js';
import type { Token } from './token.js';
import { wordList } from './word-list.js';

const MAX_SPEAKER_WORDS = 8;
const BA = 0x0628;
const LAM = 0x0644;
const KAF = 0x0643;
const WAW = 0x0648;

/** Particles that open a sentence before its verb: `كما رحب…`, `وقد أعلن…`. */
const SENTENCE_PARTICLES: ReadonlySet<string> = new Set(wordList('كما ثم قد لقد وقد فقد بدوره بدورها من جهته جهتها'));

const ENGLISH_CLAUSE_STOPS: ReadonlySet<string> = new Set(
  wordList(`
  and but or which who whom that when while as after before because although though if since until
  where then so yet
`),
);
const ENGLISH_ADVERBS_BEFORE_VERB: ReadonlySet<string> = new Set(
  wordList(`
  also later again once has have had would will previously then recently further earlier had
  reportedly separately
`),
);
const ENGLISH_STOPS_AFTER_VERB: ReadonlySet<string> = new Set(
  wordList(`
  that in on at during to after before when while as who which on adding saying noting and but told
  via from for with
`),
);
const ARTICLES: ReadonlySet<string> = new Set(['the', 'a', 'an']);

export function isComplementiser(token: Token | undefined): boolean {
  if (token === undefined || token.kind !== 'word' || token.script !== 'arabic') return false;
  const text = token.text;
  return ARABIC_COMPLEMENTISERS.has(text) || (text.charCodeAt(0) === BA && ARABIC_COMPLEMENTISERS.has(text.slice(1)));
}

function isNisba(token: Token): boolean {
  const stem = token.stem;
  return (
    token.definite &&
    stem.length >= 5 &&
    (stem.endsWith('ي') || stem.endsWith('ية') || stem.endsWith('يون') || stem.endsWith('يين') || stem.endsWith('يان'))
  );
}

/** `بانضمام`, `للحكومة`, `وبحسب`: a word opened by an attached preposition. */
function startsWithPreposition(token: Token): boolean {
  if (token.pre === 0) return false;
  const first = token.text.charCodeAt(0);
  const second = token.text.charCodeAt(1);
  const isPrep = (code: number): boolean => code === BA || code === LAM || code === KAF;
  return isPrep(first) || (first === WAW && token.pre === 2 && isPrep(second));
}

/** In strict mode the subject stops where an object would begin (`ووجه التحالف الشكر`). */
function continuesNounPhrase(previous: Token, token: Token): boolean {
  if (token.stem === 'باسم' || previous.stem === 'باسم') return true;
  if (!previous.definite) return true; // construct head or first name: `وزير الخارجية`, `أسعد الشيباني`
  return isNisba(token);
}

function spanOf(words: readonly Token[]): Span | null {
  const first = words[0];
  const last = words[words.length - 1];
  return first === undefined || last === undefined ? null : { start: first.stemStart, end: last.end };
}

/**
 * The Arabic subject after the verb at `verb` (or, with `includeFirst`, starting at it).
 * `literal` follows the conventions: every word up to `إن`/`أن`, a comma or a preposition.
 */
export function arabicSubjectAfter(
  tokens: readonly Token[],
  verb: number,
  mode: 'literal' | 'strict',
  includeFirst = false,
): Span | null {
  const words: Token[] = [];
  for (let j = includeFirst ? verb : verb + 1; j < tokens.length && words.length < MAX_SPEAKER_WORDS; j++) {
    const token = tokens[j];
    if (j > verb && token.newlineBefore) break;
    if (token.kind !== 'word' || token.script !== 'arabic' || token.clitic !== 'none') break;
    if (isComplementiser(token) || (j > verb && token.info?.speech !== undefined)) break;
    if (token.info?.preposition === true) break;
    if (token.info?.weekday !== undefined || token.info?.number !== undefined || token.info?.month !== undefined) break;
    if (startsWithPreposition(token)) break;
    const previous = words[words.length - 1];
    if (previous !== undefined && mode === 'strict' && !continuesNounPhrase(previous, token)) break;
    words.push(token);
  }
  return spanOf(words);
}

function isEnglishJoiner(tokens: readonly Token[], j: number): boolean {
  const token = tokens[j];
  if (isPunct(token, "'")) return tokens[j + 1]?.text === 's' && tokens[j + 1]?.start === token.end;
  if (isPunct(token, '-')) return tokens[j - 1]?.end === token.start && tokens[j + 1]?.start === token.end;
  // `U.S.`, `Dr.`: a full stop after a single letter or an abbreviation
  if (isPunct(token, '.')) {
    const before = tokens[j - 1];
    return before?.end === token.start && (before.text.length === 1 || ABBREVIATIONS.has(before.text));
  }
  return false;
}

/** `The minister said`, `Foreign Minister Asaad al-Shaibani told reporters`. */
export function englishSubjectBefore(tokens: readonly Token[], verb: number, sentenceStart: number): Span | null {
  let end = verb - 1;
  const adverbLimit = verb - 4;
  while (
    end >= sentenceStart &&
    end > adverbLimit &&
    tokens[end].kind === 'word' &&
    (ENGLISH_ADVERBS_BEFORE_VERB.has(tokens[end].text) || tokens[end].text.endsWith('ly'))
  ) {
    end--;
  }
  // `the U.S. Embassy, which said that`: the relative pronoun stands for the noun before it.
  if ((tokens[end]?.text === 'which' || tokens[end]?.text === 'who') && isPunct(tokens[end - 1], ',')) end -= 2;
  // `The report, which was released on Monday, says`, `Dr. Ahmad, the director, said`: skip the aside.
  if (isPunct(tokens[end], ',')) {
    let k = end - 1;
    while (k > sentenceStart && end - k < MAX_SPEAKER_WORDS * 2 && !isPunct(tokens[k], ',')) k--;
    if (!isPunct(tokens[k], ',')) return null;
    end = k - 1;
  }
  let j = end;
  while (j >= sentenceStart && end - j < MAX_SPEAKER_WORDS * 2) {
    const token = tokens[j];
    if (token.kind === 'word' && token.script === 'latin') {
      if (ENGLISH_CLAUSE_STOPS.has(token.text)) break;
      j--;
    } else if (isEnglishJoiner(tokens, j)) {
      j--;
    } else {
      break;
    }
  }
  let first = j + 1;
  if (first > end) return null;
  // `On Monday the minister said`: the subject starts at its own article.
  for (let d = end; d > first; d--) {
    const before = tokens[d - 1];
    if (ARTICLES.has(tokens[d].text) && before.text !== 'of' && before.text !== 'for' && !isPunct(before, "'")) {
      first = d;
      break;
    }
  }
  return { start: tokens[first].start, end: tokens[end].end };
}

/** `said the minister`, `said Smith`. */
export function englishSubjectAfter(tokens: readonly Token[], verb: number, sentenceEnd: number): Span | null {
  let last = -1;
  for (let j = verb + 1; j < sentenceEnd && j - verb <= MAX_SPEAKER_WORDS * 2; j++) {
    const token = tokens[j];
    if (token.kind === 'word' && token.script === 'latin' && !ENGLISH_STOPS_AFTER_VERB.has(token.text)) {
      last = j;
    } else if (!isEnglishJoiner(tokens, j)) {
      break;
    }
  }
  return last < 0 ? null : { start: tokens[verb + 1].start, end: tokens[last].end };
}

/** `The ministry issued a statement, saying that…`: the sentence's leading noun phrase. */
function englishLeadingSubject(tokens: readonly Token[], first: number, limit: number): Span | null {
  let j = first;
  let last = -1;
  if (ARTICLES.has(tokens[j]?.text ?? '')) {
    last = j + 1 < limit ? j + 1 : -1;
    j += 2;
  }
  for (; j < limit; j++) {
    const token = tokens[j];
    if (token.kind === 'word' && token.script === 'latin' && (token.caseShape !== 'lower' || token.text === 'al'))
      last = j;
    else if (!isEnglishJoiner(tokens, j)) break;
  }
  return last < 0 ? null : { start: tokens[first].start, end: tokens[last].end };
}

/** The subject of a sentence whose verb is not a speech verb, for a participle in it. */
export function sentenceSubject(tokens: readonly Token[], sentences: Sentences, participle: number): Span | null {
  let j = sentences.start[participle];
  const limit = Math.min(participle, j + 8);
  while (j < limit) {
    const token = tokens[j];
    if (token.kind === 'punct' || token.clitic === 'prefix' || SENTENCE_PARTICLES.has(token.stem)) j++;
    else break;
  }
  if (j >= limit) return null;
  const first = tokens[j];
  if (first.script === 'latin') return englishLeadingSubject(tokens, j, participle);
  if (first.kind !== 'word') return null;
  // A nominal sentence names its subject first; a verbal one right after the verb.
  return first.definite ? arabicSubjectAfter(tokens, j, 'strict', true) : arabicSubjectAfter(tokens, j, 'strict');
}
