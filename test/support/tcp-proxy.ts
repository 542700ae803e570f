import net from 'node:net';

interface ProxiedConnection {
  client: net.Socket;
  upstream: net.Socket;
}

/** A TCP proxy the test can cut and restore, to take a real dependency away from the server. */
export class TcpProxy {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  private readonly connections = new Set<ProxiedConnection>();
  /** Stalling: new connections are accepted but nothing reaches the target, as behind a dead route. */
  private stalling = false;
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(): Promise<void> {
    this.server = net.createServer((client) => {
      this.track(client);
      if (this.stalling) {
        client.pause();
        return;
      }
      const upstream = net.connect(this.targetPort, this.targetHost);
      this.track(upstream);
      const connection = { client, upstream };
      this.connections.add(connection);
      client.on('close', () => this.connections.delete(connection));
      client.pipe(upstream).pipe(client);
    });
    const server = this.server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as net.AddressInfo).port;
  }

  /** Drops every open connection and refuses new ones. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }

  /**
   * Stops carrying bytes either way on the open connections, without closing them: to the server the peer simply goes
   * silent (no FIN, no RST), as when a laptop lid closes or a mobile network drops.
   */
  freeze(): void {
    for (const socket of this.sockets) socket.unpipe().pause();
  }

  /** Freezes the open connections and, until restore(), accepts new ones without ever reaching the target. */
  stall(): void {
    this.stalling = true;
    this.freeze();
  }

  /**
   * On the open connections, keeps carrying what the client sends but drops every reply on the floor: the target
   * acts on a request whose answer never arrives, as when a network fails right after a request went out.
   */
  deafen(): void {
    for (const { client, upstream } of this.connections) {
      upstream.unpipe(client);
      upstream.resume();
    }
  }

  /** Carries new connections again (after cut or stall); connections already frozen or deafened stay so. */
  async restore(): Promise<void> {
    this.stalling = false;
    if (!this.server) await this.start();
  }

  private track(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
  }
}
