/**
 * Spans that hold digits but are no claims (docs/claims.md, "Not claims"): times of day, phone
 * numbers and extensions, URLs and e-mail addresses, version strings, IP addresses, reference codes,
 * P.O. boxes and postcodes, street, hall and room numbers, numbered names (`قناة … 1`, `كوفيد 19`)
 * and names made of a date (`شارع 29 أيار`, `March 14 alliance`). The extractor marks their tokens
 * before any recogniser runs and claims nothing that touches them. Pure; linear in the text.
 */

import type { NormalisedText } from './normalise.js';
import { isArabicLetter, isLatinLetter } from './tokenise.js';
import type { Token } from './token.js';
import { wordList } from './word-list.js';

const set = (words: string): ReadonlySet<string> => new Set(wordList(words));

// ---- character patterns over the normalised text (Latin is lower-cased there) ----

const TLDS =
  'com|org|net|gov|edu|int|mil|info|io|co|uk|sy|jo|eg|sa|ae|qa|kw|bh|om|lb|iq|ma|tn|dz|ly|ye|sd|ps|tr|fr|de|us|ru|cn|news|tv|me';
const URL_TAIL = String.raw`(?:[/?#][^\s<>"«»]*)?`;
/** Every pattern is anchored on a distinctive character run, so the scan stays linear. */
const PATTERNS: readonly RegExp[] = [
  // URLs with a scheme or `www.`
  /(?:https?:\/\/|www\.)[^\s<>"«»]+/g,
  // e-mail addresses
  /(?<![a-z0-9._%+-])[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+/g,
  // bare domains with a known top-level domain, and their path: `moh.gov.sy/stats/2026`
  new RegExp(String.raw`(?<![a-z0-9@.-])[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:${TLDS})(?![a-z0-9-])${URL_TAIL}`, 'g'),
  // versions and IP addresses: three or more dotted parts (`1.1.3`, `192.168.1.10`)
  /(?<![\d.])\d+(?:\.\d+){2,}(?![\d])/g,
  // clock times: `15h00`, `10:30`, `10:30:15`
  /(?<![\d.:])\d{1,2}(?:h\d{2}|:\d{2}(?::\d{2})?)(?!\d)/g,
  // phone numbers with the area code in brackets: `(212) 555-0147`
  /\(\d{2,5}\) ?\d{2,4}[- ]?\d{3,4}/g,
  // hyphenated digit chains: `1-800-555-0199`, ISBNs (ISO dates are left to the dates)
  /(?<![\p{L}\p{N}-])\d+(?:-\d+){2,}(?![\p{L}\p{N}])/gu,
  // UK and Canadian postcodes (checked for capitals in the input): `SW1A 2AA`, `M5H 3T9`
  /(?<![a-z0-9])(?:[a-z]{1,2}\d[a-z\d]? \d[a-z]{2}|[a-z]\d[a-z] \d[a-z]\d)(?![a-z0-9])/g,
];
const [, , , VERSION, , , DIGIT_CHAIN, POSTCODE] = PATTERNS;

const TRAILING = new Set(['.', ',', ';', ':', '!', '?', ')', ']', "'", '»', '"']);

/** A version-like run that the dates module reads as a date (`9.2.2026`, `2026.01.15`). */
function isDottedDate(found: string): boolean {
  const parts = found.split('.');
  if (parts.length !== 3) return false;
  const [a, b, c] = parts.map((part) => part.length);
  return (a <= 2 && b <= 2 && c === 4) || (a === 4 && b <= 2 && c <= 2);
}

/** `1.500.000`: thousands grouped with dots, a figure rather than a version. */
function isDottedThousands(found: string): boolean {
  return /^\d{1,3}(?:\.\d{3})+$/.test(found);
}

/**
 * A reference code: a part of digits only and a part of letters only (`4521/ص`, `12/ب/3`); joined
 * by hyphens alone it needs three parts and a run of three digits (`REF-2026-0045`, not `5-year-old`).
 */
function isCode(found: string): boolean {
  const parts = found.split(/[-/]/);
  const digitParts = parts.filter((p) => /^\d+$/.test(p));
  if (digitParts.length === 0 || !parts.some((p) => /^\D+$/.test(p))) return false;
  if (found.includes('/')) return true;
  return parts.length >= 3 && digitParts.some((p) => p.length >= 3);
}

function isUpperInSource(normalised: NormalisedText, start: number, end: number): boolean {
  const { source, origin } = normalised;
  for (let i = start; i < end; i++) {
    const code = source.charCodeAt(origin[i]);
    if (code >= 0x61 && code <= 0x7a) return false;
  }
  return true;
}

function acceptPattern(normalised: NormalisedText, pattern: RegExp, start: number, end: number): boolean {
  const found = normalised.text.slice(start, end);
  if (!/\d/.test(found)) return false;
  if (pattern === VERSION) return !isDottedDate(found) && !isDottedThousands(found);
  if (pattern === DIGIT_CHAIN) return !/^\d{4}-\d{2}-\d{2}$/.test(found);
  if (pattern === POSTCODE) return isUpperInSource(normalised, start, end);
  return true;
}

function isCodeChar(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || isLatinLetter(code) || isArabicLetter(code);
}

function isCodeSeparator(code: number): boolean {
  return code === 0x2d || code === 0x2f;
}

/**
 * Codes mixing letters and digits around `-` or `/`: `REF-2026-0045`, `2025-CV-0183`, `4521/ص`,
 * `12/ب/3`. Found from each separator outwards (a regex over every word would cost more than the
 * rest of the extractor).
 */
function codeSpans(text: string, from: number, to: number, spans: [number, number][]): void {
  const separators = /[-/]/g;
  separators.lastIndex = from;
  let done = from;
  for (let m = separators.exec(text); m !== null && m.index < to; m = separators.exec(text)) {
    const at = m.index;
    if (at < done || at === from || !isCodeChar(text.charCodeAt(at - 1)) || !isCodeChar(text.charCodeAt(at + 1)))
      continue;
    let start = at;
    while (start > from && (isCodeChar(text.charCodeAt(start - 1)) || isCodeSeparator(text.charCodeAt(start - 1))))
      start--;
    let end = at + 1;
    while (end < to && (isCodeChar(text.charCodeAt(end)) || isCodeSeparator(text.charCodeAt(end)))) end++;
    while (isCodeSeparator(text.charCodeAt(start))) start++;
    while (end > start && isCodeSeparator(text.charCodeAt(end - 1))) end--;
    done = end;
    separators.lastIndex = end;
    if (isCode(text.slice(start, end))) spans.push([start, end]);
  }
}

/** Character spans of the patterns in [from, to), trailing punctuation left out. */
function patternSpans(normalised: NormalisedText, from: number, to: number): [number, number][] {
  const text = normalised.text;
  const spans: [number, number][] = [];
  const part = text.slice(from, to);
  if (!/\d/.test(part)) return spans;
  for (const pattern of PATTERNS) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(part); m !== null; m = pattern.exec(part)) {
      let end = m.index + m[0].length;
      while (end > m.index && TRAILING.has(part[end - 1])) end--;
      if (end > m.index && acceptPattern(normalised, pattern, from + m.index, from + end))
        spans.push([from + m.index, from + end]);
      if (m[0].length === 0) pattern.lastIndex++;
    }
  }
  codeSpans(text, from, to, spans);
  return spans;
}

