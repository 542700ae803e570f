/** URL paths of the REST API: every id a path segment of its own, whatever characters it holds. */

/** `/api/drafts/:draftId` and below, each segment encoded. */
export function draftPath(draftId: string, ...segments: string[]): string {
  return ['/api/drafts', ...[draftId, ...segments].map(encodeURIComponent)].join('/');
}

/** Appends the defined values of `query` as a query string (none: the path alone). */
export function withQuery(path: string, query: object): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query) as [string, unknown][]) {
    if (value !== undefined) params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}
