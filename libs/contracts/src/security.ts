/**
 * Sign-in sessions and the security audit log as clients see them (issue 14):
 * `/api/auth/logout`, `/api/auth/sessions`, `/api/auth/password` and
 * `GET /api/admin/security-events`. docs/security.md tells the rules.
 */
import type { Page } from './api.js';

/** One sign-in: a login made it, its access token carries its id (`sid`). */
export interface AuthSessionView {
  id: string;
  /** The session of the token that asked. */
  current: boolean;
  /** The User-Agent header of the login, cut to 512 characters; null when none was sent. */
  userAgent: string | null;
  /** The client's address as the server saw it at login (the proxy's, unless it is trusted). */
  clientAddress: string | null;
  createdAt: string;
  /** Updated at most once a minute while the session is used. */
  lastSeenAt: string;
  /** Its token's `exp`. */
  expiresAt: string;
}

export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

/**
 * The kinds of security event recorded today. The list grows (a stored kind is any lower-case
 * `snake_case` word), so a reader should show a kind it does not know rather than fail on it.
 */
export const SECURITY_EVENT_KINDS = [
  'login_succeeded',
  'login_failed',
  'login_throttled',
  'logout',
  'session_revoked',
  'password_changed',
  'password_change_failed',
  'password_change_throttled',
  'password_reset',
  'role_changed',
  'user_disabled',
  'user_enabled',
  'user_created',
  'user_renamed',
  'desk_created',
  'desk_member_added',
  'desk_member_removed',
  'webhook_endpoint_created',
  'webhook_endpoint_changed',
  'webhook_endpoint_deleted',
] as const;
export type SecurityEventKind = (typeof SECURITY_EVENT_KINDS)[number];

export interface SecurityEvent {
  id: string;
  kind: string;
  /** ISO 8601. */
  at: string;
  /** Who did it: null for the system or someone not signed in (a failed login). */
  actorId: string | null;
  /** Whose account it concerns, when it concerns one. */
  subjectUserId: string | null;
  clientAddress: string | null;
  userAgent: string | null;
  /** What else is worth knowing: the email a failed login tried, a role's old and new value, … Never a password, hash or token. */
  details: Record<string, unknown>;
}

export type SecurityEventPage = Page<SecurityEvent>;
