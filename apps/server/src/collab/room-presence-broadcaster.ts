import type { Namespace } from 'socket.io';
import type { PresenceEntry } from '#contracts';
import type { PresenceBroadcaster } from '#presence';
import { roomOf } from './rooms.js';

/**
 * Presence events as room broadcasts on /collab: the Redis adapter carries them to the draft's
 * sockets on every instance. `except` names the sender's socket, which needs no echo.
 */
export class RoomPresenceBroadcaster implements PresenceBroadcaster {
  constructor(
    private readonly namespace: Namespace,
    private readonly counted: (kind: 'entry' | 'left') => void,
  ) {}

  entry(draftId: string, entry: PresenceEntry, exceptConnectionId: string | null): void {
    const room = this.namespace.to(roomOf(draftId));
    (exceptConnectionId ? room.except(exceptConnectionId) : room).emit('presence', { draftId, entry });
    this.counted('entry');
  }

  left(draftId: string, sessionId: string): void {
    this.namespace.to(roomOf(draftId)).emit('presence:leave', { draftId, sessionId });
    this.counted('left');
  }
}
