import {
  DRAFT_ACCESS_LEVELS,
  type CollabLimits,
  type DraftClaim,
  type JoinResult,
  type PresenceEntry,
} from '#contracts';
import { isRecord } from './ack-outcome.js';
import { toUint8Array } from './binary.js';

/** A join ack as the session uses it: `limits` is null when the server did not send them (an older server). */
export type JoinAnswer = Omit<JoinResult, 'limits'> & { limits: CollabLimits | null };

/** Checks a join ack's shape and turns its binary fields into Uint8Arrays; null when malformed. */
export function readJoinResult(ack: object): JoinAnswer | null {
  const value = ack as Record<string, unknown>;
  const update = toUint8Array(value.update);
  const stateVector = toUint8Array(value.stateVector);
  const { sessionId, access, review, presence, claims } = value;
  if (!update || !stateVector || typeof sessionId !== 'string') return null;
  if (typeof access !== 'string' || !(DRAFT_ACCESS_LEVELS as readonly string[]).includes(access)) return null;
  if (!isRecord(review) || typeof review.state !== 'string' || typeof review.revision !== 'number') return null;
  return {
    sessionId,
    update,
    stateVector,
    access: access as JoinResult['access'],
    review: {
      state: review.state as JoinResult['review']['state'],
      revision: review.revision,
      // An older server sends none; anything but an ISO string is treated as none.
      embargoUntil: typeof review.embargoUntil === 'string' ? review.embargoUntil : null,
    },
    presence: Array.isArray(presence) ? (presence as PresenceEntry[]) : [],
    // An older server sends none: no claims yet.
    claims: Array.isArray(claims) ? (claims as DraftClaim[]) : [],
    limits: readLimits(value.limits),
  };
}

/** Limits that are not two positive byte counts are treated as unknown, like missing ones. */
function readLimits(value: unknown): CollabLimits | null {
  if (!isRecord(value)) return null;
  const { maxUpdateBytes, maxDocumentBytes } = value;
  if (!isByteCount(maxUpdateBytes) || !isByteCount(maxDocumentBytes)) return null;
  return { maxUpdateBytes, maxDocumentBytes };
}

function isByteCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}
