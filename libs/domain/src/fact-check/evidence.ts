/**
 * The evidence a verdict cites: at most 20 links, each an absolute http(s) URL (no credentials,
 * at most 2,048 characters) with an optional title (a string of at most 300 characters). Checked
 * with the WHATWG `URL` parser, which is pure, and written out in full (`https://` and a host). URLs are kept as written (trimmed): a checker's link
 * to an Arabic-named site stays readable. A blank title is dropped; unknown fields are ignored.
 */
import type { Evidence } from '#contracts';
import { invalidField } from './invalid-field.js';

export const MAX_EVIDENCE_ITEMS = 20;
export const MAX_EVIDENCE_URL_LENGTH = 2_048;
export const MAX_EVIDENCE_TITLE_LENGTH = 300;

/** `http://` or `https://`, then the first character of a host. */
const WRITTEN_OUT = /^https?:\/\/[^/?#\\]/i;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

function checkUrl(field: string, url: unknown): string {
  if (typeof url !== 'string' || url.trim().length === 0) throw invalidField(field, 'a link is required');
  const text = url.trim();
  if (text.length > MAX_EVIDENCE_URL_LENGTH) {
    throw invalidField(field, `at most ${MAX_EVIDENCE_URL_LENGTH} characters (this one has ${text.length})`);
  }
  if (/[\s\p{Cc}]/u.test(text)) throw invalidField(field, 'must not contain spaces or line breaks');
  // The parser also reads `https:example.com` and `https:\\example.com` as absolute: ask for it written out.
  const parsed = WRITTEN_OUT.test(text) ? parseUrl(text) : null;
  if (parsed === null) throw invalidField(field, 'must be an absolute http:// or https:// URL');
  if (parsed.username !== '' || parsed.password !== '') {
    throw invalidField(field, 'must not carry a user name or password');
  }
  return text;
}

function checkTitle(field: string, title: unknown): string | undefined {
  if (title === undefined || title === null) return undefined;
  if (typeof title !== 'string') throw invalidField(field, 'must be text');
  const text = title.trim();
  if (text.length > MAX_EVIDENCE_TITLE_LENGTH) {
    throw invalidField(field, `at most ${MAX_EVIDENCE_TITLE_LENGTH} characters (this one has ${text.length})`);
  }
  return text.length === 0 ? undefined : text;
}

/** `evidence` as the request gave it (absent: none), checked; throws VALIDATION_FAILED naming the field. */
export function checkEvidence(evidence: unknown): Evidence[] {
  if (evidence === undefined || evidence === null) return [];
  if (!Array.isArray(evidence)) throw invalidField('evidence', 'must be a list of links');
  if (evidence.length > MAX_EVIDENCE_ITEMS) {
    throw invalidField('evidence', `at most ${MAX_EVIDENCE_ITEMS} links (this one has ${evidence.length})`);
  }
  return evidence.map((item: unknown, index) => {
    if (!isRecord(item)) throw invalidField(`evidence.${index}`, 'must be an object with a url');
    const url = checkUrl(`evidence.${index}.url`, item.url);
    const title = checkTitle(`evidence.${index}.title`, item.title);
    return title === undefined ? { url } : { url, title };
  });
}
