import { COLLAB_NAMESPACE, type ClientToServerEvents, type ServerToClientEvents } from '#contracts';
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';

export type CollabSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type CollabSocketOptions = Partial<ManagerOptions & SocketOptions>;

/**
 * Opens the client's /collab socket. `forceNew` gives every client its own connection, even to
 * the same server in one process (load tools simulate many users so). The token is read at every
 * (re)connection attempt, so a fresh login is used by the next reconnect.
 */
export function openCollabSocket(
  baseUrl: string,
  token: () => string,
  options: CollabSocketOptions = {},
): CollabSocket {
  return io(baseUrl + COLLAB_NAMESPACE, {
    ...options,
    auth: (callback) => callback({ token: token() }),
    transports: ['websocket'],
    forceNew: true,
  });
}
