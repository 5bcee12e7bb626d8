import { randomBytes } from 'node:crypto';
import { connect, Socket } from 'node:net';

/** Every client of a load process reads into this one buffer, and is done with it before the next read. */
const READ_BUFFER = Buffer.allocUnsafe(256 * 1024);

/**
 * A minimal Socket.IO v5 / Engine.IO v4 client speaking WebSocket straight over a TCP socket
 * (websocket transport only). A load process holds thousands, and on this 2-core machine it competes
 * with the servers under test for CPU, so it costs as little as it can: every read lands in one shared
 * buffer (no allocation per read), frames are cut out of it in place, broadcasts are only counted by
 * their first bytes and never decoded, and the audience reads its counts in rounds (`readsInRounds`,
 * below). Only what the benchmark needs: the upgrade, namespace connect with auth, events with acks,
 * ping replies; no fragmented or compressed messages (the servers send neither).
 */
export class RawLiveClient {
  /** Reading in rounds: set while nothing is awaited. */
  private quiet = false;
  private socket?: Socket;
  private upgraded = false;
  /** Bytes of a frame (or of the upgrade response) that has not fully arrived yet. */
  private partial: Buffer | null = null;
  private nextAckId = 0;
  private readonly pending = new Map<number, (payload: unknown) => void>();
  private readonly prefixAck: string;
  private readonly eventPrefix: Buffer;
  private onHandshake: ((error: Error | null) => void) | null = null;
  connected = false;
  broadcasts = 0;
  closed = false;

  constructor(
    private readonly origin: string,
    private readonly namespace: string,
    private readonly token: string,
    /** Read count messages in rounds instead of as they come (the audience of the live benchmark). */
    private readonly readsInRounds = false,
  ) {
    this.prefixAck = `43${namespace},`;
    this.eventPrefix = Buffer.from(`42${namespace},`);
  }

