import type { Ack, JoinResult, PresenceEntry } from '#contracts';
import { send, type CollabSocket } from './raw-collab-client.js';

export type PresenceEvent =
  { kind: 'presence'; entry: PresenceEntry; at: number } | { kind: 'leave'; sessionId: string; at: number };

/** One socket's view of a draft's presence: the join ack's list, kept current by events. */
export class PresenceWatcher {
  readonly roster = new Map<string, PresenceEntry>();
  readonly events: PresenceEvent[] = [];
  sessionId = '';

  constructor(
    readonly socket: CollabSocket,
    readonly draftId: string,
  ) {
    socket.on('presence', ({ draftId, entry }) => {
      if (draftId !== this.draftId) return;
      this.roster.set(entry.sessionId, entry);
      this.events.push({ kind: 'presence', entry, at: Date.now() });
    });
    socket.on('presence:leave', ({ draftId, sessionId }) => {
      if (draftId !== this.draftId) return;
      this.roster.delete(sessionId);
      this.events.push({ kind: 'leave', sessionId, at: Date.now() });
    });
  }

  async join(): Promise<Ack<JoinResult>> {
    const ack = await send(this.socket, 'join', { draftId: this.draftId });
    if (ack.ok) {
      this.sessionId = ack.sessionId;
      for (const entry of ack.presence) this.roster.set(entry.sessionId, entry);
    }
    return ack;
  }

  /** Who this socket sees, as comparable facts, in a stable order. */
  people(): { userId: string; displayName: string; role: string }[] {
    return [...this.roster.values()]
      .map(({ userId, displayName, role }) => ({ userId, displayName, role }))
      .sort((a, b) => a.userId.localeCompare(b.userId) || a.displayName.localeCompare(b.displayName));
  }

  others(): PresenceEntry[] {
    return [...this.roster.values()].filter((entry) => entry.sessionId !== this.sessionId);
  }

  leftAt(sessionId: string): number | undefined {
    return this.events.find((event) => event.kind === 'leave' && event.sessionId === sessionId)?.at;
  }

  movesOf(sessionId: string): PresenceEntry[] {
    return this.events.flatMap((event) =>
      event.kind === 'presence' && event.entry.sessionId === sessionId ? [event.entry] : [],
    );
  }
}
