const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/**
 * Whether a UTF-8 JSON text nests objects and arrays deeper than `maxDepth`, found in one pass over
 * the bytes before anything is parsed (`{"a":1}` is 1 deep). Exact for valid JSON: in UTF-8 the
 * bytes of quotes, backslashes and brackets occur only as those characters. Invalid JSON may be
 * misjudged either way; the parser refuses it next.
 */
export function jsonNestingExceeds(text: Uint8Array, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const byte = text[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      if (++depth > maxDepth) return true;
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      depth--;
    }
  }
  return false;
}
