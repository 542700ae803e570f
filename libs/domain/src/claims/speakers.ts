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
const FA = 0x0641;

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
const ONE_OF: ReadonlySet<string> = new Set(wordList('احد احدي'));

/** `آل نهيان` (normalised to `ال نهيان`) inside a name: the family, not a loose article. */
function isFamilyName(tokens: readonly Token[], j: number, wordsBefore: number): boolean {
  const next = tokens[j + 1];
  return (
    wordsBefore > 0 &&
    tokens[j].text === 'ال' &&
    next !== undefined &&
    next.kind === 'word' &&
    next.script === 'arabic' &&
    next.clitic === 'none' &&
    !next.definite
  );
}

/** Pronouns are not speakers: `"…," he said` has speaker null, like `وقال إن`. */
const ENGLISH_PRONOUNS: ReadonlySet<string> = new Set(wordList('he she they it we i you'));

/**
 * Verbs that introduce a quote after a colon without being speech verbs (`وكتب الوزير: «…»`,
 * `The statement read: "…"`): the speaker is their subject, not the verb.
 */
const ARABIC_COLON_VERBS: ReadonlySet<string> = new Set(
  wordList(`
  كتب كتبت كتبوا يكتب تكتب غرد غردت غردوا يغرد تغرد ردد رددت رددوا يردد هتف هتفت هتفوا يهتف علق علقت
  علقوا يعلق تعلق تساءل تساءلت تساءلوا يتساءل اجاب اجابت اجابوا يجيب رد ردت ردوا يرد ترد تابع تابعت
  تابعوا يتابع ختم ختمت ختموا يختم استدرك استدركت اردف اردفت جاء جاءت ورد نشر نشرت نشروا ينشر تنشر
  دون دونت كشف كشفت خاطب خاطبت سال سالت بين بينت استهل استهلت افتتح افتتحت وصف وصفت
`),
);
const RELATIVE_PRONOUNS: ReadonlySet<string> = new Set(wordList('الذي التي الذين اللذان اللتان اللواتي'));
/** Endings no past or present verb has: `وزارة`, `وكالة`, `فلسطين`, `فصائل` is a known noun. */
const NOUN_ENDINGS: readonly string[] = ['ة', 'ات', 'ين', 'ون', 'ية', 'اء'];
const HEADLINE_SEPARATORS: ReadonlySet<string> = new Set(['|', '–', '—', '•', '/']);
const ACCORDING_TO: ReadonlySet<string> = new Set(wordList('بحسب حسب وفق وفقا'));
/** `ونقلت الوكالة عن الوزير قوله: «…»`: the words are the one after `عن`. */
const ARABIC_RELAY_VERBS: ReadonlySet<string> = new Set(wordList('نقل نقلت نقلوا ينقل تنقل'));
const ARABIC_SAYING: ReadonlySet<string> = new Set(wordList('قوله قولها قولهم تاكيده تاكيدها'));
/**
 * Words that start with `و`/`ف` and three letters but are nouns or names, not `و` + a verb:
 * `وزير الطاقة: «…»` is a headline, `وغرد السفير: «…»` a verb and its subject.
 */
const ARABIC_WAW_NOUNS: ReadonlySet<string> = new Set(
  wordList(`
  وزير وزراء وفد وكيل والي ولي وليد وائل وسام وفاء وديع فيصل فادي فراس فريق فؤاد فارس فهد فالح فتح فرع
  واشنطن فرنسا فنزويلا فيتنام فيينا فنلندا
`),
);
const ENGLISH_COLON_STOPS: ReadonlySet<string> = new Set(
  wordList(`
  wrote writes write posted posts tweeted tweets read reads chanted chants replied replies asked asks
  continued continues concluded said says told tells added adds is are was were on in at to from with
  via by for after before during into of
`),
);

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
    if (token.kind !== 'word' || token.script !== 'arabic') break;
    if (token.clitic !== 'none' && !isFamilyName(tokens, j, words.length)) break;
    if (isComplementiser(token) || (j > verb && token.info?.speech !== undefined)) break;
    if (token.info?.preposition === true) break;
    // `أحد السكان` ("one of the residents") is a speaker, not a number
    const oneOf = words.length === 0 && ONE_OF.has(token.stem) && tokens[j + 1]?.definite === true;
    if (
      !oneOf &&
      (token.info?.weekday !== undefined || token.info?.number !== undefined || token.info?.month !== undefined)
    )
      break;
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

/** The word is one of the Arabic verbs that introduce a quote after a colon (with `و`/`ف` or not). */
/**
 * The word is a verb that introduces a quote after a colon. At the start of a sentence (`opening`),
 * any word opened by `و`/`ف` counts (`وشكر`, `وتوجه`: news copy does not open a headline with
 * `و`), unless it is a noun or name that begins with those letters (`وزير`, `وزارة`, `فيصل`).
 */
function isArabicColonVerb(token: Token, opening = false): boolean {
  const text = token.text;
  if (ARABIC_COLON_VERBS.has(text) || ARABIC_RELAY_VERBS.has(text)) return true;
  const first = text.charCodeAt(0);
  if (first !== WAW && first !== FA) return false;
  const rest = text.slice(1);
  if (ARABIC_COLON_VERBS.has(rest) || ARABIC_RELAY_VERBS.has(rest)) return true;
  if (!opening || rest.length < 3 || ARABIC_WAW_NOUNS.has(text) || token.definite) return false;
  return !NOUN_ENDINGS.some((ending) => text.endsWith(ending));
}

