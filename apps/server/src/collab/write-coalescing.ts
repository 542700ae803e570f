import type { Server } from 'socket.io';

/**
 * One TCP write for everything a connection has to send in a turn, instead of one per WebSocket
 * frame. A binary event is two socket.io packets (a header and its attachment), and engine.io
 * hands each packet to the transport on its own as soon as it is written: the header goes out
 * alone, the attachment waits for that write to complete and goes out in a second write. Every
 * write on loopback or a LAN is a system call that also wakes the receiver, and in a fan-out
 * those calls were the server's largest cost (docs/benchmarks.md, "Writes per update").
 *
 * Two changes per engine.io connection, both invisible on the wire (the same frames, in the same
 * order):
 * - its flush runs once at the end of the current turn (a microtask), so the packets written
 *   meanwhile (both parts of an event, or several events) reach the transport together;
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
