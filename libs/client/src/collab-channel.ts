import type { Ack, JoinRequest, JoinResult, LeaveRequest, PresenceRequest, UpdateRequest } from '#contracts';

/**
 * What a draft session needs from the connection it shares with the other sessions of its
 * client. The promises reject when no ack comes (timeout, connection lost).
 */
export interface CollabChannel {
  readonly connected: boolean;
  join(request: JoinRequest): Promise<Ack<JoinResult>>;
  update(request: UpdateRequest): Promise<Ack>;
  presence(request: PresenceRequest): Promise<Ack>;
  leave(request: LeaveRequest): Promise<Ack>;
  /** The session closed: the client forgets it (and disconnects when it was the last). */
  release(draftId: string): void;
}
