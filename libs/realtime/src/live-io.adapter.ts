import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { MessageMappingProperties } from '@nestjs/websockets';
import type { IncomingMessage } from 'node:http';
import type Redis from 'ioredis';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { isObservable, type Observable } from 'rxjs';
import type { Server, ServerOptions, Socket } from 'socket.io';
import { AppConfig } from '@balai/config';
import { closeRedisClient, createRedisClient } from '@balai/redis';
import { ValidationError } from '@balai/errors';
import { findHostileValue } from '@balai/http';
import { toErrorAck } from './ack';
import { EventRate } from './event-rate';
import { MAX_MESSAGE_BYTES, MAX_TRANSPORT_MESSAGE_BYTES, measureMessages, messageTooLarge } from './message-size';

/**
 * Only browsers send Origin. Without ALLOWED_ORIGINS a handshake must come from the server's own
 * origin (same host); a request without Origin (a Node client, a load tester) is let in.
 */
export function originAllowed(origin: string | undefined, host: string | undefined, allowed: string[]): boolean {
  if (!origin) return true;
  if (allowed.length > 0) return allowed.includes(origin.replace(/\/$/, ''));
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * The Socket.IO server on the HTTP server's port, with the contract's limits and, with REDIS_URL,
 * the Redis streams adapter (see docs/ARCHITECTURE-LIVE.md for why streams and not pub/sub).
 */
export class LiveIoAdapter extends IoAdapter {
  private readonly logger = new Logger('Socket.IO');
  private readonly redisClients: Redis[] = [];

  constructor(
    app: INestApplicationContext,
    private readonly config: AppConfig,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const allowed = this.config.allowedOrigins;
    const server: Server = super.createIOServer(port, {
      ...options,
      maxHttpBufferSize: MAX_TRANSPORT_MESSAGE_BYTES,
      serveClient: false,
      cors: { origin: allowed.length > 0 ? allowed : false, credentials: false },
      allowRequest: (request: IncomingMessage, callback: (error: string | null | undefined, success: boolean) => void) => {
        const origin = request.headers.origin;
        callback(null, originAllowed(typeof origin === 'string' ? origin : undefined, request.headers.host, allowed));
      },
      connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000, skipMiddlewares: true },
    } as ServerOptions);
    measureMessages(server);
    if (this.config.redisUrl) {
      const client = createRedisClient(this.config.redisUrl, 'socket.io', { maxRetriesPerRequest: null });
      this.catchUnawaitedWrites(client);
      this.redisClients.push(client);
      server.adapter(createAdapter(client, { streamName: 'balai:socket.io', blockTimeInMs: 500, maxLen: 10_000 }));
      this.logger.log('Socket.IO uses the Redis streams adapter');
    }
    return server;
  }

  /**
   * The streams adapter never awaits two of its writes: PUBLISH of its ephemeral messages, and the SET
   * that keeps a disconnected socket's session for connection state recovery. One queued while Redis is
   * away, or sent as the process shuts down (sockets disconnect while the client quits), rejects with
   * "Connection is closed", an unhandled rejection. A handler on each of those promises keeps it a
   * logged warning.
   */
  private catchUnawaitedWrites(client: Redis): void {
    type Command = (...args: unknown[]) => Promise<unknown>;
    const commands = client as unknown as Record<'publish' | 'set', Command>;
    for (const name of ['publish', 'set'] as const) {
      const send = commands[name].bind(client);
      commands[name] = (...args: unknown[]) => {
        const sent = send(...args);
        sent.catch((error: Error) => this.logger.warn(`Socket.IO adapter ${name.toUpperCase()} failed: ${error.message}`));
        return sent;
      };
    }
  }

  /**
   * Every socket refuses, with an error ack (when the client asked for one), for every event, before
   * any handler or validator sees it: an event over its rate (`EventRate`: LIVE_EVENTS_PER_SECOND; a
   * socket that keeps flooding is disconnected), and, staying connected, a message over 16 KB and a
   * hostile payload (nested too deep, a NUL character, a lone surrogate, a prototype key: `findHostileValue`).
   */
  override bindClientConnect(server: Server, callback: (socket: Socket) => void): void {
    const { liveEventsPerSecond, liveFloodDisconnectAfter } = this.config.limits;
    server.on('connection', (socket: Socket) => {
      const rate = new EventRate(liveEventsPerSecond, liveFloodDisconnectAfter);
      socket.use((packet, next) => {
        const ack = packet[packet.length - 1];
        const refuse = (response: unknown) => {
          if (typeof ack === 'function') (ack as (response: unknown) => void)(response);
        };
        const verdict = rate.take();
        if (verdict !== 'pass') {
          refuse({
            ok: false,
            error: { code: 'rate_limited', message: `At most ${liveEventsPerSecond} events a second: slow down`, detail: 'socket_rate' },
          });
          if (verdict === 'disconnect') {
            this.logger.warn('A /live connection kept flooding past its event rate: disconnected');
            socket.disconnect(true);
          }
          return;
        }
        if (messageTooLarge(socket)) {
          return refuse({
            ok: false,
            error: { code: 'validation', message: `A message may be at most ${MAX_MESSAGE_BYTES / 1024} KB`, detail: 'payload_too_large' },
          });
        }
        const args = typeof ack === 'function' ? packet.slice(1, -1) : packet.slice(1);
        const hostile = findHostileValue(args.length === 1 ? args[0] : args, 'payload');
        if (hostile) return refuse(toErrorAck(new ValidationError([hostile])).ack);
        next();
      });
      callback(socket);
    });
  }

  /**
   * Nest's IoAdapter builds an RxJS pipeline per handler and per socket (fromEvent, mergeMap,
   * takeUntil): kilobytes per connection and a few observables per message. A hall holds thousands
   * of sockets, so each handler here is a plain listener that acks what the handler returns. Nest's
   * handler (`callback`) still runs the gateway's filters and pipes.
   */
  override bindMessageHandlers(
    socket: Socket,
    handlers: MessageMappingProperties[],
    transform: (data: unknown) => Observable<unknown>,
  ): void {
    for (const { message, callback, isAckHandledManually } of handlers) {
      socket.on(message as string, (...args: unknown[]) => {
        const ack = typeof args[args.length - 1] === 'function' ? (args.pop() as (response: unknown) => void) : undefined;
        const data = args.length <= 1 ? args[0] : args;
        const respond = (response: unknown) => {
          if (response === null || response === undefined) return;
          const event = (response as { event?: unknown }).event;
          if (typeof event === 'string') return void socket.emit(event, (response as { data?: unknown }).data);
          if (!isAckHandledManually && ack) ack(response);
        };
        Promise.resolve(callback(data, ack))
          .then((result: unknown) => (isObservable(result) ? void transform(result).subscribe(respond) : respond(result)))
          .catch((error: unknown) => this.logger.error({ err: error, event: message }, 'Socket.IO handler failed outside its filter'));
      });
    }
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    await Promise.all(this.redisClients.splice(0).map(closeRedisClient));
  }
}
