import type { Namespace, Socket } from 'socket.io';

/** How often every connection's backlog is looked at. */
const SWEEP_MS = 500;

/**
 * Bytes the server has handed a connection and not yet written to it: what Node holds for its
 * TCP socket, plus packets engine.io queued while the socket was busy.
 */
export function outboundBacklog(socket: Socket): number {
  const tcp = (socket.request as { socket?: { writableLength?: number } }).socket;
  let bytes = tcp?.writableLength ?? 0;
  const queued = (socket.conn as unknown as { writeBuffer?: { data?: unknown }[] }).writeBuffer ?? [];
  for (const packet of queued) bytes += byteSize(packet.data);
  return bytes;
}

function byteSize(data: unknown): number {
  if (typeof data === 'string') return data.length;
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return data.byteLength;
  return 0;
}

/**
 * Cuts off connections that fall too far behind. A client that cannot keep up with its rooms
 * (a slow link, a stalled tab) would otherwise make the server hold every update sent to it
 * until it reads them: at 300 authors in one draft that was 759 MB (docs/benchmarks.md). Cut,
 * the client reconnects and re-joins with its state vector, and gets what it lacks as one
 * update instead of the backlog (docs/protocol.md).
 */
export class SlowConsumerGuard {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly namespace: Namespace,
    private readonly maxBytes: number,
    private readonly onCut: (socket: Socket, backlogBytes: number) => void,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.sweep(), SWEEP_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  sweep(): void {
    for (const socket of this.namespace.sockets.values()) {
      const backlog = outboundBacklog(socket);
      if (backlog <= this.maxBytes) continue;
      this.onCut(socket, backlog);
      // Not a disconnect packet: it would wait behind the backlog. Dropping the TCP connection
      // frees what it holds now; the client sees a transport close and reconnects by itself.
      (socket.request as { socket?: { destroy(): void } }).socket?.destroy();
    }
  }
}
