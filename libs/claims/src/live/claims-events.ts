import type { ClaimsEvent } from '#contracts';

/**
 * How claim changes reach the draft's sessions: the socket edge sends the `claims` event to the
 * draft's room, which reaches its sessions on every instance. Only the instance that made a
 * change announces it, so each change goes out once.
 */
export interface ClaimsEvents {
  claimsChanged(event: ClaimsEvent): void;
}

export const SILENT_CLAIMS_EVENTS: ClaimsEvents = { claimsChanged: () => undefined };
