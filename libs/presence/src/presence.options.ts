import type { Redis } from 'ioredis';

export const PRESENCE_OPTIONS = Symbol('PRESENCE_OPTIONS');

export interface PresenceLogger {
  warn(details: object, message: string): void;
}

export interface PresenceOptions {
  /** Shared by every instance; absent: presence lives in this process only (one instance). */
  redis: Redis | null;
  /** A session whose client or whole instance vanished is gone from everyone's view within this. */
  timeoutMs: number;
  /** At most one cursor broadcast per session per this many ms; 0 sends every move. */
  cursorIntervalMs: number;
  logger: PresenceLogger;
}
