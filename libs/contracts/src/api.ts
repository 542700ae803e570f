/** REST payloads shared with clients (the SDK, the web page, scripts). */
export type Role = 'reporter' | 'fact_checker' | 'editor' | 'admin';
export type Language = 'ar' | 'en';
export type ReviewState =
  'draft' | 'in_review' | 'changes_requested' | 'approved' | 'scheduled' | 'published' | 'withdrawn' | 'spiked';

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
  review: { state: ReviewState; revision: number };
  access: 'edit' | 'comment' | 'view';
  createdAt: string;
  updatedAt: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
