import type { DraftAccess, ReviewEvent, SessionEndCode } from '#contracts';
import type { UpdateDeliveryPort } from '#collab';
import type { PresenceBroadcaster } from '#presence';
import type { ClaimsEvents } from '#claims';
import type { ReviewEvents } from '#reviews';

/** The draft rooms a connection is in: whatever is sent to a draft reaches the connections in its room. */
export interface SessionRooms {
  join(connectionId: string, draftId: string): Promise<void>;
  leave(connectionId: string, draftId: string): Promise<void>;
}

/** The connections themselves. */
export interface SessionConnections {
  /** Still open (a connection may close while one of its joins is under way). */
  isOpen(connectionId: string): boolean;
  /** Tells it why (the `session` event), then closes it: the sign-in it opened with has ended. */
  end(connectionId: string, code: SessionEndCode): void;
  /** Tells it its access to a draft it joined and still sees changed. */
  tellAccess(connectionId: string, draftId: string, access: DraftAccess): void;
  /** Tells it a draft's review status (the `review` event), to it alone. */
  tellReview(connectionId: string, event: ReviewEvent): void;
}

/** The other instances, told whose rights changed (the change happened on one instance only). */
export interface PeerNotices {
  tell(userIds: string[]): void;
  listen(handler: (userIds: string[]) => void): void;
}

/** Everything the socket edge provides, once its server exists. */
export interface SocketEdge {
  rooms: SessionRooms;
  connections: SessionConnections;
  updates: UpdateDeliveryPort;
  presence: PresenceBroadcaster;
  claims: ClaimsEvents;
  review: ReviewEvents;
  peers: PeerNotices;
}
