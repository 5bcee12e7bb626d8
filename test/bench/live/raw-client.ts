import WebSocket from 'ws';

/**
 * A minimal Socket.IO v5 / Engine.IO v4 client over one raw WebSocket (websocket transport only).
 * It costs a fraction of a `socket.io-client` instance, so one load process can hold thousands.
 * Only what the benchmark needs: namespace connect with auth, events with acks, ping replies;
 * broadcasts are counted by prefix and never parsed.
 */
export class RawLiveClient {
  private ws?: WebSocket;
  private nextAckId = 0;
  private readonly pending = new Map<number, (payload: unknown) => void>();
  private readonly prefixAck: string;
  private readonly eventPrefix: Buffer;
  connected = false;
  broadcasts = 0;
  closed = false;

  constructor(
    private readonly origin: string,
    private readonly namespace: string,
    private readonly token: string,
  ) {
    this.prefixAck = `43${namespace},`;
    this.eventPrefix = Buffer.from(`42${namespace},`);
  }

  /** Opens the socket and connects the namespace; resolves with the handshake time in ms. */
  connect(timeoutMs = 30_000): Promise<number> {
    const started = performance.now();
    const url = `${this.origin.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
    return new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => fail(new Error('handshake timeout')), timeoutMs);
      let settled = false;
      const fail = (error: Error): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.ws?.terminate();
        reject(error);
      };
      // No UTF-8 validation: the load processes receive tens of thousands of count messages a second.
      const ws = new WebSocket(url, { perMessageDeflate: false, skipUTF8Validation: true, headers: { origin: this.origin } });
      this.ws = ws;
      ws.on('error', (error) => fail(error));
      ws.on('close', () => {
        this.connected = false;
        this.closed = true;
        for (const callback of this.pending.values()) callback({ ok: false, error: { code: 'closed', message: 'socket closed' } });
        this.pending.clear();
        fail(new Error('closed during handshake'));
      });
      ws.on('message', (raw: Buffer) => {
        // Broadcasts are only counted: recognised by their first bytes, never decoded.
        if (
          raw.length > this.eventPrefix.length &&
          raw.compare(this.eventPrefix, 0, this.eventPrefix.length, 0, this.eventPrefix.length) === 0
        ) {
          this.broadcasts++;
          return;
        }
        const text = raw.toString();
        const type = text.charCodeAt(0);
        if (type === 50 /* '2' ping */) {
          ws.send('3');
          return;
        }
        if (type === 48 /* '0' open */) {
          ws.send(`40${this.namespace},${JSON.stringify({ token: this.token })}`);
          return;
        }
        if (type !== 52 /* '4' message */) return;
        if (text.startsWith(this.prefixAck)) {
          const rest = text.slice(this.prefixAck.length);
          const bracket = rest.indexOf('[');
          const id = Number(rest.slice(0, bracket));
          const callback = this.pending.get(id);
          if (callback) {
            this.pending.delete(id);
            const args = JSON.parse(rest.slice(bracket)) as unknown[];
            callback(args[0]);
          }
          return;
        }
        if (text.startsWith(`40${this.namespace}`)) {
          this.connected = true;
          settled = true;
          clearTimeout(timer);
          resolve(performance.now() - started);
          return;
        }
        if (text.startsWith(`44${this.namespace}`)) {
          fail(new Error(`connect_error ${text.slice(`44${this.namespace},`.length)}`));
        }
      });
    });
  }

  /** Emits an event with an acknowledgement; resolves with the ack payload. */
  emit<T = unknown>(event: string, payload: unknown, timeoutMs = 30_000): Promise<T> {
    const ws = this.ws;
    if (!ws || !this.connected) return Promise.reject(new Error('not connected'));
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
      ws.send(`42${this.namespace},${id}${JSON.stringify([event, payload])}`);
    });
  }

  close(): void {
    this.ws?.close();
  }
}
