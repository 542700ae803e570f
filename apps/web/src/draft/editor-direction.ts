/**
 * The writing direction of a line, as `dir="auto"` decides it: from its first strong letter.
 * Pure, so the rule is tested in node; editor.ts puts the answer on each rendered line.
 */

/** Letters of the scripts written right to left that newsrooms meet (Arabic first). */
const RIGHT_TO_LEFT = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;
const LETTER = /\p{L}/u;

/**
 * `rtl` when the first letter of `text` is Arabic (or another right-to-left script), `ltr` when
 * it is Latin (or any other script), null when there is no letter at all (an empty line, digits,
 * punctuation): such a line keeps the draft's own direction.
 */
export function firstStrongDirection(text: string): 'rtl' | 'ltr' | null {
  const first = LETTER.exec(text);
  if (!first) return null;
  return RIGHT_TO_LEFT.test(first[0]) ? 'rtl' : 'ltr';
}

/** The direction a draft's text starts from, before any line says otherwise. */
export function baseDirection(language: string): 'rtl' | 'ltr' {
  return language === 'ar' ? 'rtl' : 'ltr';
}
