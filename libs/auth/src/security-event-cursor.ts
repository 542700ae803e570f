import { DomainError, isUuid } from '#domain';
import type { SecurityEventKey } from '#persistence';

/** An opaque cursor of the security log: the (at, id) of the last event of the previous page. */
export function encodeSecurityEventCursor(key: SecurityEventKey): string {
  return Buffer.from(JSON.stringify([key.at.toISOString(), key.id])).toString('base64url');
}

export function decodeSecurityEventCursor(raw: string): SecurityEventKey {
  try {
    const [time, id] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown[];
    const at = new Date(String(time));
    if (typeof id === 'string' && isUuid(id) && !Number.isNaN(at.getTime())) return { at, id };
  } catch {
    // fall through
  }
  throw new DomainError('INVALID_CURSOR', 'The cursor is not one this API returned');
}