/** `نقلت الوكالة عن الوزير قوله:` → `الوزير`; null when no `عن` comes before the colon. */
function relayedSpeaker(tokens: readonly Token[], verb: number, colon: number): Span | null {
  for (let k = verb + 1; k < colon && k - verb <= MAX_SPEAKER_WORDS * 2; k++) {
    if (tokens[k].text !== 'عن') continue;
    const words: Token[] = [];
    for (let w = k + 1; w < colon && words.length < MAX_SPEAKER_WORDS; w++) {
      const token = tokens[w];
      if (token.kind !== 'word' || token.script !== 'arabic' || token.clitic !== 'none') break;
      if (ARABIC_SAYING.has(token.text) || token.info?.preposition === true || startsWithPreposition(token)) break;
      words.push(token);
    }
    return spanOf(words);
  }
  return null;
}

/** `Energy minister: "…"`, `UN envoy Geir Pedersen: "…"`: the whole stretch before the colon. */
function englishHeadlineSpeaker(tokens: readonly Token[], first: number, colon: number): Span | null {
  let words = 0;
  for (let j = first; j < colon; j++) {
    const token = tokens[j];
    if (token.kind === 'word' && token.script === 'latin') {
      if (ENGLISH_COLON_STOPS.has(token.text) || ENGLISH_CLAUSE_STOPS.has(token.text)) return null;
      if (token.caseShape === 'lower' && token.text.endsWith('ed')) return null;
      if (++words > MAX_SPEAKER_WORDS) return null;
    } else if (!isEnglishJoiner(tokens, j)) {
      return null;
    }
  }
  return words === 0 ? null : { start: tokens[first].start, end: tokens[colon - 1].end };
}

/**
 * The speaker of a quote opened right after a colon with no speech verb before it. A headline
 * (`وزير الطاقة: «…»`, `The minister: "…"`) names its speaker before the colon, up to a
 * preposition; after a verb that introduces quotes (`وكتب الوزير على صفحته: «…»`) it is that
 * verb's subject; otherwise the sentence's subject, or null (`وجاء في البيان: «…»`).
 */
export function colonSpeaker(tokens: readonly Token[], sentences: Sentences, colon: number): Span | null {
  let j = sentences.start[colon];
  // `عاجل | وزير الداخلية: «…»`: a label before a separator is not part of the speaker
  for (let k = colon - 1; k > j && colon - k <= MAX_SPEAKER_WORDS * 2; k--) {
    if (tokens[k].kind === 'punct' && HEADLINE_SEPARATORS.has(tokens[k].text)) {
      j = k + 1;
      break;
    }
  }
  while (j < colon) {
    const token = tokens[j];
    if (token.kind === 'punct' || token.clitic === 'prefix' || SENTENCE_PARTICLES.has(token.stem)) j++;
    else break;
  }
  if (j >= colon) return null;
  const first = tokens[j];
  if (first.script === 'latin') {
    // `According to the minister: "…"`
    if (first.text === 'according' && tokens[j + 1]?.text === 'to') return englishSubjectAfter(tokens, j + 1, colon);
    return englishHeadlineSpeaker(tokens, j, colon) ?? sentenceSubject(tokens, sentences, colon);
  }
  if (first.kind !== 'word' || first.script !== 'arabic') return null;
  // `وبحسب الوزير: «…»`: the one it is according to
  if (first.info?.preposition === true && ACCORDING_TO.has(first.stem)) return arabicSubjectAfter(tokens, j, 'literal');
  if (isArabicColonVerb(first, true)) {
    const rest = first.text.length > 3 ? first.text.slice(1) : '';
    if (ARABIC_RELAY_VERBS.has(first.text) || ARABIC_RELAY_VERBS.has(rest)) {
      const relayed = relayedSpeaker(tokens, j, colon);
      if (relayed !== null) return relayed;
    }
    return arabicSubjectAfter(tokens, j, 'strict');
  }
  const words: Token[] = [];
  for (let k = j; k < colon && words.length < MAX_SPEAKER_WORDS; k++) {
    const token = tokens[k];
    if (token.kind !== 'word' || token.script !== 'arabic') break;
    if (token.clitic !== 'none' && !isFamilyName(tokens, k, words.length)) break;
    if (isArabicColonVerb(token) || token.info?.preposition === true || startsWithPreposition(token)) break;
    if (token.info?.speech !== undefined || isComplementiser(token) || RELATIVE_PRONOUNS.has(token.stem)) break;
    words.push(token);
  }
  return spanOf(words);
}

/** A speaker that is only a pronoun (`he`, `They`) names nobody: null. */
export function withoutPronoun(tokens: readonly Token[], speaker: Span | null): Span | null {
  if (speaker === null) return null;
  let low = 0;
  let high = tokens.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (tokens[mid].end <= speaker.start) low = mid + 1;
    else high = mid;
  }
  const token = tokens[low];
  if (token === undefined || token.start !== speaker.start || token.end !== speaker.end) return speaker;
  return token.script === 'latin' && ENGLISH_PRONOUNS.has(token.text) ? null : speaker;
}
