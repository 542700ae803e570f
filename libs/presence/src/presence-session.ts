import { randomUUID } from 'node:crypto';
import { TokenBucket, type PresenceIdentity } from '#domain';

// People change activity a few times a minute; a client flapping it faster is coalesced like a cursor.
const URGENT_CHANGES_PER_SECOND = 5;
const URGENT_CHANGES_BURST = 20;

/**
 * One connected socket's presence: its session id (random, so a socket id is never shown to
 * other clients), the identity from its token, and the drafts where it has an entry.
 */
export class PresenceSession {
  readonly id = randomUUID();
  readonly drafts = new Set<string>();
  /** Activity changes that may go out at once, bypassing cursor coalescing. */
  readonly urgentBudget: TokenBucket;

  constructor(
    readonly connectionId: string,
    readonly identity: PresenceIdentity,
    now: number,
  ) {
    this.urgentBudget = new TokenBucket(URGENT_CHANGES_PER_SECOND, URGENT_CHANGES_BURST, now);
  }
}