// ---- word contexts ----

/** A number right after these (optionally after `.`, `:` or `#`) is no quantity. */
const LEADS = set(`
  داخلي تحويلة تحويله قاعة تردد مستشفي كوفيد ساخن بريدي موحد مجاني
  ext extension hotline fm suite
`);
/** Phone verbs before three digits or more (`dial 911`, `text 4040`); `call` before four or more. */
const DIAL_VERBS = set('dial text');
const CALL_VERBS = set('call phone ring');
/** Arabic words of calling: `الاتصال على 19019`, `اتصل بالرقم 16000`. */
const CALL_WORDS_AR = set('اتصال اتصل اتصلوا يتصل تتصل الاتصال هاتف');
/** Between a calling word and the number: `على`, `ب`, `الرقم`, `بالرقم`, `رقم`. */
const CALL_LINKS_AR = set('علي رقم');
/** `X رقم N`, `X No. N`: identifiers beyond the lexicon's (`الكتاب رقم 4521`, `letter No. 7`). */
const NUMBERED_NOUNS = set(`
  كتاب مرسوم منزل بيت بناية بنايه عمارة عماره قطار طريق عدد لوحة لوحه حافلة حافله شقة شقه مبني
  قضية قضيه دعوي ملف تعميم قرار حساب خط مكتب جناح صندوق قاعة قاعه مدرسة مدرسه
  letter decree order circular case file house building bus train account invoice ticket apartment flat
`);
/** After a number: a frequency or a unit of a name, not a count. */
const AFTER_UNITS = set('fm mhz khz ghz');
/** English street types: `221 King Street`. */
const STREET_TYPES = set('street st road rd avenue ave lane boulevard blvd drive way square place terrace');
/** Nouns that name a place, a body or an event after a date: `شارع 29 أيار`, `March 14 alliance`. */
const DATE_NAME_HEADS_AR = set(`
  شارع ساحة ساحه جسر قوي ثانوية ثانويه مدرسة مدرسه تيار حركة حركه مستشفي ملعب ميدان حي جامعة جامعه
  مدينة مدينه كلية كليه نفق مطار مجمع
`);
const DATE_NAME_TAILS_EN = set(`
  street avenue road square bridge alliance movement coalition revolution stadium school hospital
  airport boulevard tunnel
`);
const TIME_BEFORE_EN = set('at around about until till from by before after past');
const DAY_PARTS_EN = set('morning afternoon evening');
const MILITARY_AFTER = set('hours hrs local gmt utc');
/** Between the two ends of a range: `من 8 حتى 2 ظهرًا`, `from 7 to 9 p.m.`. */
const RANGE_LINKS = set('حتي الي to until till and و -');

