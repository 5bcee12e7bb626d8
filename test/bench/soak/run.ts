/**
 * A long night: a soak at a steady hall load, with a restart of Redis and of one API process in the middle.
 *   npm run bench:soak                    10 minutes; writes "A long night" in docs/RELIABILITY.md
 *   npm run bench:soak -- --minutes=1     a short run: prints only (runs under 5 minutes never write the doc)
 * Flags: --minutes=10 --participants=1000 --rate=100 (upvotes and unvotes a second) --ask-every=5 (s)
 *        --reads=10 --writes=2 (forum requests a second) --citizens=40 --threads=20 --sample=10 (s)
 *        --redis-port=6391 --no-docs
 * Two Balai processes (from sources, like bench:live) on a fresh PostgreSQL database share their own
 * redis-server on a spare port, so killing it disturbs nothing else on the machine. Each process writes a
 * `process stats` line every --sample seconds (PROCESS_STATS_MS): RSS, heap, event-loop delay.
 * Not part of npm test. Needs PostgreSQL on 127.0.0.1:5432 and redis-server on the PATH.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Client } from 'pg';
import { RELIABILITY_DOC, writeDocSection } from '../benchmarks-doc';
import { now, summarize } from '../live/clock';
import { createAccounts, databaseUrl, post, recreateDatabase, sleep, stopChild, waitHealthy } from '../live/harness';
import { RawLiveClient } from '../live/raw-client';

// ---------------------------------------------------------------- options
const argv = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const given = argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  return given === undefined ? undefined : given.slice(`--${name}=`.length);
};
const opts = {
  minutes: Number(flag('minutes') ?? 10),
  participants: Number(flag('participants') ?? 1000),
  rate: Number(flag('rate') ?? 100),
  askEveryS: Number(flag('ask-every') ?? 5),
  readsPerS: Number(flag('reads') ?? 10),
  writesPerS: Number(flag('writes') ?? 2),
  citizens: Number(flag('citizens') ?? 40),
  threads: Number(flag('threads') ?? 20),
  sampleS: Number(flag('sample') ?? 10),
  redisPort: Number(flag('redis-port') ?? 6391),
  questions: 50,
  /** Only runs of at least 5 minutes say something about a leak: shorter ones print only. */
  docs: flag('no-docs') === undefined && Number(flag('minutes') ?? 10) >= 5,
};
const ROOT = resolve(__dirname, '../../..');
const DB_NAME = 'balai_bench_soak';
const REDIS_URL = `redis://127.0.0.1:${opts.redisPort}`;
const PORTS = [3911, 3912];
const ADMIN = { email: 'soak-admin@bench.balai', password: 'soak-password-123' };
const JWT_SECRET = 'bench-soak-secret-0123456789abcdef-0123456789';
const DURATION_MS = opts.minutes * 60_000;
const REDIS_RESTART_AT = 0.4;
const API_RESTART_AT = 0.6;
const REDIS_DOWN_MS = 3_000;
const log = (...args: unknown[]) => process.stderr.write(`[bench:soak ${new Date().toISOString().slice(11, 19)}] ${args.join(' ')}\n`);

// ---------------------------------------------------------------- processes
const started = new Set<ChildProcess>();
const track = (child: ChildProcess): ChildProcess => {
  started.add(child);
  child.once('exit', () => started.delete(child));
  return child;
};
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const child of started) child.kill('SIGKILL');
    process.exit(130);
  });
}

