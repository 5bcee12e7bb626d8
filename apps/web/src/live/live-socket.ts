import { io, Socket } from 'socket.io-client';
import type { Ack, ClientToServerEvents, ServerToClientEvents } from '@balai/contracts';

/** A socket of the `/live` namespace, typed by the contract's event maps. */
export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export type LiveClientEvent = keyof ClientToServerEvents;
/** What a client event sends. */
export type LivePayload<E extends LiveClientEvent> = Parameters<ClientToServerEvents[E]>[0];
/** The `Ack<T>` the server answers a client event with. */
export type LiveAck<E extends LiveClientEvent> = Parameters<Parameters<ClientToServerEvents[E]>[1]>[0];

/** How long an event waits for its acknowledgement before it counts as `unavailable`. */
export const ACK_TIMEOUT_MS = 10_000;

/**
 * Opens the `/live` namespace with the token in the handshake (never the query string). WebSocket
 * first; long-polling when a hall's network refuses WebSockets.
 */
export function connectLive(token: string, origin: string = window.location.origin): LiveSocket {
  return io(`${origin}/live`, {
    auth: { token },
    transports: ['websocket', 'polling'],
    // Its own connection, whatever other sockets the page opened.
    forceNew: true,
    // A hall reconnects together after a Wi-Fi drop: spread the attempts, retry within 5 s at most.
    reconnectionDelay: 1_000,
    reconnectionDelayMax: 5_000,
    randomizationFactor: 0.5,
  });
}

/** An acknowledgement that never came: the same answer the server gives when it cannot serve. */
export function unavailable<T>(message = 'No answer from the server'): Ack<T> {
  return { ok: false, error: { code: 'unavailable', message } };
}

/**
 * Sends a client event and resolves to the server's `Ack<T>`; no answer within `timeoutMs` (or a
 * socket that cannot send) resolves to `{ok:false, error:{code:'unavailable'}}`, never a rejection.
 * An event sent while disconnected waits in the socket's buffer and goes out on reconnection,
 * unless the timeout comes first (then it is dropped from the buffer).
 */
export function emitWithAck<E extends LiveClientEvent>(
  socket: LiveSocket,
  event: E,
  payload: LivePayload<E>,
  timeoutMs: number = ACK_TIMEOUT_MS,
): Promise<LiveAck<E>> {
  return new Promise((resolve) => {
    // The contract types each event's ack; timeout() adds the error argument socket.io's types cannot pair with it.
    const emitter = socket.timeout(timeoutMs) as unknown as {
      emit(event: string, payload: unknown, ack: (error: Error | null, response: LiveAck<E>) => void): void;
    };
    try {
      emitter.emit(event, payload, (error, response) => {
        if (error || !response || typeof response !== 'object') resolve(unavailable() as LiveAck<E>);
        else resolve(response);
      });
    } catch {
      resolve(unavailable('The event could not be sent') as LiveAck<E>);
    }
  });
}
