/** The real-time contract (docs/protocol.md): the `/collab` namespace's events, payloads and acks. */
import type { DraftAccess, ReviewState, Role } from './api.js';
import type { SocketErrorCode } from './error-codes.js';
import type { ClaimsEvent, DraftClaim } from './draft-claims.js';

export const COLLAB_NAMESPACE = '/collab';

export interface AckError {
  code: SocketErrorCode;
  message: string;
}

export type Ack<T extends object = object> = ({ ok: true } & T) | { ok: false; error: AckError };

export const ACTIVITIES = ['editing', 'reviewing', 'idle'] as const;
export type Activity = (typeof ACTIVITIES)[number];

/** A Yjs relative position as produced by `Y.relativePositionToJSON`. */
export type RelativePositionJson = Record<string, unknown>;

export interface Cursor {
  anchor: RelativePositionJson;
  head: RelativePositionJson;
}

export interface PresenceEntry {
  sessionId: string;
  userId: string;
  displayName: string;
  role: Role;
  color: string;
  cursor: Cursor | null;
  activity: Activity;
  joinedAt: string;
  lastActiveAt: string;
}

/** A draft's review status: in the join answer, the `review` event and the REST views of a draft. */
export interface ReviewStatus {
  state: ReviewState;
  /** +1 per transition. */
  revision: number;
  /** ISO 8601: when a `scheduled` draft is to be released; null in every other state. */
  embargoUntil: string | null;
}

export interface JoinRequest {
  draftId: string;
  stateVector?: Uint8Array;
}

export interface JoinResult {
  /** This socket's session in the draft: its own entry in `presence` and in later events has this id. */
  sessionId: string;
  update: Uint8Array;
  stateVector: Uint8Array;
  access: DraftAccess;
  review: ReviewStatus;
  /** Every session present in the draft, on every instance, this one included. */
  presence: PresenceEntry[];
  /** The draft's active claims, so a joiner draws them without a REST call. */
  claims: DraftClaim[];
  /** The server's limits, so a client refuses what would be refused without sending it. */
  limits: CollabLimits;
}

export interface CollabLimits {
  /** Largest update the server accepts, in bytes (larger: TOO_LARGE). */
  maxUpdateBytes: number;
  /** Largest stored size of a draft's document, in bytes (an update past it: TOO_LARGE). */
  maxDocumentBytes: number;
}

export interface UpdateRequest {
  draftId: string;
  update: Uint8Array;
}

export interface PresenceRequest {
  draftId: string;
  cursor?: Cursor | null;
  activity?: Activity;
}

export interface LeaveRequest {
  draftId: string;
}

export interface ClientToServerEvents {
  join(request: JoinRequest, ack: (response: Ack<JoinResult>) => void): void;
  update(request: UpdateRequest, ack: (response: Ack) => void): void;
  presence(request: PresenceRequest, ack: (response: Ack) => void): void;
  leave(request: LeaveRequest, ack: (response: Ack) => void): void;
}

export interface UpdateEvent {
  draftId: string;
  update: Uint8Array;
}

export interface PresenceEvent {
  draftId: string;
  entry: PresenceEntry;
}

export interface PresenceLeaveEvent {
  draftId: string;
  sessionId: string;
}

export interface ReviewEvent extends ReviewStatus {
  draftId: string;
  /** Who took the action: a user id, or `scheduler` for an embargoed draft's release. */
  by: string;
  /** `by`'s display name; null for the scheduler (or a user who no longer exists). */
  byName: string | null;
  at: string;
  reason?: string;
}

/**
 * This connection's access to a draft it joined changed (a role, desk or author change). A
 * connection that may no longer see the draft gets its own `presence:leave` instead.
 */
export interface AccessEvent {
  draftId: string;
  access: DraftAccess;
}

/**
 * Why the server is about to close this connection because its sign-in ended: `SESSION_EXPIRED`
 * (the access token's `exp` passed) or `SESSION_REVOKED` (signed out, the session revoked, the
 * password changed, the account disabled or its role changed). A token that ended so is refused
 * everywhere: connect again only with a new one.
 */
export const SESSION_END_CODES = ['SESSION_EXPIRED', 'SESSION_REVOKED'] as const;
export type SessionEndCode = (typeof SESSION_END_CODES)[number];

/** The `session` event: sent just before the server disconnects the socket. */
export interface SessionEndedEvent {
  code: SessionEndCode;
  message: string;
}

export interface ServerToClientEvents {
  update(event: UpdateEvent): void;
  access(event: AccessEvent): void;
  presence(event: PresenceEvent): void;
  'presence:leave'(event: PresenceLeaveEvent): void;
  claims(event: ClaimsEvent): void;
  review(event: ReviewEvent): void;
  session(event: SessionEndedEvent): void;
}
