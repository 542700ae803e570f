/**
 * Cuts a long normalised text into parts at line breaks (which no claim crosses), so that its
 * tokens do not all stay alive at once; a long stretch without one is cut after a sentence end.
 */

/** Parts are at least this many code units long. */
const PART_LENGTH = 16_384;

const SENTENCE_ENDS: ReadonlySet<number> = new Set([0x2e, 0x21, 0x3f, 0x061f]);

/**
 * Splits the normalised text into parts of at least `PART_LENGTH`, cut at line breaks; a long
 * stretch without one is cut after a sentence end followed by a space.
 */
export function textParts(text: string): [number, number][] {
  const result: [number, number][] = [];
  const length = text.length;
  let from = 0;
  let newline = -1;
  while (from < length) {
    const target = from + PART_LENGTH;
    let to = length;
    if (target < length) {
      if (newline < target) {
        newline = text.indexOf('\n', target);
        if (newline < 0) newline = length;
      }
      to = newline;
      if (to - target > PART_LENGTH) {
        for (let i = target; i < to - 1; i++) {
          if (SENTENCE_ENDS.has(text.charCodeAt(i)) && text.charCodeAt(i + 1) === 0x20) {
            to = i + 1;
            break;
          }
        }
      }
    }
    result.push([from, to]);
    from = to;
  }
  return result;
}
