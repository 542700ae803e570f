import net from 'node:net';

export interface Backend {
  host: string;
  port: number;
}

/**
 * One address in front of several server instances, as a load balancer with failover gives
 * clients: each new connection goes to the first backend in the list that accepts it. Nothing is
 * moved: when a backend dies, the connections it carried die with it (the client sees the close),
 * and the client's reconnect lands on the next live backend.
 */
export class FailoverProxy {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  /** How many connections went to each backend, by its index in the list. */
  readonly connections: number[];
  port = 0;

  constructor(private readonly backends: Backend[]) {
    this.connections = backends.map(() => 0);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const server = net.createServer((client) => this.accept(client));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as net.AddressInfo).port;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }

  private accept(client: net.Socket): void {
    this.track(client);
    client.pause();
    this.connectTo(0, client);
  }

  private connectTo(index: number, client: net.Socket): void {
    const backend = this.backends[index];
    if (!backend || client.destroyed) {
      client.destroy();
      return;
    }
    const upstream = net.connect(backend.port, backend.host);
    const tryNext = () => this.connectTo(index + 1, client);
    upstream.once('error', tryNext);
    upstream.once('connect', () => {
      upstream.off('error', tryNext);
      this.track(upstream);
      if (client.destroyed) return void upstream.destroy();
      this.connections[index] += 1;
      // Either side closing or failing ends the pair: the client learns at once that its server is gone.
      upstream.on('close', () => client.destroy());
      client.on('close', () => upstream.destroy());
      client.pipe(upstream).pipe(client);
      client.resume();
    });
  }

  private track(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
  }
}
