/**
 * What staleness compares: a claim's text with the marks that do not change what it says taken
 * out. Dropped: Arabic harakat (U+064B–U+065F, U+0670), Quranic annotation marks, tatweel, bidi
 * and zero-width marks, the soft hyphen. Folded: Arabic-Indic and Extended Arabic-Indic digits to
 * ASCII (and the Arabic decimal separator, thousands separator and percent sign, the same figure
 * written in another shape), Unicode composition (NFC), runs of white space (one space, trimmed).
 *
 * Letters count: alef and hamza forms, teh marbuta and heh, alef maqsura and yeh, Latin case and
 * accents all stay as written, so an editor's spelling fix to a quoted name (`أعلن` → `اعلن`)
 * makes a checked claim stale, as does any change of figure (90 → 91).
 */

const MARKS =
  /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED\u08D3-\u08E1\u08E3-\u08FF\u0640]/g;
const INVISIBLE = /[\u00AD\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
const ARABIC_INDIC_DIGIT = /[\u0660-\u0669]/g;
const EXTENDED_DIGIT = /[\u06F0-\u06F9]/g;
const FIGURE_SIGNS: Readonly<Record<string, string>> = { '\u066B': '.', '\u066C': ',', '\u066A': '%' };

export function normaliseClaimText(text: string): string {
  return (
    text
      // Composing first keeps `ا` + hamza above (U+0654) the letter `أ` rather than a dropped mark.
      .normalize('NFC')
      .replace(MARKS, '')
      .replace(INVISIBLE, '')
      .replace(ARABIC_INDIC_DIGIT, (digit) => String(digit.charCodeAt(0) - 0x0660))
      .replace(EXTENDED_DIGIT, (digit) => String(digit.charCodeAt(0) - 0x06f0))
      .replace(/[\u066A-\u066C]/g, (sign) => FIGURE_SIGNS[sign] ?? sign)
      // Dropping marks can bring a base letter next to a combining mark it composes with.
      .normalize('NFC')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/** Whether two texts say the same thing as far as a verdict is concerned. */
export function sameClaimText(a: string, b: string): boolean {
  return a === b || normaliseClaimText(a) === normaliseClaimText(b);
}
