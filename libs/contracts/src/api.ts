/** REST payloads shared with clients (the SDK, the web page, scripts). */
import type { ReviewStatus } from './collab.js';

export const ROLES = ['reporter', 'fact_checker', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const LANGUAGES = ['ar', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const REVIEW_STATES = [
  'draft',
  'in_review',
  'changes_requested',
  'approved',
  'scheduled',
  'published',
  'withdrawn',
  'spiked',
] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

/** What a user may do with a draft, weakest first: `edit` includes `comment`, which includes `view`. */
export const DRAFT_ACCESS_LEVELS = ['view', 'comment', 'edit'] as const;
export type DraftAccess = (typeof DRAFT_ACCESS_LEVELS)[number];

export interface UserView {
  id: string;
  email: string;
  displayName: string;
  role: Role;
}

export interface DeskView {
  id: string;
  name: string;
}

export interface MeView extends UserView {
  desks: DeskView[];
}

export interface LoginResponse {
  accessToken: string;
  expiresIn: number;
  user: UserView;
}

export interface DraftView {
  id: string;
  deskId: string;
  language: Language;
  headline: string;
  body: string;
  authorIds: string[];
  createdBy: string;
  /** The review workflow's state, as the join answer and the `review` event tell it. */
  review: ReviewStatus;
  access: DraftAccess;
  createdAt: string;
  updatedAt: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
