import { createConnection, createServer, Server, Socket } from 'node:net';
import { freePort } from './server-process';

/**
 * The test Redis behind a TCP proxy that a test can cut and restore on the same port, as if Redis
 * crashed and came back. `accepted` counts the connections made through it.
 */
export class RedisProxy {
  accepted = 0;
  private server: Server | null = null;
  private readonly links = new Set<Socket>();

  private constructor(readonly port: number) {}

  static async start(): Promise<RedisProxy> {
    const proxy = new RedisProxy(await freePort());
    await proxy.restore();
    return proxy;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Listens again, on the same port. */
  async restore(): Promise<void> {
    const server = createServer((client) => {
      this.accepted++;
      const redis = createConnection(6379, '127.0.0.1');
      for (const socket of [client, redis]) {
        this.links.add(socket);
        socket.on('error', () => socket.destroy());
        socket.on('close', () => this.links.delete(socket));
      }
      client.pipe(redis).pipe(client);
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