  /** Opens the socket and connects the namespace; resolves with the handshake time in ms. */
  connect(timeoutMs = 30_000): Promise<number> {
    const started = performance.now();
    const url = new URL(this.origin);
    return new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => settle(new Error('handshake timeout')), timeoutMs);
      const settle = (error: Error | null): void => {
        if (!this.onHandshake) return;
        this.onHandshake = null;
        clearTimeout(timer);
        if (error) {
          this.socket?.destroy();
          reject(error);
        } else resolve(performance.now() - started);
      };
      this.onHandshake = settle;
      const socket = connect({
        host: url.hostname,
        port: Number(url.port),
        noDelay: true,
        onread: { buffer: READ_BUFFER, callback: (length: number, buffer: Uint8Array) => this.read(buffer as Buffer, length) },
      });
      this.socket = socket;
      socket.on('connect', () =>
        socket.write(
          `GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: ${url.host}\r\nUpgrade: websocket\r\n` +
            `Connection: Upgrade\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n` +
            `Sec-WebSocket-Version: 13\r\nOrigin: ${this.origin}\r\n\r\n`,
        ),
      );
      socket.on('error', (error) => settle(error));
      socket.on('close', () => {
        this.connected = false;
        this.closed = true;
        for (const callback of this.pending.values()) callback({ ok: false, error: { code: 'closed', message: 'socket closed' } });
        this.pending.clear();
        settle(new Error('closed during handshake'));
      });
    });
  }

  /** Emits an event with an acknowledgement; resolves with the ack payload. */
  emit<T = unknown>(event: string, payload: unknown, timeoutMs = 30_000): Promise<T> {
    if (!this.socket || !this.connected) return Promise.reject(new Error('not connected'));
    const id = this.nextAckId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`ack timeout for ${event}`));
      }, timeoutMs);
      this.pending.set(id, (value) => {
        clearTimeout(timer);
        resolve(value as T);
      });
      this.readNow(); // the ack is measured: read as things come until it is here
      this.sendText(`42${this.namespace},${id}${JSON.stringify([event, payload])}`);
    });
  }

  close(): void {
    quietReading.remove(this);
    if (!this.socket || this.closed) return;
    this.socket.resume();
    this.socket.end(Buffer.from([0x88, 0x80, 0, 0, 0, 0])); // a masked close frame without a body
  }

  /** Reads whatever arrives, until `quietDown`. */
  readNow(): void {
    if (!this.quiet) return;
    this.quiet = false;
    this.socket?.resume();
  }

  /** Back to reading in rounds, unless an ack is still awaited. */
  quietDown(): void {
    if (this.quiet || !this.readsInRounds || this.pending.size > 0 || !this.connected) return;
    this.quiet = true;
    this.socket?.pause(); // with `onread`, a real stop: the socket leaves the event loop's poll set
  }

  /** A read landed in the shared buffer: used up here, before the next read overwrites it. */
  private read(buffer: Buffer, length: number): boolean {
    this.cut(buffer.subarray(0, length));
    return true; // keep reading (pausing is quietDown's business)
  }

  /** Cuts the complete frames out of what arrived; keeps a copy of the rest for the next read. */
  private cut(chunk: Buffer): void {
    const data = this.partial ? Buffer.concat([this.partial, chunk]) : chunk;
    this.partial = null;
    let offset = 0;
    if (!this.upgraded) {
      const end = data.indexOf('\r\n\r\n');
      if (end < 0) {
        this.partial = Buffer.from(data);
        return;
      }
      if (!data.toString('latin1', 0, 12).startsWith('HTTP/1.1 101')) {
        this.onHandshake?.(new Error(`upgrade refused: ${data.toString('latin1', 0, data.indexOf('\r\n'))}`));
        return;
      }
      this.upgraded = true;
      offset = end + 4;
    }
    while (data.length - offset >= 2) {
      const opcode = data[offset]! & 0x0f;
      let length = data[offset + 1]! & 0x7f;
      let header = 2;
      if (length === 126) {
        if (data.length - offset < 4) break;
        length = data.readUInt16BE(offset + 2);
        header = 4;
      } else if (length === 127) {
        if (data.length - offset < 10) break;
        length = Number(data.readBigUInt64BE(offset + 2));
        header = 10;
      }
      if (data.length - offset < header + length) break;
      const start = offset + header;
      offset = start + length;
      if (opcode === 1) this.onText(data, start, offset);
      else if (opcode === 8) this.socket?.destroy();
      else if (opcode === 9) this.sendFrame(0x8a, data.subarray(start, offset));
    }
    if (offset < data.length) this.partial = Buffer.from(data.subarray(offset));
  }

  private onText(data: Buffer, start: number, end: number): void {
    // Broadcasts are only counted: recognised by their first bytes, never decoded.
    const prefix = this.eventPrefix;
    if (end - start > prefix.length && data.compare(prefix, 0, prefix.length, start, start + prefix.length) === 0) {
      this.broadcasts++;
      return;
    }
    const type = data[start];
    if (type === 50 /* '2' ping */) {
      this.sendText('3');
      return;
    }
    if (type === 48 /* '0' open */) {
      this.sendText(`40${this.namespace},${JSON.stringify({ token: this.token })}`);
      return;
    }
    if (type !== 52 /* '4' message */) return;
    const text = data.toString('utf8', start, end);
    if (text.startsWith(this.prefixAck)) {
      const rest = text.slice(this.prefixAck.length);
      const bracket = rest.indexOf('[');
      const id = Number(rest.slice(0, bracket));
      const callback = this.pending.get(id);
      if (callback) {
        this.pending.delete(id);
        const args = JSON.parse(rest.slice(bracket)) as unknown[];
        callback(args[0]);
        this.quietDown();
      }
      return;
    }
    if (text.startsWith(`40${this.namespace}`)) {
      this.connected = true;
      this.onHandshake?.(null);
      if (this.readsInRounds) quietReading.add(this);
      return;
    }
    if (text.startsWith(`44${this.namespace}`)) this.onHandshake?.(new Error(`connect_error ${text.slice(`44${this.namespace},`.length)}`));
  }

  private sendText(text: string): void {
    this.sendFrame(0x81, Buffer.from(text));
  }

  /** A client frame must be masked; a zero mask leaves the payload as it is (the server accepts any key). */
  private sendFrame(first: number, payload: Buffer): void {
    const length = payload.length;
    const header = length < 126 ? 6 : length < 65_536 ? 8 : 14;
    const frame = Buffer.alloc(header + length);
    frame[0] = first;
    if (length < 126) frame[1] = 0x80 | length;
    else if (length < 65_536) {
      frame[1] = 0x80 | 126;
      frame.writeUInt16BE(length, 2);
    } else {
      frame[1] = 0x80 | 127;
      frame.writeBigUInt64BE(BigInt(length), 2);
    }
    payload.copy(frame, header);
    this.socket?.write(frame);
  }
}

/**
 * The audience reads its count messages in rounds: a tenth of the clients every 100 ms, so each
 * client once a second, draining what arrived meanwhile in one read. Read as they come, 5,000
 * sockets cost a load process a wake-up and a read per message, as much CPU as the server under test
 * on the same 2-core machine. The server's work is the same either way (one write per socket and
 * message, into a socket buffer that has room); a client awaiting an ack reads at once, so ack
 * latencies are measured as before, and the watchers that measure fan-out (watcher.ts) read
 * everything as it comes.
 */
const ROUND_MS = 100;
const ROUNDS_PER_CYCLE = 10;
const quietReading = {
  clients: [] as RawLiveClient[],
  next: 0,
  timer: null as NodeJS.Timeout | null,
  add(client: RawLiveClient): void {
    this.clients.push(client);
    client.quietDown();
    this.timer ??= setInterval(() => this.round(), ROUND_MS).unref();
  },
  remove(client: RawLiveClient): void {
    const index = this.clients.indexOf(client);
    if (index >= 0) this.clients.splice(index, 1);
  },
  round(): void {
    const batch: RawLiveClient[] = [];
    const size = Math.ceil(this.clients.length / ROUNDS_PER_CYCLE);
    for (let i = 0; i < size && this.clients.length > 0; i++) batch.push(this.clients[this.next++ % this.clients.length]!);
    for (const client of batch) client.readNow();
    // Resumed now, read in this turn of the event loop's poll phase, paused again right after it.
    setImmediate(() => {
      for (const client of batch) client.quietDown();
    });
  },
};