/** The first end of a range whose second end is a time: `من 8 حتى 2 ظهرًا`, `from 7 to 9 p.m.`. */
function rangeToTime(tokens: readonly Token[], i: number): boolean {
  const first = tokens[i];
  if (!isInteger(first) || first.value > 24) return false;
  const link = tokens[i + 1];
  if (link === undefined || !(RANGE_LINKS.has(link.text) || RANGE_LINKS.has(bare(link)))) return false;
  const second = tokens[i + 2];
  if (!isInteger(second) || second.value > 24) return false;
  const after = tokens[i + 3];
  if (after === undefined || after.kind !== 'word') return false;
  if (after.info?.timeMarker === true) return true;
  // `p.m.`, `a.m.`
  return (after.text === 'a' || after.text === 'p') && isPunctText(tokens[i + 4], '.');
}

/** The word without prefix or article; unknown words keep their prefix in the tokeniser (`بكوفيد`). */
function bare(token: Token | undefined): string {
  if (token === undefined || token.kind !== 'word') return '';
  return token.script === 'latin' ? token.text : token.bare;
}

function leadWord(token: Token): string {
  const word = bare(token);
  if (token.script !== 'arabic' || token.pre > 0 || LEADS.has(word)) return word;
  return word.replace(/^(?:[وف]?[بلك]|[وف])(?:ال)?/, '');
}

function isPunctText(token: Token | undefined, text: string): boolean {
  return token !== undefined && token.kind === 'punct' && token.text === text;
}

function isMonth(token: Token | undefined): boolean {
  return token !== undefined && token.kind === 'word' && token.info?.month !== undefined;
}

function isInteger(token: Token | undefined): token is Token {
  return token !== undefined && token.kind === 'number' && !token.grouped && !token.decimal;
}

/** A scale or currency word after a number makes it an amount: `450 مليون ريال`. */
function isAmount(after: Token | undefined): boolean {
  return (
    after !== undefined &&
    after.kind === 'word' &&
    (after.info?.number !== undefined || after.info?.currency !== undefined)
  );
}

/** Particles that never are a counted noun. */
const ARABIC_PARTICLES = set('او ام ثم حتي كما اذا ان لا لم لن قد اي وهو وهي هو هي');

