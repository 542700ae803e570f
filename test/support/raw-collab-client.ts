import type { Socket as TcpSocket } from 'node:net';
import { io, type Socket } from 'socket.io-client';
import * as Y from 'yjs';
import {
  DOCUMENT_FIELDS,
  type Ack,
  type ClientToServerEvents,
  type JoinResult,
  type ServerToClientEvents,
} from '#contracts';

export type CollabSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A socket on /collab, speaking the protocol directly (no SDK), for protocol-level tests. */
export function connectSocket(url: string, token: string | undefined): CollabSocket {
  return io(`${url}/collab`, {
    auth: token === undefined ? {} : { token },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
}

/** The TCP socket under a socket.io client's WebSocket transport. */
export function tcpOf(socket: CollabSocket): TcpSocket {
  const transport = socket.io.engine.transport as unknown as { ws?: { _socket?: TcpSocket } };
  const tcp = transport.ws?._socket;
  if (!tcp) throw new Error('no TCP socket under this connection');
  return tcp;
}

/** The sockets a suite opened, so that each test can close its own afterwards. */
export class SocketPool {
  private readonly sockets: CollabSocket[] = [];

  /** Connects with `token` and waits for the handshake to succeed. */
  async open(url: string, token: string): Promise<CollabSocket> {
    const socket = this.connect(url, token);
    await whenConnected(socket);
    return socket;
  }

  /** Connects without waiting: for handshakes that are meant to fail. */
  connect(url: string, token: string | undefined): CollabSocket {
    const socket = connectSocket(url, token);
    this.sockets.push(socket);
    return socket;
  }

  closeAll(): void {
    for (const socket of this.sockets.splice(0)) socket.disconnect();
  }
}

export function whenConnected(socket: CollabSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.connected) return resolve();
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
}

export async function send<E extends keyof ClientToServerEvents>(
  socket: CollabSocket,
  event: E,
  payload: unknown,
): Promise<Ack<E extends 'join' ? JoinResult : object>> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the payload is deliberately unchecked here
  return (socket.timeout(10_000) as any).emitWithAck(event, payload);
}

const REMOTE = Symbol('remote');

/** A Y.Doc kept in sync over a raw socket: sends local changes, applies remote ones. */
export class RawEditor {
  readonly doc = new Y.Doc();
  readonly acks: Ack[] = [];
  readonly received: Uint8Array[] = [];
  private pending: Promise<unknown>[] = [];

  constructor(
    readonly socket: CollabSocket,
    readonly draftId: string,
    /** State the client already holds (say, edits made offline), sent only after joining. */
    initialState?: Uint8Array,
  ) {
    if (initialState) Y.applyUpdate(this.doc, initialState);
    socket.on('update', ({ draftId, update }) => {
      if (draftId !== this.draftId) return;
      const bytes = new Uint8Array(update);
      this.received.push(bytes);
      Y.applyUpdate(this.doc, bytes, REMOTE);
    });
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === REMOTE || !this.socket.connected) return;
      this.pending.push(
        send(this.socket, 'update', { draftId: this.draftId, update }).then((ack) => this.acks.push(ack)),
      );
    });
  }

  async join(): Promise<Ack<JoinResult>> {
    const ack = await send(this.socket, 'join', { draftId: this.draftId, stateVector: Y.encodeStateVector(this.doc) });
    if (ack.ok) {
      Y.applyUpdate(this.doc, new Uint8Array(ack.update), REMOTE);
      const missing = Y.encodeStateAsUpdate(this.doc, new Uint8Array(ack.stateVector));
      if (missing.byteLength > 2) {
        this.pending.push(
          send(this.socket, 'update', { draftId: this.draftId, update: missing }).then((a) => this.acks.push(a)),
        );
      }
    }
    return ack;
  }

  get body(): Y.Text {
    return this.doc.getText(DOCUMENT_FIELDS.body);
  }

  async flushed(): Promise<void> {
    while (this.pending.length > 0) await Promise.all(this.pending.splice(0));
  }
}

/** Polls until `check` passes or the deadline passes; eventually-consistent checks never sleep blindly. */
export async function eventually(check: () => void | Promise<void>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}
