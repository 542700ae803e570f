import type { SessionEndCode, SocketErrorCode } from '#contracts';

/**
 * What can go wrong in a draft session: the protocol's ack codes, plus `NO_ACK` (the ack timed
 * out or the connection dropped before it came), `INVALID_RESPONSE` (an ack or event that does
 * not match the protocol), `CONNECTION_REFUSED` (the handshake was refused for a reason other
 * than the token, e.g. too many connections; the message is the server's reason), `CLOSED`
 * (the session was closed while something waited on it), and the server's reasons for closing
 * the connection when its sign-in ended (`SESSION_EXPIRED`, `SESSION_REVOKED`).
 */
export type SessionErrorCode =
  SocketErrorCode | SessionEndCode | 'NO_ACK' | 'INVALID_RESPONSE' | 'CONNECTION_REFUSED' | 'CLOSED';

export type SessionOperation = 'connect' | 'join' | 'update' | 'presence' | 'leave' | 'remote-update';

export interface SessionError {
  code: SessionErrorCode;
  message: string;
  operation: SessionOperation;
}

/**
 * Kept for a later attempt: storage down, rate limited, no ack, or the server lacks changes the
 * update depends on (RESYNC_REQUIRED: a re-join sends them); the change is not lost.
 */
export const RETRYABLE_CODES: ReadonlySet<SessionErrorCode> = new Set([
  'UNAVAILABLE',
  'RATE_LIMITED',
  'NO_ACK',
  'RESYNC_REQUIRED',
]);

/** The rejection of `flushed()`, `whenSynced()` and `setPresence()`. */
export class CopydeskSessionError extends Error implements SessionError {
  override readonly name = 'CopydeskSessionError';
  readonly code: SessionErrorCode;
  readonly operation: SessionOperation;

  constructor(error: SessionError) {
    super(error.message);
    this.code = error.code;
    this.operation = error.operation;
  }
}