/** `تتسع القاعة 500 شخص`: an Arabic indefinite noun after the number is what it counts. */
function isCountedNoun(after: Token | undefined): boolean {
  return (
    after !== undefined &&
    after.kind === 'word' &&
    after.script === 'arabic' &&
    after.pre === 0 &&
    !after.definite &&
    after.info?.preposition !== true &&
    !ARABIC_PARTICLES.has(after.text)
  );
}

class Marker {
  readonly marks: Uint8Array;
  any = false;

  constructor(
    readonly tokens: readonly Token[],
    readonly language: string,
  ) {
    this.marks = new Uint8Array(tokens.length);
  }

  mark(first: number, last: number): void {
    for (let k = Math.max(0, first); k <= last && k < this.tokens.length; k++) this.marks[k] = 1;
    this.any = true;
  }

  /** The number after a lead word, skipping `.`, `:` or `#`. */
  numberAfter(i: number): number {
    let k = i + 1;
    if (isPunctText(this.tokens[k], '.') || isPunctText(this.tokens[k], ':') || isPunctText(this.tokens[k], '#')) k++;
    return this.tokens[k]?.kind === 'number' ? k : -1;
  }
}

/** `الساعة 3 و 18 دقيقة`: the minutes after a clock hour. */
function minutesAfterHour(m: Marker, i: number): void {
  const { tokens } = m;
  let hour = m.numberAfter(i);
  if (hour >= 0) m.mark(hour, hour);
  // `الساعة الثالثة و18 دقيقة`: the hour in words
  else if (tokens[i + 1]?.kind === 'word' && tokens[i + 1].info?.ordinal !== undefined) hour = i + 1;
  else return;
  let k = hour + 1;
  if (tokens[k]?.kind === 'word' && tokens[k].text === 'و') k++;
  if (isInteger(tokens[k]) && tokens[k].value < 60) {
    const unit = bare(tokens[k + 1]);
    if (unit === 'دقيقة' || unit === 'دقيقه' || unit === 'دقائق' || unit === 'دقايق') m.mark(k, k + 1);
  }
}

/** A phone number and those offered after it: `call 999 or 112`, `على 19019 أو 122`. */
function phoneRun(m: Marker, n: number): void {
  const { tokens } = m;
  m.mark(n, n);
  let k = n + 1;
  while (
    tokens[k]?.kind === 'word' &&
    (tokens[k].text === 'or' || bare(tokens[k]) === 'او') &&
    isInteger(tokens[k + 1])
  ) {
    if (tokens[k + 1].intDigits < 3) return;
    m.mark(k + 1, k + 1);
    k += 2;
  }
}

/** `X رقم N`, `X (adjective) رقم N`, `X No. N` where X is a numbered thing. */
function numberedNoun(m: Marker, i: number): void {
  const { tokens } = m;
  const head = tokens[i - 1];
  let numbered = NUMBERED_NOUNS.has(bare(head)) || head?.info?.identifier === true;
  if (!numbered && head?.kind === 'word' && head.script === 'arabic') {
    const noun = tokens[i - 2];
    numbered = noun?.kind === 'word' && noun.definite === head.definite && NUMBERED_NOUNS.has(bare(noun));
  }
  if (!numbered) return;
  const n = m.numberAfter(i);
  if (n >= 0) m.mark(i, n);
}

/** `8 tonight`, `at around 11 last night`, `at 7 in the morning`. */
function englishHour(m: Marker, i: number): void {
  const { tokens } = m;
  const token = tokens[i];
  if (!isInteger(token)) return;
  const a0 = bare(tokens[i + 1]);
  // `at 1500 hours`, `at 0600 local time`: the 24-hour clock in four digits
  if (token.intDigits === 4 && token.value % 100 < 60 && token.value < 2400 && MILITARY_AFTER.has(a0)) {
    if (TIME_BEFORE_EN.has(bare(tokens[i - 1]))) m.mark(i, i);
    return;
  }
  if (token.value > 24) return;
  if ((a0 === 'noon' || a0 === 'midnight') && token.value === 12) {
    m.mark(i, i);
    return;
  }
  if (!TIME_BEFORE_EN.has(bare(tokens[i - 1])) && !TIME_BEFORE_EN.has(bare(tokens[i - 2]))) return;
  const a = bare(tokens[i + 1]);
  const b = bare(tokens[i + 2]);
  const c = bare(tokens[i + 3]);
  if (
    a === 'tonight' ||
    ((a === 'last' || a === 'tomorrow') && b === 'night') ||
    (a === 'this' && DAY_PARTS_EN.has(b)) ||
    (a === 'in' && b === 'the' && DAY_PARTS_EN.has(c)) ||
    (a === 'at' && b === 'night') ||
    (bare(tokens[i - 1]) === 'at' && (a === 'today' || a === 'tomorrow'))
  ) {
    m.mark(i, i);
  }
}

