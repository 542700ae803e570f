import type { Namespace } from 'socket.io';
import type { AccessEvent, ReviewEvent, SessionEndCode } from '#contracts';
import type { PeerNotices, SessionConnections, SessionRooms, SocketEdge } from '#sessions';
import type { MetricsService } from '../metrics/metrics.service.js';
import { RoomPresenceBroadcaster } from './room-presence-broadcaster.js';
import { RoomUpdateDelivery } from './room-update-delivery.js';
import { roomOf } from './rooms.js';

/** Instances tell each other (socket.io server-side events, over Redis) whose rights changed. */
const ACCESS_CHANGED = 'access-changed';

const SESSION_END_MESSAGES: Readonly<Record<SessionEndCode, string>> = {
  SESSION_EXPIRED: 'The access token expired: sign in again',
  SESSION_REVOKED: 'The sign-in session ended (signed out, revoked, or the account changed): sign in again',
};

/** Draft rooms are socket.io rooms: the Redis adapter makes a room broadcast reach every instance. */
class SocketRooms implements SessionRooms {
  constructor(private readonly namespace: Namespace) {}

  async join(connectionId: string, draftId: string): Promise<void> {
    await this.namespace.sockets.get(connectionId)?.join(roomOf(draftId));
  }

  async leave(connectionId: string, draftId: string): Promise<void> {
    await this.namespace.sockets.get(connectionId)?.leave(roomOf(draftId));
  }
}

class SocketConnections implements SessionConnections {
  constructor(private readonly namespace: Namespace) {}

  isOpen(connectionId: string): boolean {
    return this.namespace.sockets.get(connectionId)?.connected ?? false;
  }

  end(connectionId: string, code: SessionEndCode): void {
    const socket = this.namespace.sockets.get(connectionId);
    if (!socket) return;
    // Sent before the disconnect packet on the same connection, so it arrives first.
    socket.emit('session', { code, message: SESSION_END_MESSAGES[code] });
    socket.disconnect(true);
  }

  tellReview(connectionId: string, event: ReviewEvent): void {
    this.namespace.sockets.get(connectionId)?.emit('review', event);
  }

  tellAccess(connectionId: string, draftId: string, access: AccessEvent['access']): void {
    const event: AccessEvent = { draftId, access };
    this.namespace.sockets.get(connectionId)?.emit('access', event);
  }
}

class AdapterPeerNotices implements PeerNotices {
  constructor(private readonly namespace: Namespace) {}

  tell(userIds: string[]): void {
    this.namespace.serverSideEmit(ACCESS_CHANGED, userIds);
  }

  listen(handler: (userIds: string[]) => void): void {
    this.namespace.on(ACCESS_CHANGED, (userIds: unknown) => {
      if (Array.isArray(userIds)) handler(userIds.filter((id): id is string => typeof id === 'string'));
    });
  }
}

/** The /collab namespace as the sessions' edge: its rooms, sockets, and the events updates and presence go out as. */
export function socketEdge(namespace: Namespace, metrics: MetricsService): SocketEdge {
  return {
    rooms: new SocketRooms(namespace),
    connections: new SocketConnections(namespace),
    updates: new RoomUpdateDelivery(namespace, metrics),
    presence: new RoomPresenceBroadcaster(namespace, (kind) => metrics.presenceBroadcasts.inc({ kind })),
    // Through the adapter: the draft's sessions on every instance hear of a change once.
    claims: { claimsChanged: (event) => namespace.to(roomOf(event.draftId)).emit('claims', event) },
    review: { reviewChanged: (event) => namespace.to(roomOf(event.draftId)).emit('review', event) },
    peers: new AdapterPeerNotices(namespace),
  };
}
