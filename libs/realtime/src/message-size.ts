import type { Server, Socket } from 'socket.io';

/** Socket.IO message limit (contract: 16 KB): a larger message is refused with an error ack. */
export const MAX_MESSAGE_BYTES = 16 * 1024;

/**
 * What the transport (engine.io's `maxHttpBufferSize`, the WebSocket's `maxPayload`) accepts before it
 * closes the connection, from the frame's length header, before reading or decoding the frame: twice
 * the contract's limit, so that a message a little over 16 KB gets an error ack, and a 1 MB one (60 of
 * which used to stall the event loop for 500 ms while they were decoded and validated) costs nothing.
 */
export const MAX_TRANSPORT_MESSAGE_BYTES = 2 * MAX_MESSAGE_BYTES;

const lastMessageBytes = new WeakMap<object, number>();

/**
 * Records the size of every message each connection receives. Socket.IO decodes a message and runs
 * the socket's middlewares in the same tick as the transport's `packet` event, so a middleware can
 * read the size of the message it is looking at (`messageTooLarge`).
 */
export function measureMessages(server: Server): void {
  server.engine.on(
    'connection',
    (connection: { on(event: 'packet', listener: (packet: { type: string; data?: unknown }) => void): void }) => {
      connection.on('packet', (packet) => {
        if (packet.type !== 'message') return;
        const data = packet.data;
        const bytes = typeof data === 'string' ? (data.length * 3 <= MAX_MESSAGE_BYTES ? data.length : Buffer.byteLength(data)) : 0;
        lastMessageBytes.set(connection, bytes);
      });
    },
  );
}

/** Whether the message being dispatched on `socket` is over the contract's 16 KB. */
export function messageTooLarge(socket: Socket): boolean {
  return (lastMessageBytes.get(socket.conn) ?? 0) > MAX_MESSAGE_BYTES;
}
