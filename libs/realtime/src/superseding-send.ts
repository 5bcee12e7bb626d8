import type { Namespace } from 'socket.io';
import { Encoder, PacketType } from 'socket.io-parser';
import WebSocket from 'ws';

/** Engine.IO's "message" packet type, which carries every Socket.IO packet. */
const ENGINE_MESSAGE = '4';
/** A socket with this much unsent data is slow: it gets its messages through Engine.IO's queue instead. */
const SLOW_SOCKET_BYTES = 64 * 1024;

const encoder = new Encoder();

interface FrameOptions {
  readOnly: boolean;
  mask: boolean;
  rsv1: boolean;
  opcode: number;
  fin: boolean;
}
/** ws's frame builder (public since ws 2, missing from @types/ws); Socket.IO's adapter uses it the same way. */
const { Sender } = WebSocket as unknown as { Sender: { frame(data: Buffer, options: FrameOptions): Buffer[] } };

/** The parts of Engine.IO's connection this send relies on (engine.io 6, ws 8). */
interface EngineConnection {
  readyState: string;
  writeBuffer: unknown[];
  transport: {
    name: string;
    perMessageDeflate?: unknown;
    socket?: { _sender?: { sendFrame?: (frame: Buffer[], cb?: (error?: Error) => void) => void }; _socket?: { writableLength: number } };
  };
}

/** Per event, how many sockets got the prebuilt frame and how many a regular emit (tests). */
export const supersedingSendStats = new Map<string, { framed: number; emitted: number }>();

function statsOf(event: string): { framed: number; emitted: number } {
  let stats = supersedingSendStats.get(event);
  if (!stats) supersedingSendStats.set(event, (stats = { framed: 0, emitted: 0 }));
  return stats;
}

/**
 * Sends one event to many sockets with a single WebSocket frame built once, written straight to each
 * socket: Socket.IO's broadcast builds the frame once too, but then runs Engine.IO's per-socket packet
 * queue, events and write callbacks, a quarter of a delivery's CPU when a hall of 5,000 gets counts
 * several times a second (docs/ARCHITECTURE-LIVE.md).
 *
 * Only for messages a later one supersedes (counts): a socket on a transport other than WebSocket,
 * with packets waiting in Engine.IO's queue (the frame would overtake them), with compression, or
 * with a backlog, gets a regular `emit` instead; and these frames are not kept for connection state
 * recovery (a recovered client sends `session:join` again, which carries every count).
 */
export function sendSuperseding(namespace: Namespace, socketIds: Iterable<string>, event: string, payload: unknown): void {
  let frame: Buffer[] | null = null;
  const stats = statsOf(event);
  for (const id of socketIds) {
    const socket = namespace.sockets.get(id);
    if (!socket) continue;
    const conn = socket.conn as unknown as EngineConnection;
    const transport = conn.transport;
    const sender = transport.socket?._sender;
    const backlog = transport.socket?._socket?.writableLength ?? Infinity;
    if (
      conn.readyState !== 'open' ||
      transport.name !== 'websocket' ||
      transport.perMessageDeflate ||
      conn.writeBuffer.length > 0 ||
      backlog > SLOW_SOCKET_BYTES ||
      typeof sender?.sendFrame !== 'function'
    ) {
      (socket.emit as (event: string, payload: unknown) => boolean)(event, payload);
      stats.emitted++;
      continue;
    }
    frame ??= buildFrame(namespace.name, event, payload);
    sender.sendFrame(frame);
    stats.framed++;
  }
}

/**
 * The frame Socket.IO itself would send for this event (text frame, Engine.IO message, Socket.IO
 * event packet), header and payload in one buffer: one plain write per socket instead of a corked
 * pair of writes (a tenth less CPU per delivery, `npm run bench:delivery`).
 */
function buildFrame(namespace: string, event: string, payload: unknown): Buffer[] {
  const [packet] = encoder.encode({ type: PacketType.EVENT, nsp: namespace, data: [event, payload] }) as [string];
  const parts = Sender.frame(Buffer.from(ENGINE_MESSAGE + packet), { readOnly: false, mask: false, rsv1: false, opcode: 1, fin: true });
  return [Buffer.concat(parts)];
}
