export type DatabaseTarget = { kind: 'postgres'; url: string } | { kind: 'embedded'; dataDir: string };

/**
 * The one validated configuration. Injected by class: `constructor(private readonly config: AppConfig)`.
 * Nothing outside `loadConfig` reads `process.env`.
 */
export abstract class AppConfig {
  abstract readonly port: number;
  abstract readonly database: DatabaseTarget;
  abstract readonly dataDir: string;
  abstract readonly redisUrl: string | undefined;
  abstract readonly jwt: { secret: string; ttl: string };
  abstract readonly admin: { email: string; password: string } | undefined;
  /** undefined: decide by the database (seed an empty embedded one). */
  abstract readonly demo: boolean | undefined;
  abstract readonly migrate: boolean;
  abstract readonly trustProxy: string[];
  /** Empty: only the server's own origin. */
  abstract readonly allowedOrigins: string[];
  /** The address citizens use (no trailing slash): links in e-mails, feeds and QR codes. */
  abstract readonly publicUrl: string;
  /** E-mail for notifications; `smtpUrl` undefined: no e-mail is sent. */
  abstract readonly mail: { smtpUrl: string | undefined; from: string; timeoutMs: number; retryBaseMs: number };
  abstract readonly logLevel: string;
  /** `pretty`: readable lines and a start banner for a person at a terminal (`npm start`); `json` for machines. */
  abstract readonly logFormat: 'json' | 'pretty';
  /** Benchmarks: the interval of the `process stats` line on stdout; undefined: none. */
  abstract readonly processStatsMs: number | undefined;
  abstract readonly limits: {
    bodyBytes: number;
    loginsPerMinute: number;
    guestsPerMinute: number;
    liveQuestionsPerMinute: number;
    liveUpvotesPerMinute: number;
    /** Registrations per client address and hour (login: `loginsPerMinute` per address and per account). */
    registrationsPerHour: number;
    /** Participants per client address who may upvote one question / vote in one poll. */
    votesPerAddress: number;
    reportsPerMinute: number;
    reportsPerAddressPerMinute: number;
    /** HTTP writes per authenticated participant and minute, every route (anonymous writes: their own per-address limits). */
    httpWritesPerMinute: number;
    /** Events one /live socket may send per second (burst and refill). */
    liveEventsPerSecond: number;
    /** Events refused for the rate within 10 s after which the socket is disconnected. */
    liveFloodDisconnectAfter: number;
    /** Concurrent /live connections per client address, across processes. */
    liveSocketsPerAddress: number;
  };
  /** Guest sign-in behind a self-hosted proof-of-work challenge (ALTCHA); off by default. */
  abstract readonly guestProofOfWork: { enabled: boolean; maxNumber: number };
  abstract readonly moderation: {
    /** Distinct reporters after whom the target is hidden until a moderator decides. */
    reportThreshold: number;
  };
}
