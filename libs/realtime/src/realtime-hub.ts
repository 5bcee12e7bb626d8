import { Injectable } from '@nestjs/common';
import type { Namespace, Socket } from 'socket.io';
import { ClusterAdapter } from 'socket.io-adapter';
import { sendSuperseding } from './superseding-send';
import type { ClientToServerEvents, ServerEventName, ServerEventPayload, ServerToClientEvents } from '@balai/contracts';

export type LiveNamespace = Namespace<ClientToServerEvents, ServerToClientEvents>;
/** Who is behind a socket (one person may have several: two tabs, a phone and a laptop). */
export type PersonOf = (socket: Socket) => string | undefined;

/**
 * Typed emitter for the `/live` namespace. The gateway attaches the namespace at start; services
 * call `send(room, event, payload)` after their transaction committed. With REDIS_URL the adapter
 * forwards the message to the room's sockets on every process. Before attach (or after close) a
 * send is dropped: nobody can be connected then.
 */
@Injectable()
export class RealtimeHub {
  private namespace: LiveNamespace | null = null;
  private readonly peerHandlers: [string, (payload: unknown) => void][] = [];
  private personOf: PersonOf = (socket) => socket.id;

  /** `personOf` tells who is behind a socket, for `countPeople` (by default each socket is someone). */
  attach(namespace: LiveNamespace, personOf?: PersonOf): void {
    this.namespace = namespace;
    if (personOf) this.personOf = personOf;
    for (const [event, handler] of this.peerHandlers) namespace.on(event, handler);
    // Other processes ask for the people of a room on this process (see countPeople()).
    namespace.on(ROOM_PEOPLE, (room: unknown, ack: unknown) => {
      if (typeof ack === 'function') ack(typeof room === 'string' ? this.localPeople(room) : 0);
    });
  }

  get attached(): LiveNamespace | null {
    return this.namespace;
  }

  send<E extends ServerEventName>(rooms: string | string[], event: E, payload: ServerEventPayload<E>): void {
    if (!this.namespace) return;
    const target = this.namespace.to(rooms);
    (target.emit as (event: string, payload: unknown) => boolean)(event, payload);
  }

  /**
   * To the room's sockets on this process only (each process delivers to its own; see CountCoalescer),
   * for messages a later one supersedes (counts): cheaper per socket, not replayed by connection state
   * recovery (see superseding-send.ts).
   */
  sendLocalSuperseding<E extends ServerEventName>(room: string, event: E, payload: ServerEventPayload<E>): void {
    const sockets = this.namespace?.adapter.rooms.get(room);
    if (this.namespace && sockets) sendSuperseding(this.namespace as unknown as Namespace, sockets, event, payload);
  }

  /** Sockets of a room on this process. */
  localRoomSize(room: string): number {
    return this.namespace?.adapter.rooms.get(room)?.size ?? 0;
  }

  /** Sockets connected to this process (the namespace's share here). */
  get localSockets(): number {
    return this.namespace?.sockets.size ?? 0;
  }

  /**
   * A server-to-server message to every other process (nothing without a cluster adapter). Published
   * whether or not another process is listening: counting them first would cost a Redis round trip
   * per message.
   */
  tellPeers(event: string, payload: unknown): void {
    const namespace = this.namespace;
    if (namespace?.adapter instanceof ClusterAdapter) namespace.serverSideEmit(event, payload);
  }

  /** Handles `tellPeers` messages from other processes. */
  onPeerMessage(event: string, handler: (payload: unknown) => void): void {
    this.peerHandlers.push([event, handler]);
    this.namespace?.on(event, handler);
  }

  /** To `room` except the sockets that are also in `except` (they get their own version). */
  sendExcept<E extends ServerEventName>(room: string, except: string, event: E, payload: ServerEventPayload<E>): void {
    if (!this.namespace) return;
    const target = this.namespace.to(room).except(except);
    (target.emit as (event: string, payload: unknown) => boolean)(event, payload);
  }

  /**
   * The people connected in a room on every process: a person with several sockets there counts once
   * per process. Locally from the adapter's room map; with a cluster adapter each other process answers
   * a server-side `balai:room-size` with its own number of people (not the sockets or people themselves, as
   * `fetchSockets()` would send: one person on two processes at once counts twice).
   */
  async countPeople(room: string): Promise<number> {
    const namespace = this.namespace;
    if (!namespace) return 0;
    const local = this.localPeople(room);
    if ((await namespace.adapter.serverCount()) <= 1) return local;
    const others: unknown[] = await namespace.serverSideEmitWithAck(ROOM_PEOPLE, room);
    return others.reduce<number>((sum, people) => sum + (typeof people === 'number' ? people : 0), local);
  }

  private localPeople(room: string): number {
    const namespace = this.namespace;
    const socketIds = namespace?.adapter.rooms.get(room);
    if (!namespace || !socketIds) return 0;
    const people = new Set<string>();
    for (const id of socketIds) {
      const socket = namespace.sockets.get(id);
      const person = socket && this.personOf(socket as unknown as Socket);
      if (person !== undefined) people.add(person);
    }
    return people.size;
  }
}

/**
 * Named when it counted sockets; kept so that during a rolling upgrade processes of both versions
 * still answer each other (an older one answers with its sockets).
 */
const ROOM_PEOPLE = 'balai:room-size';
