import type { JoinResult, PresenceEntry } from '#contracts';
import { isRecord } from './ack-outcome.js';
import { toUint8Array } from './binary.js';

const ACCESS_LEVELS: readonly string[] = ['edit', 'comment', 'view'];

/** Checks a join ack's shape and turns its binary fields into Uint8Arrays; null when malformed. */
export function readJoinResult(ack: object): JoinResult | null {
  const value = ack as Record<string, unknown>;
  const update = toUint8Array(value.update);
  const stateVector = toUint8Array(value.stateVector);
  const { sessionId, access, review, presence } = value;
  if (!update || !stateVector || typeof sessionId !== 'string') return null;
  if (typeof access !== 'string' || !ACCESS_LEVELS.includes(access)) return null;
  if (!isRecord(review) || typeof review.state !== 'string' || typeof review.revision !== 'number') return null;
  return {
    sessionId,
    update,
    stateVector,
    access: access as JoinResult['access'],
    review: { state: review.state as JoinResult['review']['state'], revision: review.revision },
    presence: Array.isArray(presence) ? (presence as PresenceEntry[]) : [],
  };
}
