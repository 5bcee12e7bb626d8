import { Injectable } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import type { ClientToServerEvents, ServerEventName, ServerEventPayload, ServerToClientEvents } from '@balai/contracts';

export type LiveNamespace = Namespace<ClientToServerEvents, ServerToClientEvents>;

/**
 * Typed emitter for the `/live` namespace. The gateway attaches the namespace at start; services
 * call `send(room, event, payload)` after their transaction committed. With REDIS_URL the adapter
 * forwards the message to the room's sockets on every process. Before attach (or after close) a
 * send is dropped: nobody can be connected then.
 */
@Injectable()
export class RealtimeHub {
  private namespace: LiveNamespace | null = null;

  attach(namespace: LiveNamespace): void {
    this.namespace = namespace;
  }

  get attached(): LiveNamespace | null {
    return this.namespace;
  }

  send<E extends ServerEventName>(rooms: string | string[], event: E, payload: ServerEventPayload<E>): void {
    if (!this.namespace) return;
    const target = this.namespace.to(rooms);
    (target.emit as (event: string, payload: unknown) => boolean)(event, payload);
  }

  /** To `room` except the sockets that are also in `except` (they get their own version). */
  sendExcept<E extends ServerEventName>(room: string, except: string, event: E, payload: ServerEventPayload<E>): void {
    if (!this.namespace) return;
    const target = this.namespace.to(room).except(except);
    (target.emit as (event: string, payload: unknown) => boolean)(event, payload);
  }

  /** Connected sockets in a room, across processes (the adapter asks the others; may take up to its timeout). */
  async count(room: string): Promise<number> {
    if (!this.namespace) return 0;
    const sockets = await this.namespace.in(room).fetchSockets();
    return sockets.length;
  }
}
