/**
 * Text as a reporter typed it, made safe to carry: every character is kept except those no
 * HTML or XML consumer can hold as text. C0 and C1 control characters (other than tab, line
 * feed and carriage return) and lone UTF-16 surrogates become U+FFFD, visibly, rather than
 * vanishing. Bidi controls (U+200E/F, U+061C, U+202A–E, U+2066–9) are format characters, not
 * controls: they stay, as text.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNCARRIABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const REPLACEMENT = '\uFFFD';

export function carriableText(text: string): string {
  return text.replace(UNCARRIABLE, REPLACEMENT).replace(LONE_SURROGATE, REPLACEMENT);
}

/** Line breaks as `\n`: CRLF, CR and U+2028 (line separator) are one break; U+2029 (paragraph separator) is a blank line. */
export function normaliseLineBreaks(text: string): string {
  return text.replace(/\r\n?|\u2028/g, '\n').replace(/\u2029/g, '\n\n');
}

/** A one-line text (a headline): any run of line breaks and the whitespace around it is one space; the ends are trimmed. */
export function singleLine(text: string): string {
  return normaliseLineBreaks(carriableText(text))
    .replace(/\s*\n\s*/g, ' ')
    .trim();
}
