import type { EditingSession } from '#drafts';
import type { PresenceSession } from '#presence';

/** One open connection's session: its editing state and its presence in each draft it joined. */
export interface CollabSession {
  /** The connection's id. */
  readonly id: string;
  /** The token it opened with, checked again whenever its user's rights change. */
  readonly token: string | undefined;
  /** When that token expires (ms since the epoch): the connection is closed then. */
  readonly expiresAt: number;
  readonly editing: EditingSession;
  readonly presence: PresenceSession;
}

/**
 * Why a connection is refused at its handshake (the socket protocol's handshake errors):
 * `unavailable` is the only one worth retrying as it is (the token could not be checked just now).
 */
export type HandshakeRefusal = 'unauthorized' | 'too_many_connections' | 'unavailable';
