import type { Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '#contracts';
import type { CollabSession } from '#sessions';

/** What the handshake attaches to every /collab socket. */
export interface SocketData {
  session: CollabSession;
}

export type CollabSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** The access token a socket presented at its handshake. */
export function tokenOf(socket: Socket): string | undefined {
  const token: unknown = socket.handshake.auth?.token;
  return typeof token === 'string' ? token : undefined;
}
