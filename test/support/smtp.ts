import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  subject: string;
  messageId: string;
  /** The raw message with quoted-printable soft line breaks undone (links are whole again). */
  raw: string;
}

export type SmtpMode = 'accept' | 'refuse' | 'hang';

/** Decodes RFC 2047 encoded words (`=?UTF-8?Q?…?=`, `=?UTF-8?B?…?=`) of a header. */
function decodeWords(value: string): string {
  return value.replace(/=\?utf-8\?([qb])\?([^?]*)\?=\s*/gi, (_all, kind: string, text: string) => {
    if (kind.toLowerCase() === 'b') return Buffer.from(text, 'base64').toString('utf8');
    const bytes = text.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  });
}

function header(raw: string, name: string): string {
  const head = raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
  const line = head.split(/\r?\n/).find((candidate) => candidate.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? decodeWords(line.slice(name.length + 1).trim()) : '';
}

/**
 * A real SMTP server (the `smtp-server` package) on 127.0.0.1 for tests: it keeps what it accepted,
 * and can refuse every message (451, a temporary failure) or hang (never greet) until told otherwise.
 */
export class TestSmtp {
  readonly received: ReceivedMail[] = [];
  mode: SmtpMode = 'accept';
  /** Connections and DATA commands seen, also refused or hung ones. */
  attempts = 0;
  /** Waits this long before accepting each message (a slow server: a batch takes a while). */
  delayMs = 0;
  private server: SMTPServer | null = null;
  private readonly hung: (() => void)[] = [];

  constructor(public port = 0) {}

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      closeTimeout: 500,
      onConnect: (_session, callback) => {
        this.attempts++;
        if (this.mode === 'hang') this.hung.push(() => callback());
        else callback();
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', async () => {
          if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
          if (this.mode === 'refuse') {
            const error = Object.assign(new Error('Try again later'), { responseCode: 451 });
            callback(error);
            return;
          }
          const message = Buffer.concat(chunks).toString('utf8');
          this.received.push({
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            subject: header(message, 'Subject'),
            messageId: header(message, 'Message-ID'),
            raw: message.replace(/=\r?\n/g, ''),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    server.on('error', () => undefined);
    this.port = (server.server.address() as { port: number }).port;
    this.server = server;
  }

  /** Stops listening (an outage); a later start() listens on the same port again. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const release of this.hung.splice(0)) release();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Lets hung connections go on (they are then served in the current mode). */
  release(): void {
    for (const release of this.hung.splice(0)) release();
  }

  to(address: string): ReceivedMail[] {
    return this.received.filter((mail) => mail.to.includes(address));
  }
}
