/** What the claims' SQL writes: the time it stamps, and text and jsonb parameters PostgreSQL can hold. */

/** Now, to the millisecond (what a JS Date keeps), as the columns' defaults store it. */
export const NOW = `date_trunc('milliseconds', now())`;

/**
 * PostgreSQL text and jsonb cannot hold NUL. As for a draft's plain text, U+FFFD takes its place,
 * one code unit for one, so offsets still match the document.
 */
export function storable<T extends string | null>(text: T): T {
  return (text !== null && text.includes('\u0000') ? text.replaceAll('\u0000', '\uFFFD') : text) as T;
}

/** A jsonb parameter (arrays too: pg would send a JS array as a PostgreSQL array). */
export function json(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? storable(v) : v));
}
