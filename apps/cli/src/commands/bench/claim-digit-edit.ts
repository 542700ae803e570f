/**
 * --claims: which claims a round may edit, and the edit itself: one digit of a figure changed in
 * place, so the extractor still finds the same claim (same kind, same span) with a new text.
 */

/** Kinds whose text is a figure; dates and quotes are left alone (a changed day may stop being a date). */
export const FIGURE_KINDS: readonly string[] = ['number', 'percentage', 'ordinal', 'money'];

/** The first code point of each run of ten digits: ASCII, Arabic-Indic, Extended Arabic-Indic (Persian). */
const DIGIT_ZEROS = [0x30, 0x660, 0x6f0];

function digitAt(text: string, index: number): { zero: number; value: number } | null {
  const code = text.charCodeAt(index);
  for (const zero of DIGIT_ZEROS) if (code >= zero && code <= zero + 9) return { zero, value: code - zero };
  return null;
}

/** A figure the bench can edit: of a figure kind, with at least one digit written as a digit. */
export function isEditableFigure(claim: { kind: string | null; text: string }): boolean {
  return claim.kind !== null && FIGURE_KINDS.includes(claim.kind) && lastDigitIndex(claim.text) !== -1;
}

function lastDigitIndex(text: string): number {
  for (let i = text.length - 1; i >= 0; i -= 1) if (digitAt(text, i) !== null) return i;
  return -1;
}

export interface DigitEdit {
  /** Where the digit sits in the claim's text. */
  offset: number;
  /** The digit that replaces it, in the same script. */
  digit: string;
  /** The claim's text after the edit. */
  text: string;
}

/**
 * Changes the claim's last digit to the next one in its script, skipping 0 (9 becomes 1), so that
 * a figure never gains a leading zero or becomes nothing; null when the text has no digit.
 */
export function digitEdit(text: string): DigitEdit | null {
  const offset = lastDigitIndex(text);
  if (offset === -1) return null;
  const { zero, value } = digitAt(text, offset)!;
  const digit = String.fromCharCode(zero + (value === 9 ? 1 : value + 1));
  return { offset, digit, text: text.slice(0, offset) + digit + text.slice(offset + 1) };
}
