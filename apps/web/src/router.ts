/** Where the page is, from the URL's hash: `#/` (drafts) and `#/drafts/<id>` (one draft). */
export type Route = { page: 'drafts' } | { page: 'draft'; draftId: string };

export function currentRoute(): Route {
  const match = /^#\/drafts\/([0-9a-f-]{36})$/i.exec(location.hash);
  return match ? { page: 'draft', draftId: match[1]! } : { page: 'drafts' };
}

export function hrefOf(route: Route): string {
  return route.page === 'draft' ? `#/drafts/${route.draftId}` : '#/';
}

export function navigate(route: Route): void {
  location.hash = hrefOf(route);
}