/** The bench's own redis-server: no persistence, so a restart starts it empty, as after a crash. */
class RedisServer {
  child?: ChildProcess;
  async start(): Promise<void> {
    const child = track(
      spawn('redis-server', ['--port', String(opts.redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    this.child = child;
    await new Promise<void>((ok, ko) => {
      const timer = setTimeout(() => ko(new Error('redis-server not ready after 20 s')), 20_000);
      const lines = createInterface({ input: child.stdout! });
      lines.on('line', (line) => {
        if (line.includes('Ready to accept connections')) {
          clearTimeout(timer);
          ok();
        }
      });
      child.once('exit', (code) => ko(new Error(`redis-server exited with ${code} (port ${opts.redisPort} taken?)`)));
    });
  }
  /** Killed outright (SIGKILL), as a crash: what it held is gone. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((done) => {
      child.once('exit', () => done());
      child.kill('SIGKILL');
    });
  }
}

interface StatsLine {
  msg: 'process stats';
  pid: number;
  rssBytes: number;
  heapUsedBytes: number;
  loopDelayMs: { p50: number; p99: number; max: number };
}
interface ServerSample {
  t: number;
  rssMb: number;
  heapMb: number;
  loop: { p50: number; p99: number; max: number };
}

/** One Balai process, started again on the same port after a restart; its stats lines become samples. */
class Api {
  child?: ChildProcess;
  readonly samples: ServerSample[] = [];
  /** When (ms since the load began; negative: before) each start became healthy. */
  readonly starts: number[] = [];
  errorLines = 0;
  /** Times the SIGTERM drain was cut short by the shutdown deadline. */
  drainCut = 0;
  /** Error lines, as `context: msg` for the log's JSON, with how often each came. */
  readonly errors = new Map<string, number>();
  constructor(
    readonly name: string,
    readonly port: number,
    private readonly clock: () => number,
  ) {}
  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }
  async start(): Promise<number> {
    const t = Date.now();
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      PORT: String(this.port),
      DATABASE_URL: databaseUrl(DB_NAME),
      JWT_SECRET,
      LOG_LEVEL: 'warn',
      BALAI_DEMO: 'false',
      BALAI_ADMIN_EMAIL: ADMIN.email,
      BALAI_ADMIN_PASSWORD: ADMIN.password,
      REDIS_URL,
      PROCESS_STATS_MS: String(opts.sampleS * 1000),
      GUEST_LIMIT_PER_MINUTE: '1000000',
      LOGIN_LIMIT_PER_MINUTE: '1000',
      // Every simulated participant comes from 127.0.0.1: the per-address vote cap would count them as one hall.
      VOTES_PER_ADDRESS: '1000000',
    };
    const child = track(
      spawn(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'apps/api/src/main.ts')], {
        cwd: ROOT,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    this.child = child;
    createInterface({ input: child.stdout! }).on('line', (line) => this.onLine(line));
    createInterface({ input: child.stderr! }).on('line', (line) => this.noteError(line));
    await waitHealthy(this.origin, child);
    this.starts.push(this.clock());
    return Date.now() - t;
  }
  /** SIGTERM (drain, exit 0 within 10 s); resolves with the exit code and how long the drain took. */
  async stop(): Promise<{ code: number | null; ms: number }> {
    const child = this.child!;
    const t = Date.now();
    await stopChild(child, 15_000);
    return { code: child.exitCode, ms: Date.now() - t };
  }
  private onLine(line: string): void {
    if (line.includes('"msg":"process stats"')) {
      const s = JSON.parse(line) as StatsLine;
      this.samples.push({
        t: this.clock(),
        rssMb: s.rssBytes / 2 ** 20,
        heapMb: s.heapUsedBytes / 2 ** 20,
        loop: s.loopDelayMs,
      });
      return;
    }
    // The shutdown's own deadline (graceful-shutdown.ts): the drain did not finish by itself.
    if (line.includes('Still draining')) this.drainCut++;
    // pino JSON at LOG_LEVEL=warn: count the errors (level ≥ 50), keep the last few.
    if (/"level":(5\d|60)/.test(line)) this.noteError(line);
  }
  private noteError(line: string): void {
    if (!line.trim()) return;
    this.errorLines++;
    let text = line.slice(0, 200);
    try {
      const entry = JSON.parse(line) as { context?: string; msg?: string };
      text = `${entry.context ?? ''}: ${entry.msg ?? ''}`.slice(0, 200);
    } catch {
      /* not JSON: the line as it is */
    }
    if (this.errors.size < 20 || this.errors.has(text)) this.errors.set(text, (this.errors.get(text) ?? 0) + 1);
  }
}

// ---------------------------------------------------------------- client-side windows
interface Window {
  t: number;
  upvote: number[];
  ask: number[];
  read: number[];
  write: number[];
  errors: Record<string, number>;
  load1: number;
}
const windows: Window[] = [];
let current: Window = { t: 0, upvote: [], ask: [], read: [], write: [], errors: {}, load1: loadavg()[0]! };
const countError = (kind: string): void => {
  current.errors[kind] = (current.errors[kind] ?? 0) + 1;
};
const totals = { reconnectAttemptsFailed: 0, skippedBusy: 0, retries: 0, reconnects: 0, upvoteActions: 0, readsDone: 0, writesDone: 0 };

// ---------------------------------------------------------------- participants
interface Ack<T> {
  ok: boolean;
  data?: T;
  error?: { code: string; message?: string };
}
/** Errors after which a request is sent again: it was refused or its answer was lost (idempotent, or a client request id). */
const RETRYABLE = new Set(['unavailable', 'rate_limited', 'closed', 'not connected', 'ack timeout']);
const errorKind = (error: unknown): string => {
  const message = error instanceof Error ? error.message : String(error);
  return message.startsWith('ack timeout') ? 'ack timeout' : message;
};

class Seat {
  client: RawLiveClient | null = null;
  joined = false;
  busy = false;
  reconnecting = false;
  actions = 0;
  constructor(
    readonly index: number,
    readonly userId: string,
    readonly token: string,
    readonly api: Api,
  ) {}
  get ready(): boolean {
    return this.joined && !!this.client?.connected;
  }
  /** Connects and joins, retrying (backoff up to 2 s) until it is in or `until` passes. */
  async connect(sessionId: string, until: number): Promise<boolean> {
    let delay = 250;
    while (Date.now() < until) {
      const client = new RawLiveClient(this.api.origin, '/live', this.token, true);
      try {
        await client.connect(10_000);
        const ack = await client.emit<Ack<unknown>>('session:join', { sessionId }, 10_000);
        if (!ack.ok) throw new Error(`join refused: ${ack.error?.code}`);
        this.client = client;
        this.joined = true;
        return true;
      } catch {
        client.close();
        if (this.client) totals.reconnectAttemptsFailed++;
        await sleep(delay + Math.random() * delay);
        delay = Math.min(2_000, delay * 2);
      }
    }
    return false;
  }
  /** Resolves once the seat is connected and joined, or false at `until`. */
  async waitReady(until: number): Promise<boolean> {
    while (!this.ready) {
      if (Date.now() > until) return false;
      await sleep(100);
    }
    return true;
  }
  /** Emits with retries: a refusal or a lost answer is sent again once connected. */
  async emitRetrying<T>(event: string, payload: unknown, until: number, latencies: () => number[]): Promise<Ack<T> | null> {
    let delay = 250;
    for (;;) {
      if (!(await this.waitReady(until))) return null;
      const t = now();
      let ack: Ack<T>;
      try {
        ack = await this.client!.emit<Ack<T>>(event, payload, 10_000);
      } catch (error) {
        ack = { ok: false, error: { code: errorKind(error) } };
      }
      if (ack.ok) {
        latencies().push(now() - t);
        return ack;
      }
      const code = ack.error?.code ?? 'unknown';
      countError(`${event}: ${code}`);
      if (!RETRYABLE.has(code)) return ack;
      totals.retries++;
      if (Date.now() > until) return null;
      await sleep(delay + Math.random() * delay);
      delay = Math.min(3_000, delay * 2);
    }
  }
}

// ---------------------------------------------------------------- forum over HTTP
class HttpError extends Error {
  constructor(
    readonly kind: 'refused' | 'unknown',
    message: string,
  ) {
    super(message);
  }
}
/** One request to one origin; a connection refused never reached the server (safe to send elsewhere). */
async function request(
  origin: string,
  method: string,
  path: string,
  token: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  try {
    const res = await fetch(`${origin}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await res.text();
    return { status: res.status, json: text ? (JSON.parse(text) as unknown) : null };
  } catch (error) {
    const code = (error as { cause?: { code?: string } }).cause?.code;
    if (code === 'ECONNREFUSED') throw new HttpError('refused', 'connection refused');
    throw new HttpError('unknown', code ?? (error as Error).name ?? 'failed');
  }
}

// ---------------------------------------------------------------- statistics
const mean = (xs: number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
const median = (xs: number[]): number => summarize(xs).p50;
/** Least-squares slope of y over x. */
function slope(points: Array<[number, number]>): number {
  if (points.length < 2) return NaN;
  const mx = mean(points.map((p) => p[0]));
  const my = mean(points.map((p) => p[1]));
  const num = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const den = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return den === 0 ? NaN : num / den;
}
const f = (x: number, digits = 1): string => (Number.isFinite(x) ? x.toFixed(digits) : '—');

// ---------------------------------------------------------------- main
async function main(): Promise<void> {
  const startedAt = Date.now();
  let loadStart = Number.POSITIVE_INFINITY;
  const clock = (): number => Date.now() - loadStart;
  const apis = PORTS.map((port, i) => new Api(i === 0 ? 'A' : 'B', port, clock));
  const redis = new RedisServer();
  const dataDir = mkdtempSync(join(tmpdir(), 'balai-bench-soak-'));
  const seats: Seat[] = [];
  try {
    await recreateDatabase(DB_NAME);
    await redis.start();
    log(`redis-server on ${opts.redisPort}`);
    for (const api of apis) log(`process ${api.name} healthy in ${((await api.start()) / 1000).toFixed(1)} s`); // A runs the migrations first

    // -------- accounts, the session, its questions, the forum's threads
    const guests = await createAccounts({
      origin: apis[0]!.origin,
      database: DB_NAME,
      jwtSecret: JWT_SECRET,
      count: opts.participants,
      log,
    });
    const citizens = await createAccounts({
      origin: apis[0]!.origin,
      database: DB_NAME,
      jwtSecret: JWT_SECRET,
      count: opts.citizens,
      role: 'citizen',
      namePrefix: 'Warga',
    });
    const login = await post<{ accessToken: string }>(apis[0]!.origin, '/auth/login', ADMIN);
    if (login.status !== 200) throw new Error(`admin login: ${login.status}`);
    const session = await post<{ id: string }>(
      apis[0]!.origin,
      '/live-sessions',
      { title: 'Soak: rapat warga semalam', preModeration: false, allowAnonymous: true },
      login.body.accessToken,
    );
    if (session.status !== 201) throw new Error(`create session: ${session.status} ${JSON.stringify(session.body)}`);
    const sessionId = session.body.id;
    const startedSession = await post(apis[0]!.origin, `/live-sessions/${sessionId}/start`, {}, login.body.accessToken);
    if (startedSession.status >= 300) throw new Error(`start session: ${startedSession.status}`);
    const threadIds: string[] = [];
    for (let i = 0; i < opts.threads; i++) {
      const res = await request(apis[i % 2]!.origin, 'POST', '/threads', citizens[i % citizens.length]!.token, {
        title: `Jalan rusak di RT ${i + 1}`,
        body: `Warga membahas perbaikan jalan di RT ${i + 1} sepanjang malam.`,
        kind: 'discussion',
      });
      if (res.status !== 201) throw new Error(`thread: ${res.status} ${JSON.stringify(res.json)}`);
      threadIds.push((res.json as { id: string }).id);
    }

    // -------- the hall: participants split over both processes
    const joinStart = Date.now();
    for (const [i, g] of guests.entries()) seats.push(new Seat(i, g.id, g.token, apis[i % apis.length]!));
    let nextJoin = 0;
    await Promise.all(
      Array.from({ length: 50 }, async () => {
        while (nextJoin < seats.length) {
          const seat = seats[nextJoin++]!;
          if (!(await seat.connect(sessionId, Date.now() + 120_000))) throw new Error(`participant ${seat.index} could not join`);
        }
      }),
    );
    log(`${seats.length} participants joined in ${((Date.now() - joinStart) / 1000).toFixed(1)} s`);
    const questionIds: string[] = [];
    for (let i = 0; i < opts.questions; i++) {
      const ack = await seats[i]!.emitRetrying<{ question: { id: string } }>(
        'question:ask',
        { sessionId, text: `Pertanyaan ${i + 1}: kapan lampu jalan di gang kami diperbaiki?`, clientRequestId: `soak-seed-${i}` },
        Date.now() + 30_000,
        () => [],
      );
      if (!ack?.ok || !ack.data) throw new Error(`seed question: ${JSON.stringify(ack?.error)}`);
      questionIds.push(ack.data.question.id);
    }

    // -------- what was acknowledged, to compare with the database at the end
    /** `${seat}:${question}` → upvoted, as the last acknowledged action said; absent from `unsettled` once settled. */
    const upvoteState = new Map<string, boolean>();
    const upvoteUnsettled = new Set<string>();
    const askedAcked = new Map<string, { id: string; authorId: string }>();
    const askedUnsettled = new Set<string>();
    const postsAcked = new Map<string, string>();
    const postsUnknown = new Set<string>();
    const supportState = new Map<string, boolean>();
    const supportUnsettled = new Set<string>();
    const supportBusy = new Set<string>();
    const inFlight = new Set<Promise<unknown>>();
    const keep = (p: Promise<unknown>): void => {
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
    };

    // -------- reconnection: a participant whose socket closed comes back to the same process
    let stopping = false;
    const reconnectTimer = setInterval(() => {
      for (const seat of seats) {
        if (seat.reconnecting || !seat.client?.closed) continue;
        seat.joined = false;
        seat.reconnecting = true;
        totals.reconnects++;
        void seat.connect(sessionId, stopping ? 0 : Date.now() + DURATION_MS).finally(() => (seat.reconnecting = false));
      }
    }, 250);

    // -------- the load
    const endAt = Date.now() + DURATION_MS;
    loadStart = Date.now();
    const settleUntil = endAt + 60_000;
    let votesDue = 0;
    let asksDue = 0;
    let readsDue = 0;
    let writesDue = 0;
    const vote = (seat: Seat): void => {
      if (seat.busy) {
        totals.skippedBusy++;
        return;
      }
      const k = seat.actions++;
      const turn = seat.index + Math.floor(k / 2);
      const q = turn % questionIds.length;
      // Upvote, then unvote, question after question; every fourth upvote is kept (sent again instead), so rows stay.
      const event = k % 2 === 0 || turn % 4 === 0 ? 'question:upvote' : 'question:unvote';
      const key = `${seat.index}:${q}`;
      seat.busy = true;
      upvoteUnsettled.add(key);
      totals.upvoteActions++;
      keep(
        seat
          .emitRetrying<{ upvoted: boolean }>(event, { questionId: questionIds[q] }, settleUntil, () => current.upvote)
          .then((ack) => {
            if (ack?.ok && ack.data) {
              upvoteState.set(key, ack.data.upvoted);
              upvoteUnsettled.delete(key);
            } else if (ack) upvoteUnsettled.delete(key); // refused for good: nothing changed
          })
          .finally(() => (seat.busy = false)),
      );
    };
    const ask = (n: number): void => {
      const seat = seats[opts.questions + (n % (seats.length - opts.questions))]!;
      const clientRequestId = `soak-ask-${n}`;
      askedUnsettled.add(clientRequestId);
      keep(
        seat
          .emitRetrying<{ question: { id: string } }>(
            'question:ask',
            { sessionId, text: `Pertanyaan malam nomor ${n + 1}: bagaimana jadwal ronda?`, clientRequestId },
            settleUntil,
            () => current.ask,
          )
          .then((ack) => {
            if (ack?.ok && ack.data) {
              askedAcked.set(clientRequestId, { id: ack.data.question.id, authorId: seat.userId });
              askedUnsettled.delete(clientRequestId);
            }
          }),
      );
    };
    const read = (n: number): void => {
      const thread = threadIds[n % threadIds.length]!;
      const path = n % 3 === 0 ? '/threads?limit=20&sort=recent' : n % 3 === 1 ? `/threads/${thread}` : `/threads/${thread}/posts?limit=20`;
      const token = citizens[n % citizens.length]!.token;
      keep(
        (async () => {
          for (let attempt = 0; attempt < 2; attempt++) {
            const api = apis[(n + attempt) % apis.length]!;
            const t = now();
            try {
              const res = await request(api.origin, 'GET', path, token);
              if (res.status === 200) current.read.push(now() - t);
              else countError(`read: ${res.status}`);
              totals.readsDone++;
              return;
            } catch (error) {
              // A read is safe to send again, to the other process.
              countError(`read: ${(error as Error).message}`);
            }
          }
        })(),
      );
    };
    /** A write: sent again (to the other process too) while refused; a lost answer leaves a post unknown, a support is sent again. */
    const write = (n: number): void => {
      const citizen = citizens[Math.floor(n / 2) % citizens.length]!;
      if (n % 2 === 0) {
        const thread = threadIds[Math.floor(n / 2) % threadIds.length]!;
        const body = `Catatan warga ${n}: lampu sudah menyala, tapi jalan masih berlubang.`;
        keep(
          (async () => {
            let delay = 250;
            for (let attempt = 0; Date.now() < settleUntil; attempt++) {
              const api = apis[(n + attempt) % apis.length]!;
              const t = now();
              try {
                const res = await request(api.origin, 'POST', `/threads/${thread}/posts`, citizen.token, { body });
                if (res.status === 201) {
                  current.write.push(now() - t);
                  postsAcked.set(body, (res.json as { id: string }).id);
                  totals.writesDone++;
                  return;
                }
                countError(`post: ${res.status}`);
                if (res.status !== 503 && res.status !== 429) return;
              } catch (error) {
                countError(`post: ${(error as Error).message}`);
                if ((error as HttpError).kind !== 'refused') {
                  postsUnknown.add(body);
                  return;
                }
              }
              totals.retries++;
              await sleep(delay);
              delay = Math.min(3_000, delay * 2);
            }
          })(),
        );
        return;
      }
      // Supports: each citizen toggles one of five threads in turn (PUT, then DELETE, …), idempotent either way.
      const c = Math.floor(n / 2) % citizens.length;
      const thread = (c + Math.floor(n / 2 / citizens.length)) % Math.min(5, threadIds.length);
      const key = `${c}:${thread}`;
      if (supportBusy.has(key)) return void totals.skippedBusy++;
      supportBusy.add(key);
      supportUnsettled.add(key);
      const method = supportState.get(key) ? 'DELETE' : 'PUT';
      keep(
        (async () => {
          let delay = 250;
          for (let attempt = 0; Date.now() < settleUntil; attempt++) {
            const api = apis[(n + attempt) % apis.length]!;
            const t = now();
            try {
              const res = await request(api.origin, method, `/threads/${threadIds[thread]}/support`, citizens[c]!.token);
              if (res.status === 200) {
                current.write.push(now() - t);
                supportState.set(key, (res.json as { supported: boolean }).supported);
                supportUnsettled.delete(key);
                totals.writesDone++;
                return;
              }
              countError(`support: ${res.status}`);
              if (res.status !== 503 && res.status !== 429) {
                supportUnsettled.delete(key);
                return;
              }
            } catch (error) {
              countError(`support: ${(error as Error).message}`);
            }
            totals.retries++;
            await sleep(delay);
            delay = Math.min(3_000, delay * 2);
          }
        })().finally(() => supportBusy.delete(key)),
      );
    };

    log(
      `load for ${opts.minutes} min: ${opts.rate} upvotes+unvotes/s, a question every ${opts.askEveryS} s, forum ${opts.readsPerS} reads/s and ${opts.writesPerS} writes/s`,
    );
    const loadTimer = setInterval(() => {
      const elapsed = Math.min(Date.now(), endAt) - loadStart;
      for (const target = Math.floor((elapsed / 1000) * opts.rate); votesDue < target; votesDue++) vote(seats[votesDue % seats.length]!);
      for (const target = Math.floor(elapsed / 1000 / opts.askEveryS); asksDue < target; asksDue++) ask(asksDue);
      for (const target = Math.floor((elapsed / 1000) * opts.readsPerS); readsDue < target; readsDue++) read(readsDue);
      for (const target = Math.floor((elapsed / 1000) * opts.writesPerS); writesDue < target; writesDue++) write(writesDue);
    }, 10);
    const sampleTimer = setInterval(() => {
      windows.push(current);
      const w = current;
      const up = summarize(w.upvote);
      const errors = Object.entries(w.errors)
        .map(([k, v]) => `${k}×${v}`)
        .join(', ');
      const last = apis.map((a) => a.samples.at(-1));
      log(
        `t=${f(clock() / 1000, 0)}s upvote acks ${up.n} p50 ${f(up.p50)} p99 ${f(up.p99)} ms; reads ${w.read.length} p99 ${f(summarize(w.read).p99)}; writes ${w.write.length}; ` +
          `RSS ${last.map((s) => f(s?.rssMb ?? NaN, 0)).join('/')} MB; loop p99 ${last.map((s) => f(s?.loop.p99 ?? NaN)).join('/')} ms; load ${f(w.load1, 2)}${errors ? `; errors: ${errors}` : ''}`,
      );
      current = { t: clock(), upvote: [], ask: [], read: [], write: [], errors: {}, load1: loadavg()[0]! };
    }, opts.sampleS * 1000);

    // -------- the faults
    const faults: string[] = [];
    await sleep(loadStart + DURATION_MS * REDIS_RESTART_AT - Date.now());
    log('killing redis-server (SIGKILL)');
    const redisKilledAt = clock();
    await redis.kill();
    await sleep(REDIS_DOWN_MS);
    await redis.start();
    log('redis-server started again (empty)');
    faults.push(
      `Redis killed (SIGKILL) at ${f(redisKilledAt / 1000, 0)} s, started again empty ${f((clock() - redisKilledAt) / 1000)} s later.`,
    );
    await sleep(loadStart + DURATION_MS * API_RESTART_AT - Date.now());
    const restarted = apis[1]!;
    log(`SIGTERM to process ${restarted.name}`);
    const apiStoppedAt = clock();
    const stopped = await restarted.stop();
    const startMs = await restarted.start();
    const mine = seats.filter((s) => s.api === restarted);
    const allBack = Date.now() + 120_000;
    while (mine.some((s) => !s.ready) && Date.now() < allBack) await sleep(100);
    faults.push(
      `Process ${restarted.name} sent SIGTERM at ${f(apiStoppedAt / 1000, 0)} s: ${restarted.drainCut ? 'its drain cut short by the shutdown deadline (9 s), ' : 'drained and '}exited ${stopped.code} in ${f(stopped.ms / 1000)} s; started again, healthy ${f(startMs / 1000)} s later; ` +
        `${mine.filter((s) => s.ready).length} of its ${mine.length} participants back in ${f((clock() - apiStoppedAt) / 1000)} s after the SIGTERM.`,
    );
    log(faults.at(-1));

    // -------- the end of the night
    await sleep(endAt - Date.now());
    clearInterval(loadTimer);
    log(`load over; settling ${inFlight.size} requests in flight`);
    const settleStart = Date.now();
    while (inFlight.size > 0 && Date.now() < settleUntil) await sleep(100);
    clearInterval(sampleTimer);
    if (current.upvote.length + current.read.length > 0) windows.push(current);
    stopping = true;
    clearInterval(reconnectTimer);
    log(`settled in ${f((Date.now() - settleStart) / 1000)} s (${inFlight.size} still in flight)`);

    // -------- every acknowledged write against the database
    const pg = new Client({ connectionString: databaseUrl(DB_NAME) });
    await pg.connect();
    const verify: Record<string, string> = {};
    let exact = true;
    {
      const rows = await pg.query<{ question_id: string; user_id: string }>(
        'select question_id, user_id from live_upvotes where session_id = $1',
        [sessionId],
      );
      const have = new Set(rows.rows.map((r) => `${r.user_id}:${r.question_id}`));
      const {
        expected: expectedUp,
        lost,
        extra,
      } = compareToggles(upvoteState, upvoteUnsettled, (seat, q) => have.has(`${seats[seat]!.userId}:${questionIds[q]}`));
      const mismatched = await pg.query(
        'select q.id from live_questions q where q.session_id = $1 and q.upvotes <> (select count(*) from live_upvotes u where u.question_id = q.id)',
        [sessionId],
      );
      verify.upvotes = `${totals.upvoteActions} upvotes and unvotes acknowledged (${upvoteUnsettled.size} unsettled); ${expectedUp} pairs left upvoted, ${rows.rowCount} rows: ${lost} lost, ${extra} left over; ${mismatched.rowCount} question counts ≠ rows`;
      exact &&= lost === 0 && extra === 0 && mismatched.rowCount === 0;
    }
    {
      const rows = await pg.query<{ client_request_id: string; id: string; author_id: string }>(
        `select client_request_id, id, author_id from live_questions where session_id = $1 and client_request_id like 'soak-ask-%'`,
        [sessionId],
      );
      const byRequest = new Map<string, string[]>();
      for (const r of rows.rows) byRequest.set(r.client_request_id, [...(byRequest.get(r.client_request_id) ?? []), r.id]);
      let lost = 0;
      let doubled = 0;
      for (const [requestId, acked] of askedAcked) {
        const stored = byRequest.get(requestId) ?? [];
        if (!stored.includes(acked.id)) lost++;
        if (stored.length > 1) doubled++;
      }
      verify.questions = `${askedAcked.size} questions acknowledged (${askedUnsettled.size} unsettled), ${rows.rowCount} rows: ${lost} lost, ${doubled} doubled`;
      exact &&= lost === 0 && doubled === 0;
    }
    {
      const rows = await pg.query<{ body: string; n: string }>(
        `select body, count(*) as n from forum_posts where body like 'Catatan warga %' group by body`,
      );
      const stored = new Map(rows.rows.map((r) => [r.body, Number(r.n)]));
      let lost = 0;
      let doubled = 0;
      for (const body of postsAcked.keys()) if (!stored.has(body)) lost++;
      for (const n of stored.values()) if (n > 1) doubled++;
      const counts = await pg.query(
        'select t.id from forum_threads t where t.post_count <> (select count(*) from forum_posts p where p.thread_id = t.id)',
      );
      verify.posts = `${postsAcked.size} posts acknowledged (${postsUnknown.size} answers lost: ${[...postsUnknown].filter((b) => stored.has(b)).length} of those stored), ${[...stored.values()].reduce((a, b) => a + b, 0)} rows: ${lost} lost, ${doubled} doubled; ${counts.rowCount} thread post counts ≠ rows`;
      exact &&= lost === 0 && doubled === 0 && counts.rowCount === 0;
    }
    {
      const rows = await pg.query<{ thread_id: string; user_id: string }>('select thread_id, user_id from forum_thread_supports');
      const have = new Set(rows.rows.map((r) => `${r.user_id}:${r.thread_id}`));
      const { expected, lost, extra } = compareToggles(supportState, supportUnsettled, (c, t) =>
        have.has(`${citizens[c]!.id}:${threadIds[t]}`),
      );
      const counts = await pg.query(
        'select t.id from forum_threads t where t.supports <> (select count(*) from forum_thread_supports s where s.thread_id = t.id)',
      );
      verify.supports = `${supportState.size} citizen–thread pairs supported or withdrawn (${supportUnsettled.size} unsettled), ${expected} left supported, ${rows.rowCount} rows: ${lost} lost, ${extra} left over; ${counts.rowCount} thread support counts ≠ rows`;
      exact &&= lost === 0 && extra === 0 && counts.rowCount === 0;
    }
    await pg.end();
    for (const [k, v] of Object.entries(verify)) log(`${k}: ${v}`);

    // -------- the table
    const report = render({ apis, faults, verify, exact, startedAt });
    process.stdout.write(`\n${report}\n`);
    writeFileSync(
      join(tmpdir(), 'balai-bench-soak.json'),
      JSON.stringify(
        {
          opts,
          windows: windows.map((w) => ({
            ...w,
            upvote: summarize(w.upvote),
            read: summarize(w.read),
            write: summarize(w.write),
            ask: summarize(w.ask),
          })),
          samples: apis.map((a) => ({ name: a.name, starts: a.starts, samples: a.samples })),
          verify,
          totals,
        },
        null,
        2,
      ),
    );
    if (opts.docs) {
      writeDocSection(RELIABILITY_DOC, 'soak', `## A long night\n\n${report}\n`);
      log('wrote "A long night" in docs/RELIABILITY.md');
    }
    if (!exact) process.exitCode = 1;
  } finally {
    for (const seat of seats) seat.client?.close();
    await Promise.all(apis.map((api) => (api.child ? api.stop() : undefined)));
    await redis.kill();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * Acknowledged on/off states (an upvote, a support; keyed `who:what`) against the rows stored: how
 * many should be on, how many of those are missing, how many are stored though last turned off.
 * States whose last request was never answered are skipped.
 */
function compareToggles(
  state: Map<string, boolean>,
  unsettled: Set<string>,
  stored: (who: number, what: number) => boolean,
): { expected: number; lost: number; extra: number } {
  let expected = 0;
  let lost = 0;
  let extra = 0;
  for (const [key, on] of state) {
    if (unsettled.has(key)) continue;
    const [who, what] = key.split(':').map(Number) as [number, number];
    const present = stored(who, what);
    if (on) expected++;
    if (on && !present) lost++;
    if (!on && present) extra++;
  }
  return { expected, lost, extra };
}

function render(input: { apis: Api[]; faults: string[]; verify: Record<string, string>; exact: boolean; startedAt: number }): string {
  const { apis, faults, verify, exact } = input;
  const firstTo = 60_000;
  const lastFrom = DURATION_MS - 60_000;
  const inFirst = (t: number): boolean => t <= firstTo;
  const inLast = (t: number): boolean => t > lastFrom;
  const serverRow = (label: string, pick: (s: ServerSample[]) => number, digits = 0): string[][] =>
    apis.map((api) => [
      `${label}, process ${api.name}`,
      f(pick(api.samples.filter((s) => s.t > 0 && inFirst(s.t))), digits),
      f(pick(api.samples.filter((s) => inLast(s.t))), digits),
    ]);
  const clientRow = (label: string, pick: (w: Window[]) => number, digits = 0): string[] => [
    label,
    f(pick(windows.filter((w) => inFirst(w.t + opts.sampleS * 1000))), digits),
    f(pick(windows.filter((w) => inLast(w.t + opts.sampleS * 1000))), digits),
  ];
  const all = (ws: Window[], key: 'upvote' | 'read' | 'write' | 'ask'): number[] => ws.flatMap((w) => w[key]);
  const errorsIn = (ws: Window[]): number => ws.reduce((s, w) => s + Object.values(w.errors).reduce((a, b) => a + b, 0), 0);
  const rows: string[][] = [
    ['figure', 'first minute', 'last minute'],
    ...serverRow('RSS (MB, mean)', (s) => mean(s.map((x) => x.rssMb))),
    ...serverRow('heap used (MB, mean)', (s) => mean(s.map((x) => x.heapMb))),
    ...serverRow('event-loop delay p50 (ms, median of 10 s windows)', (s) => median(s.map((x) => x.loop.p50)), 1),
    ...serverRow('event-loop delay p99 (ms, median of 10 s windows)', (s) => median(s.map((x) => x.loop.p99)), 1),
    ...serverRow('event-loop delay max (ms)', (s) => Math.max(...s.map((x) => x.loop.max)), 0),
    clientRow('upvote/unvote ack p50 (ms)', (ws) => summarize(all(ws, 'upvote')).p50),
    clientRow('upvote/unvote ack p99 (ms)', (ws) => summarize(all(ws, 'upvote')).p99),
    clientRow('upvotes and unvotes acknowledged', (ws) => all(ws, 'upvote').length),
    clientRow('forum read p99 (ms)', (ws) => summarize(all(ws, 'read')).p99),
    clientRow('forum write p99 (ms)', (ws) => summarize(all(ws, 'write')).p99),
    clientRow('errors (refusals, lost answers; then retried)', errorsIn),
    clientRow('load average (1 min, mean)', (ws) => mean(ws.map((w) => w.load1)), 2),
  ];
  const table = rows.map((r, i) => `| ${r.join(' | ')} |${i === 0 ? `\n|${r.map(() => ' --- ').join('|')}|` : ''}`).join('\n');
  // RSS slope: each process over its own life after its first minute (B again from its restart).
  const slopes = apis.flatMap((api) =>
    api.starts.map((start, i) => {
      const end = api.starts[i + 1] ?? Number.POSITIVE_INFINITY;
      // Two minutes in: a fresh process's first full garbage collection (RSS up to +40 MB, then back) comes after about 100 s.
      const from = Math.max(start, 0) + 120_000;
      const points = api.samples.filter((s) => s.t >= from && s.t < end);
      const perMin = (pick: (s: ServerSample) => number) => slope(points.map((s) => [s.t / 60_000, pick(s)]));
      const span = points.length ? (points.at(-1)!.t - points[0]!.t) / 60_000 : 0;
      return `process ${api.name}${api.starts.length > 1 ? (i === 0 ? ' before its restart' : ' after its restart') : ''}: RSS ${f(
        perMin((s) => s.rssMb),
        2,
      )} MB/min, heap ${f(
        perMin((s) => s.heapMb),
        2,
      )} MB/min over ${f(span)} min (${points.length} samples)`;
    }),
  );
  const totalErrors: Record<string, number> = {};
  for (const w of windows) for (const [k, v] of Object.entries(w.errors)) totalErrors[k] = (totalErrors[k] ?? 0) + v;
  const loads = windows.map((w) => w.load1);
  const cpu = cpus();
  return [
    table,
    '',
    `- Slope of RSS (least squares over the ${opts.sampleS} s samples, each process from two minutes after its start, past its first full garbage collection): ${slopes.join('; ')}.`,
    ...faults.map((x) => `- ${x}`),
    `- Errors over the run, each retried (upvotes, unvotes and supports are idempotent; questions keep their client request id; a post is sent again only when refused — 503, 429 or a connection refused — never when its answer was lost): ${
      Object.entries(totalErrors)
        .map(([k, v]) => `${k} ×${v}`)
        .join(', ') || 'none'
    }; ${totals.retries} retries; ${totals.reconnects} socket reconnections (${totals.reconnectAttemptsFailed} attempts refused while their process was away); ${totals.skippedBusy} turns skipped while the participant's previous action was still being retried.`,
    `- Every acknowledged write against the database${exact ? '' : ' (**MISMATCH**)'}: ${Object.values(verify).join('; ')}.`,
    `- Server error lines (stderr, or log level ≥ error): ${apis.map((a) => `${a.name} ${a.errorLines}${a.errors.size ? ` (${[...a.errors].map(([text, n]) => `\`${text.replace(/`/g, "'")}\` ×${n}`).join(', ')})` : ''}`).join('; ')}.`,
    `- Load: ${opts.participants.toLocaleString('en')} guests on raw WebSockets (test/bench/live/raw-client.ts) in one session, split over two processes; ${opts.rate} upvotes and unvotes a second (each participant in turn: upvote a question, unvote it — or upvote it again for every fourth, which stays upvoted — next question); a question every ${opts.askEveryS} s; ${opts.citizens} citizens reading the forum ${opts.readsPerS} times a second (thread list, a thread, its posts) and writing ${opts.writesPerS} times a second (posts, supports given and withdrawn) over HTTP, alternating processes.`,
    `- Command \`npm run bench:soak${argv.length ? ` -- ${argv.join(' ')}` : ''}\`; run ${new Date(input.startedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC, ${opts.minutes} min of load; Balai from sources (swc), NODE_ENV=production, PostgreSQL (fresh database ${DB_NAME}), its own redis-server on port ${opts.redisPort} (no persistence); ${cpu.length} cores (${cpu[0]?.model.trim()}), Node ${process.version}.`,
    `- The machine was shared with other work and loaded: load average (1 min) over the run min ${f(Math.min(...loads), 2)}, median ${f(median(loads), 2)}, max ${f(Math.max(...loads), 2)} on ${cpu.length} cores. Latencies include waiting for a CPU; the slopes and the exactness are the point.`,
  ].join('\n');
}

main().then(
  () => process.exit(),
  (error: unknown) => {
    log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    for (const child of started) child.kill('SIGKILL');
    process.exit(1);
  },
);
