/**
 * Builds the normalised copy every recogniser reads (diacritics, tatweel and bidi marks dropped,
 * letter variants unified, digits made Latin, Latin lower-cased) and maps each of its code units
 * back to the input, so that spans are always reported against the text as given.
 */

const DROPPED = 0;

/** Arabic combining marks and tatweel: they stay attached to the letter before them in a span. */
function isAttachedMark(code: number): boolean {
  return (
    (code >= 0x064b && code <= 0x065f) ||
    code === 0x0670 ||
    code === 0x0640 ||
    (code >= 0x0610 && code <= 0x061a) ||
    (code >= 0x06d6 && code <= 0x06ed) ||
    (code >= 0x0300 && code <= 0x036f)
  );
}

function buildTable(): Uint16Array {
  const table = new Uint16Array(0x10000);
  for (let code = 0; code < 0x10000; code++) table[code] = code;
  const drop = (from: number, to: number): void => {
    for (let code = from; code <= to; code++) table[code] = DROPPED;
  };
  const map = (from: number, to: number, target: number): void => {
    for (let code = from; code <= to; code++) table[code] = target;
  };
  drop(0x0000, 0x0008);
  drop(0x0610, 0x061a);
  drop(0x064b, 0x065f);
  drop(0x0670, 0x0670);
  drop(0x06d6, 0x06dc);
  drop(0x06df, 0x06e8);
  drop(0x06ea, 0x06ed);
  drop(0x0640, 0x0640);
  drop(0x0300, 0x036f);
  drop(0x00ad, 0x00ad);
  drop(0x061c, 0x061c);
  drop(0x200b, 0x200f);
  drop(0x202a, 0x202e);
  drop(0x2060, 0x2069);
  drop(0xfeff, 0xfeff);
  for (let d = 0; d < 10; d++) {
    table[0x0660 + d] = 0x30 + d;
    table[0x06f0 + d] = 0x30 + d;
  }
  table[0x066b] = 0x2e; // Arabic decimal separator
  table[0x066c] = 0x2c; // Arabic thousands separator
  table[0x066a] = 0x25; // Arabic percent sign
  for (const alef of [0x0622, 0x0623, 0x0625, 0x0671, 0x0672, 0x0673]) table[alef] = 0x0627;
  table[0x0649] = 0x064a; // alef maqsura written for final yeh
  table[0x06cc] = 0x064a; // Persian yeh
  table[0x06a9] = 0x0643; // Persian kaf
  for (let c = 0x41; c <= 0x5a; c++) table[c] = c + 0x20;
  table[0x00a0] = 0x20;
  map(0x2000, 0x200a, 0x20);
  table[0x202f] = 0x20;
  table[0x205f] = 0x20;
  table[0x3000] = 0x20;
  table[0x09] = 0x20;
  table[0x0b] = 0x0a;
  table[0x0c] = 0x0a;
  table[0x0d] = 0x0a;
  table[0x2028] = 0x0a;
  table[0x2029] = 0x0a;
  table[0x2010] = 0x2d;
  table[0x2011] = 0x2d;
  table[0x2012] = 0x2d;
  table[0x2013] = 0x2d;
  table[0x2212] = 0x2d;
  table[0xff05] = 0x25;
  table[0x2019] = 0x27; // typographic apostrophe inside English words
  return table;
}

const TABLE = buildTable();
const CHUNK = 4096;

export interface NormalisedText {
  /** The input exactly as given. */
  readonly source: string;
  /** The normalised copy. */
  readonly text: string;
  /** `origin[i]` is the input offset of the normalised code unit `i`. */
  readonly origin: Int32Array;
}

export interface SourceSpan {
  start: number;
  end: number;
}

export function normalise(source: string): NormalisedText {
  const length = source.length;
  const codes = new Uint16Array(length);
  const origin = new Int32Array(length);
  let out = 0;
  for (let i = 0; i < length; i++) {
    const mapped = TABLE[source.charCodeAt(i)];
    if (mapped === DROPPED) continue;
    codes[out] = mapped;
    origin[out] = i;
    out++;
  }
  let text = '';
  for (let from = 0; from < out; from += CHUNK) {
    const chunk = codes.subarray(from, Math.min(out, from + CHUNK));
    // fromCharCode accepts any array-like of numbers; a typed array avoids a copy.
    text += String.fromCharCode.apply(null, chunk as unknown as number[]);
  }
  return { source, text, origin: origin.subarray(0, out) };
}

/**
 * Maps the normalised span [start, end) to the input. Marks that were dropped inside the span
 * stay inside; diacritics and tatweel right after its last letter belong to it as well.
 */
export function toSourceSpan(normalised: NormalisedText, start: number, end: number): SourceSpan {
  const { source, origin } = normalised;
  const sourceStart = origin[start];
  let sourceEnd = origin[end - 1] + 1;
  while (sourceEnd < source.length && isAttachedMark(source.charCodeAt(sourceEnd))) sourceEnd++;
  return { start: sourceStart, end: sourceEnd };
}
