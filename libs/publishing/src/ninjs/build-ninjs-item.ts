import { renderBodyHtml } from './html.js';
import type { NewsItemAuthor, NewsItemInput } from './news-item-input.js';
import { PUB_STATUSES } from './news-item-input.js';
import type { NinjsItem, NinjsPerson } from './ninjs-item.js';
import { NINJS_SCHEMA_URI } from './ninjs-item.js';
import { singleLine } from './text.js';

/**
 * The ninjs 3.1 news item of one version: pure, the same input gives the same item. Input no
 * version can carry (a relative URI, a version below 1, an invalid date, a version older than
 * the first, an empty headline) throws a RangeError: it is a caller's bug, not a reporter's.
 */
export function buildNinjsItem(input: NewsItemInput): NinjsItem {
  const uri = absoluteUri(input.uri);
  if (!Number.isSafeInteger(input.version) || input.version < 1) {
    throw new RangeError(`version must be a whole number from 1, not ${input.version}`);
  }
  if (!PUB_STATUSES.includes(input.pubStatus)) throw new RangeError(`unknown pubStatus ${String(input.pubStatus)}`);
  const firstCreated = timestamp('firstCreated', input.firstCreated);
  const versionCreated = timestamp('versionCreated', input.versionCreated);
  if (input.versionCreated.getTime() < input.firstCreated.getTime()) {
    throw new RangeError(`versionCreated ${versionCreated} is before firstCreated ${firstCreated}`);
  }
  const headline = singleLine(input.headline);
  if (headline === '') throw new RangeError('a news item needs a headline');

  const authors = input.authors
    .map((author) => ({ name: singleLine(author.name), role: singleLine(author.role ?? '') }))
    .filter((author) => author.name !== '');
  const section = singleLine(input.section ?? '');
  const note = singleLine(input.note ?? '');

  return {
    standard: { name: 'ninjs', version: '3.1', schema: NINJS_SCHEMA_URI },
    uri,
    type: 'text',
    version: String(input.version),
    language: input.language,
    firstCreated,
    versionCreated,
    ...(input.embargoedUntil === undefined
      ? {}
      : { embargoedUntil: timestamp('embargoedUntil', input.embargoedUntil) }),
    pubStatus: input.pubStatus,
    headlines: [{ role: 'main', contentType: 'text/plain', value: headline }],
    bodies: [{ role: 'main', contentType: 'text/html', value: renderBodyHtml(input.body, input.language) }],
    ...(authors.length === 0 ? {} : { by: byLine(authors, input.language), people: authors.map(person) }),
    ...(section === '' ? {} : { subjects: [{ name: section, rel: 'section' as const }] }),
    ...(note === '' ? {} : { edNote: note }),
  };
}

function absoluteUri(uri: string): string {
  let parsed: URL;
  try {
    parsed = new URL(uri);
  } catch {
    throw new RangeError(`uri must be an absolute URI, not ${JSON.stringify(uri)}`);
  }
  // The WHATWG parser forgives what RFC 3986 refuses (spaces, raw non-ASCII); the item carries
  // the URI as given, so it must already be the parser's own spelling of itself.
  if (parsed.href !== uri) throw new RangeError(`uri must be in normal form, ${JSON.stringify(parsed.href)}`);
  return uri;
}

function timestamp(name: string, date: Date): string {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new RangeError(`${name} is not a valid date`);
  return date.toISOString();
}

/** "A, B, and C" in English, "A وB" in Arabic: the locale's own list. */
function byLine(authors: readonly NewsItemAuthor[], language: NewsItemInput['language']): string {
  return new Intl.ListFormat(language, { style: 'long', type: 'conjunction' }).format(authors.map((a) => a.name));
}

function person(author: { name: string; role: string }): NinjsPerson {
  return { name: author.name, rel: author.role === '' ? 'author' : author.role };
}
