import type { PresenceEntry } from '#contracts';

/**
 * How presence reaches clients: implemented at the edge (the socket gateway), where a room
 * broadcast reaches the draft's sockets on every instance.
 */
export interface PresenceBroadcaster {
  /** A session joined, moved or changed activity; `exceptConnectionId` is the sender's own socket. */
  entry(draftId: string, entry: PresenceEntry, exceptConnectionId: string | null): void;
  left(draftId: string, sessionId: string): void;
}

export const SILENT_BROADCASTER: PresenceBroadcaster = {
  entry: () => undefined,
  left: () => undefined,
};