/** English dates used as names: `26th of July Street`, `9 July Avenue`, `the March 14 alliance`. */
function englishDateName(m: Marker, i: number): void {
  const { tokens } = m;
  const token = tokens[i];
  if (!isInteger(token) || token.value > 31) return;
  // Month N Tail
  if (isMonth(tokens[i - 1]) && DATE_NAME_TAILS_EN.has(bare(tokens[i + 1]))) {
    m.mark(i - 1, i + 1);
    return;
  }
  // N(th) (of) Month Tail
  let k = i + 1;
  if (tokens[k]?.kind === 'word' && tokens[k].info?.ordinalSuffix === true && tokens[k].start === token.end) k++;
  if (bare(tokens[k]) === 'of') k++;
  if (isMonth(tokens[k]) && DATE_NAME_TAILS_EN.has(bare(tokens[k + 1]))) m.mark(i, k + 1);
}

/** `221 King Street`, `10 Downing Street`: a building number before a street name. */
function englishStreetNumber(m: Marker, i: number): void {
  const { tokens } = m;
  if (!isInteger(tokens[i])) return;
  for (let k = i + 1; k <= i + 3; k++) {
    const word = tokens[k];
    if (word === undefined || word.kind !== 'word' || word.caseShape !== 'capital') return;
    if (k > i + 1 && STREET_TYPES.has(word.text)) {
      m.mark(i, i);
      return;
    }
  }
}

/** `P.O. Box 1234, Amman 11118`, `ص.ب 1234 عمّان 11118`: the box and the postcode after it. */
function postBox(m: Marker, box: number): void {
  const { tokens } = m;
  m.mark(box, box);
  for (let k = box + 1; k <= box + 4 && k < tokens.length; k++) {
    const token = tokens[k];
    if (token.kind === 'number') {
      if (token.intDigits >= 4 && !token.grouped && !token.decimal) m.mark(k, k);
      return;
    }
    if (token.kind === 'punct' && token.text !== ',') return;
  }
}

/** `قناة أبوظبي الرياضية 1`: a channel's name ends in its number. */
function channelNumber(m: Marker, i: number): void {
  const { tokens } = m;
  for (let k = i + 1; k <= i + 3; k++) {
    const token = tokens[k];
    if (token === undefined) return;
    if (token.kind === 'number') {
      const after = tokens[k + 1];
      if (k > i + 1 && isInteger(token) && token.intDigits <= 2 && after?.kind !== 'number') {
        // `قناة الجزيرة 24 ساعة`, `قناة السويس 3 مشاريع`: what follows is counted
        if (!isAmount(after) && !isCountedNoun(after) && after?.info?.dualCount !== true) m.mark(k, k);
      }
      return;
    }
    if (token.kind !== 'word' || token.info?.preposition === true || token.info?.number !== undefined) return;
  }
}

