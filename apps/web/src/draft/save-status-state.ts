/**
 * What the save status says, from the session's state. Pure (no DOM, no i18n), tested in node:
 * save-status.ts gathers the inputs from the session's events and writes the words.
 */

/** A failure the session reported (`error` or `retrying`), as the status keeps it. */
export interface Failure {
  code: string;
  message: string;
}

export interface SaveInputs {
  /** The /collab socket is connected. */
  connected: boolean;
  /** The socket connected at least once since the page opened the draft (before: connecting, not offline). */
  everConnected: boolean;
  /** The session joined the draft on the current connection. */
  joined: boolean;
  /** Local changes not durably stored yet (`session.pendingUpdates`). */
  pending: number;
  /** A refusal that stands (LOCKED, TOO_LARGE, FORBIDDEN, ...), until a later change is stored. */
  refusal: Failure | null;
  /** A retryable failure (RATE_LIMITED, UNAVAILABLE, ...), until the next store or join. */
  retrying: Failure | null;
}

export type SaveStatus =
  | { kind: 'saved' }
  | { kind: 'saving'; pending: number }
  | { kind: 'retrying'; pending: number; failure: Failure }
  | { kind: 'connecting' }
  | { kind: 'offline'; pending: number }
  | { kind: 'refused'; pending: number; failure: Failure };

/**
 * Offline first (nothing else is true while the socket is down), then a refusal (the user must
 * know a change was lost), then the way to "Saved", which needs every change stored on a joined,
 * connected session.
 */
export function saveStatus(inputs: SaveInputs): SaveStatus {
  const { connected, everConnected, joined, pending, refusal, retrying } = inputs;
  if (!connected && everConnected) return { kind: 'offline', pending };
  if (refusal) return { kind: 'refused', pending, failure: refusal };
  if (!connected || !joined) return pending > 0 ? { kind: 'saving', pending } : { kind: 'connecting' };
  if (pending > 0) return retrying ? { kind: 'retrying', pending, failure: retrying } : { kind: 'saving', pending };
  return { kind: 'saved' };
}

/** Changes are waiting: leaving the page now would lose them. */
export function shouldWarnBeforeUnload(pending: number): boolean {
  return pending > 0;
}

/** The reasons the status words, by session error code (libs/client SessionErrorCode); others read as `other`. */
export const FAILURE_REASONS = [
  'LOCKED',
  'TOO_LARGE',
  'FORBIDDEN',
  'NOT_FOUND',
  'INVALID_UPDATE',
  'INVALID_PAYLOAD',
  'RATE_LIMITED',
  'UNAVAILABLE',
  'NO_ACK',
  'RESYNC_REQUIRED',
  'NOT_JOINED',
  'UNAUTHORIZED',
  'SESSION_EXPIRED',
  'SESSION_REVOKED',
  'CONNECTION_REFUSED',
] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number] | 'other';

export function failureReason(code: string): FailureReason {
  return (FAILURE_REASONS as readonly string[]).includes(code) ? (code as FailureReason) : 'other';
}

/**
 * The CLDR plural category of `count` in `locale` ('ar' has zero, one, two, few, many, other;
 * 'en' one and other), for picking the words of "N changes waiting".
 */
export type PluralCategory = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';

export function pluralCategory(locale: string, count: number): PluralCategory {
  return new Intl.PluralRules(locale).select(count) as PluralCategory;
}
