import { createConnection, createServer, Server, Socket } from 'node:net';
import { freePort } from './free-port';

/**
 * A local service (Redis, PostgreSQL) behind a TCP proxy that a test can cut and restore on the same
 * port, as if the service crashed and came back. `accepted` counts the connections made through it.
 */
export class TcpProxy {
  accepted = 0;
  private server: Server | null = null;
  private readonly links = new Set<Socket>();

  private constructor(
    readonly port: number,
    private readonly targetPort: number,
  ) {}

  static async start(targetPort: number): Promise<TcpProxy> {
    const proxy = new TcpProxy(await freePort(), targetPort);
    await proxy.restore();
    return proxy;
  }

  /** `url` (redis://…, postgres://…) with its port replaced by the proxy's. */
  through(url: string): string {
    const proxied = new URL(url);
    proxied.port = String(this.port);
    return proxied.toString();
  }

  /** Listens again, on the same port. */
  async restore(): Promise<void> {
    const server = createServer((client) => {
      this.accepted++;
      const target = createConnection(this.targetPort, '127.0.0.1');
      for (const socket of [client, target]) {
        this.links.add(socket);
        socket.on('error', () => socket.destroy());
        socket.on('close', () => this.links.delete(socket));
      }
      client.pipe(target).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.server = server;
  }

  /** Stops listening and drops every connection. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const socket of this.links) socket.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
