import type { Server } from 'socket.io';

/**
 * One TCP write for everything a connection is sent in a turn, instead of one per WebSocket frame.
 * engine.io hands each packet to the transport as soon as it is written and the next ones only
 * once that write has completed, so a binary event (a header packet and its attachment), or an ack,
 * a fan-out and a presence update sent to one socket in the same turn, left in as many writes. Each
 * write on loopback or a LAN is a system call that also wakes the receiver, and in a fan-out those
 * calls were the server's largest cost (docs/benchmarks.md, "Writes, frames and the claims tail").
 *
 * Two changes per engine.io connection, both invisible on the wire (the same frames, in the same
 * order):
 * - its flush runs once at the end of the current turn (a microtask), so the packets written
 *   meanwhile reach the transport together;
 * - the WebSocket transport corks its TCP socket while it writes a batch, so the batch's frames
 *   leave in one `writev`.
 *
 * This reaches into engine.io's connection (its `flush`, its transport's `send`) and ws's socket;
 * test/collab/write-coalescing.e2e-spec.ts counts the writes, so an upgrade that changes either
 * shows there.
 */
export function coalesceWrites(server: Server): void {
  server.engine.on('connection', (connection: EngineConnection) => {
    flushOncePerTurn(connection);
    corkWhileSending(connection.transport);
    connection.on('upgrade', (transport: EngineTransport) => corkWhileSending(transport));
  });
}

/** What this module relies on of engine.io's connection (`engine.io` `Socket`). */
interface EngineConnection {
  transport: EngineTransport;
  flush(): void;
  on(event: 'upgrade', listener: (transport: EngineTransport) => void): void;
}

/** ... of its transports; `socket` is ws's WebSocket on the WebSocket transport. */
interface EngineTransport {
  name: string;
  send(packets: unknown[]): void;
  socket?: { _socket?: Corkable | null };
}

interface Corkable {
  cork(): void;
  uncork(): void;
}

function flushOncePerTurn(connection: EngineConnection): void {
  const flushNow = connection.flush.bind(connection);
  let pending = false;
  connection.flush = () => {
    if (pending) return;
    pending = true;
    queueMicrotask(() => {
      pending = false;
      flushNow();
    });
  };
}

function corkWhileSending(transport: EngineTransport): void {
  if (transport.name !== 'websocket') return;
  const sendFrames = transport.send.bind(transport);
  transport.send = (packets) => {
    const tcp = transport.socket?._socket;
    if (!tcp) return sendFrames(packets);
    tcp.cork();
    try {
      sendFrames(packets);
    } finally {
      tcp.uncork();
    }
  };
}
