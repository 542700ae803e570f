import type { Language, ReviewState } from '#contracts';

/** `POST /api/drafts`. */
export interface CreateDraftRequest {
  language: Language;
  headline?: string;
  body?: string;
  deskId?: string;
}

/** `GET /api/drafts` query. */
export interface ListDraftsQuery {
  deskId?: string;
  state?: ReviewState;
  q?: string;
  limit?: number;
  cursor?: string;
}

export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;
