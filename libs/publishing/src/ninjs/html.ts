import type { Language } from '#contracts';
import { carriableText, normaliseLineBreaks, singleLine } from './text.js';

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Text as HTML text: the five characters that can start or end markup, an entity or an
 * attribute value are escaped, so the result is safe both between tags and inside a quoted
 * attribute. Nothing else changes: `javascript:` or a bidi control stays what it was, text.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]);
}

/** The direction and language attributes of a container, fixed strings chosen by language, never built from input. */
const CONTAINER_ATTRIBUTES: Readonly<Record<Language, string>> = {
  ar: 'dir="rtl" lang="ar"',
  en: 'dir="ltr" lang="en"',
};

export function containerAttributes(language: Language): string {
  const attributes = CONTAINER_ATTRIBUTES[language];
  if (attributes === undefined) throw new RangeError(`no HTML direction for language ${String(language)}`);
  return attributes;
}

/**
 * The paragraphs of a plain-text body, each a list of lines. A paragraph ends at a blank line
 * (one or more lines holding only whitespace, or U+2029); a single line break inside a
 * paragraph is kept as a line break. Each line is trimmed; empty paragraphs are dropped.
 */
export function paragraphsOf(body: string): string[][] {
  return normaliseLineBreaks(carriableText(body))
    .split(/\n(?:[^\S\n]*\n)+/)
    .map((paragraph) =>
      paragraph
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== ''),
    )
    .filter((lines) => lines.length > 0);
}

/**
 * The body as HTML: `<div dir="rtl" lang="ar">` (Arabic) or `<div dir="ltr" lang="en">`
 * (English) holding one `<p>` per paragraph, line breaks inside a paragraph as `<br>`, every
 * character of the text escaped. The only markup is the one written here; an empty body is
 * the empty container.
 */
export function renderBodyHtml(body: string, language: Language): string {
  const paragraphs = paragraphsOf(body)
    .map((lines) => `<p>${lines.map(escapeHtml).join('<br>')}</p>`)
    .join('');
  return `<div ${containerAttributes(language)}>${paragraphs}</div>`;
}

/** The headline as an `<h1>` with the language's direction; line breaks become spaces. */
export function renderHeadlineHtml(headline: string, language: Language): string {
  return `<h1 ${containerAttributes(language)}>${escapeHtml(singleLine(headline))}</h1>`;
}
