import jwt from 'jsonwebtoken';
import type { SessionEndedEvent } from '#contracts';
import type { CollabSocket } from './raw-collab-client.js';
import { TEST_JWT_SECRET } from './test-server.js';

export interface SessionEnd {
  /** The `session` event, if it came before the disconnect. */
  event: SessionEndedEvent | null;
  /** socket.io's disconnect reason. */
  reason: string;
  /** Date.now() at the disconnect. */
  at: number;
}

/** Resolves when the server closes the socket, with what it said first. */
export function whenEnded(socket: CollabSocket): Promise<SessionEnd> {
  let event: SessionEndedEvent | null = null;
  socket.on('session', (told) => (event = told));
  return new Promise((resolve) => socket.once('disconnect', (reason) => resolve({ event, reason, at: Date.now() })));
}

/** The claims of an access token the server issued (read, not verified). */
export function claimsOf(token: string): { sub: string; tv: number; sid: string; exp: number } {
  return jwt.decode(token) as { sub: string; tv: number; sid: string; exp: number };
}

/**
 * The same session's token with another expiry, signed with the test secret: JWT_TTL_SECONDS
 * cannot go below 60, and a test should not wait a minute to see a token expire.
 */
export function tokenExpiringAt(token: string, expSeconds: number): string {
  const { sub, tv, sid } = claimsOf(token);
  return jwt.sign({ sub, tv, sid, exp: expSeconds }, TEST_JWT_SECRET, { issuer: 'copydesk', algorithm: 'HS256' });
}