function wordRules(m: Marker, i: number): void {
  const { tokens } = m;
  const token = tokens[i];
  const word = bare(token);
  if (word === 'ساعة' || word === 'ساعه') {
    if (token.definite) minutesAfterHour(m, i);
    return;
  }
  // a definite `المستشفى 450 مليون` is the hospital, not its name
  const lead = leadWord(token);
  if (LEADS.has(lead) && !(lead === 'مستشفي' && token.definite)) {
    const n = m.numberAfter(i);
    if (n >= 0 && !isAmount(tokens[n + 1]) && !isCountedNoun(tokens[n + 1])) m.mark(n, n);
    return;
  }
  if (DIAL_VERBS.has(word) || CALL_VERBS.has(word)) {
    const n = i + 1;
    const after = tokens[n + 1];
    // `call 911 if …`, but `call 100 witnesses`
    const counted = after?.script === 'latin' && after.kind === 'word' && after.info?.functionWord !== true;
    if (isInteger(tokens[n]) && tokens[n].intDigits >= 3 && (DIAL_VERBS.has(word) || !counted)) phoneRun(m, n);
    return;
  }
  if (CALL_WORDS_AR.has(word)) {
    let n = i + 1;
    while (n <= i + 2 && tokens[n]?.kind === 'word' && (CALL_LINKS_AR.has(bare(tokens[n])) || tokens[n].text === 'ب'))
      n++;
    if (n > i + 1 && isInteger(tokens[n]) && tokens[n].intDigits >= 3 && !isCountedNoun(tokens[n + 1])) phoneRun(m, n);
    return;
  }
  if (word === 'رقم' || word === 'no') {
    numberedNoun(m, i);
    return;
  }
  if (word === 'box' || (token.text === 'ب' && isPunctText(tokens[i - 1], '.') && tokens[i - 2]?.text === 'ص')) {
    const n = m.numberAfter(i);
    if (n >= 0) postBox(m, n);
    return;
  }
  if (word === 'بريد' && bare(tokens[i - 1]) === 'صندوق') {
    const n = m.numberAfter(i);
    if (n >= 0) postBox(m, n);
    return;
  }
  if (word === 'عدد' && token.definite && bare(tokens[i - 1]) === 'في') {
    const n = m.numberAfter(i);
    if (n >= 0 && !isAmount(tokens[n + 1]) && !isCountedNoun(tokens[n + 1])) m.mark(n, n);
    return;
  }
  if (word === 'قناة' || word === 'قناه') {
    channelNumber(m, i);
    return;
  }
  if (DATE_NAME_HEADS_AR.has(word) && isInteger(tokens[i + 1]) && tokens[i + 1].value <= 31) {
    if (isMonth(tokens[i + 2])) m.mark(i + 1, tokens[i + 3]?.info?.ordinal !== undefined ? i + 3 : i + 2);
    else if (word === 'شارع') m.mark(i + 1, i + 1);
  }
}

function numberRules(m: Marker, i: number): void {
  const { tokens } = m;
  const next = tokens[i + 1];
  if (AFTER_UNITS.has(bare(next))) {
    m.mark(i, i);
    return;
  }
  // `12 شارع طلعت حرب`: the building number before the street
  if (next?.kind === 'word' && next.pre === 0 && next.stem === 'شارع' && isInteger(tokens[i])) {
    m.mark(i, i);
    return;
  }
  if (rangeToTime(tokens, i)) {
    m.mark(i, i);
    return;
  }
  if (m.language === 'en' || tokens[i + 1]?.script === 'latin' || tokens[i - 1]?.script === 'latin') {
    englishHour(m, i);
    englishDateName(m, i);
    englishStreetNumber(m, i);
  }
}

/** Marks token `k` for every token inside one of the spans (sorted or not). */
function markSpans(m: Marker, spans: [number, number][]): void {
  if (spans.length === 0) return;
  spans.sort((a, b) => a[0] - b[0]);
  const { tokens } = m;
  let s = 0;
  for (let k = 0; k < tokens.length && s < spans.length; k++) {
    const token = tokens[k];
    while (s < spans.length && spans[s][1] <= token.start) s++;
    if (s < spans.length && token.start >= spans[s][0] && token.end <= spans[s][1]) m.mark(k, k);
  }
}

/**
 * Marks the tokens that belong to no claim (1 in the result); null when there are none. `tokens`
 * are those of one text part, in order.
 */
export function findNonClaims(
  normalised: NormalisedText,
  tokens: readonly Token[],
  language: string,
): Uint8Array | null {
  if (tokens.length === 0) return null;
  const m = new Marker(tokens, language);
  markSpans(m, patternSpans(normalised, tokens[0].start, tokens[tokens.length - 1].end));
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.kind === 'word') wordRules(m, i);
    else if (token.kind === 'number') numberRules(m, i);
  }
  return m.any ? m.marks : null;
}
