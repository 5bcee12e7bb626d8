/**
 * Live benchmark: a bare Socket.IO server and Balai side by side, driven by the same clients.
 *   npm run bench:live                 full run (N = 2,000 and 5,000; R = 200 and 1,000 votes/s; Redis pair)
 *   npm run bench:live -- --quick      a small run for development
 * Flags: --n=2000,5000 --rates=200,1000 --duration=15 --watchers=50 --workers=2 --join-concurrency=200 --rounds=1 --no-pin --load-nice=-10
 *        --targets=bare,balai,balai-redis --redis-n=5000 --redis-rate=1000 --docs / --no-docs
 * The phone's view: --page (Balai targets) adds the participant page in Chromium at 390 px with the CPU slowed
 *        down --page-cpu=4 times, as one more watcher, and writes its own section of docs/BENCHMARKS.md.
 * Diagnostics: --cpu-prof=DIR (then profile-top.ts), --heap-snapshot=DIR (after the joins), --trace=DIR
 *        (each vote's send time and ack latency, the servers' GC trace and logs), --balai-root=DIR
 * Not part of npm test. Needs PostgreSQL (and Redis for balai-redis) like the e2e tests.
 */
import { ChildProcess, execFileSync, fork, spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, setPriority, tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { Client } from 'pg';
import { io } from 'socket.io-client';
import { writeBenchmarkSection } from '../benchmarks-doc';
import { now, summarize } from './clock';
import { createAccounts, PG_ADMIN, post, recreateDatabase, rssKb, sleep, stopChild, waitHealthy } from './harness';
import type { FromLoad, FromPage, FromWatch, Participant, ToLoad, ToPage, ToWatch, VoteRecord } from './protocol';

// ---------------------------------------------------------------- options
const argv = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const given = argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  return given === undefined ? undefined : given.slice(`--${name}=`.length);
};
const list = (name: string, fallback: number[]): number[] => (flag(name) ? flag(name)!.split(',').map(Number) : fallback);
const quick = flag('quick') !== undefined;
const opts = {
  ns: list('n', quick ? [300] : [2000, 5000]),
  rates: list('rates', quick ? [100, 250] : [200, 1000]),
  durationS: Number(flag('duration') ?? (quick ? 6 : 15)),
  watchers: Number(flag('watchers') ?? (quick ? 10 : 50)),
  workers: Number(flag('workers') ?? 2),
  joinConcurrency: Number(flag('join-concurrency') ?? 200),
  /** Stop starting joins after this many seconds; the storm then runs with whoever joined. */
  joinDeadlineS: Number(flag('join-deadline') ?? 120),
  targets: (flag('targets') ?? 'bare,balai,balai-redis').split(',') as Target[],
  redisN: Number(flag('redis-n') ?? (quick ? 300 : 5000)),
  redisRate: Number(flag('redis-rate') ?? (quick ? 250 : 1000)),
  docs: flag('no-docs') === undefined && (flag('docs') !== undefined || !quick),
  /** Scheduling priority for the servers, load processes and bench database backends. With sched_autogroup on (as here) it only ranks them among themselves, not against other sessions. */
  nice: Number(flag('nice') ?? 0),
  /**
   * Scheduling priority of the load processes and watchers alone: they time the servers, and a stopwatch that waits
   * for a CPU behind the server it times adds the scheduler's delay to every figure. Scenario 3's two Balai processes
   * share CPU 1 with the load; with equal priority the watchers waited 120–220 ms a second for a CPU there, against
   * 20–30 beside the bare server. 0 turns it off.
   */
  loadNice: Number(flag('load-nice') ?? -10),
  pin: flag('no-pin') === undefined,
  /** Where the two Balai processes of scenario 3 run: both CPUs (one shared with the load), or '0' like the other servers. */
  pairCpus: flag('pair-cpus') ?? '0,1',
  rounds: Number(flag('rounds') ?? 1),
  /** Write V8 CPU profiles of the server processes (bare and Balai) into this folder. */
  cpuProf: flag('cpu-prof'),
  /** Write a V8 heap snapshot of each server process into this folder once everyone has joined (it pauses the server for seconds). */
  heapSnapshot: flag('heap-snapshot'),
  /** Write each storm's votes (send time, ack latency), the servers' GC trace and their logs into this folder. */
  trace: flag('trace'),
  /** Let Linux perf name the servers' JavaScript functions (/tmp/perf-PID.map): \`perf record -g -p PID\` during a storm. */
  perfMap: flag('perf-map') !== undefined,
  /** More Node/V8 flags for the server processes, comma-separated (e.g. --node-flags=--trace-deopt,--trace-opt). */
  nodeFlags: (flag('node-flags') ?? '').split(',').filter(Boolean),
  /** Run Balai from another checkout (e.g. a patched copy, to try a fix without touching the shared tree). */
  balaiRoot: resolve(flag('balai-root') ?? resolve(__dirname, '../../..')),
  questions: 50,
  /** Watch the storms from the participant page in Chromium too (Balai targets only). */
  page: flag('page') !== undefined,
  /** The page's CPU slowdown (Chromium's CPU throttling rate): 4 is a mid-range phone. */
  pageCpu: Number(flag('page-cpu') ?? 4),
};
type Target = 'bare' | 'balai' | 'balai-redis';

const ROOT = resolve(__dirname, '../../..');
const BENCH = __dirname;
const DB_NAME = 'balai_bench_live';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/5';
const ADMIN = { email: 'bench-admin@bench.balai', password: 'bench-password-123' };
const JWT_SECRET = 'bench-live-secret-0123456789abcdef-0123456789';
const log = (...args: unknown[]) => process.stderr.write(`[bench:live ${new Date().toISOString().slice(11, 19)}] ${args.join(' ')}\n`);

// ---------------------------------------------------------------- process stats from /proc
const TICK = 100; // CLK_TCK on Linux
function cpuTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime + stime
  } catch {
    return 0;
  }
}
/** Write system calls (write, writev, sendmsg…) the process has made: each socket write is one. */
function writeCalls(pid: number): number {
  try {
    return Number(/syscw:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}
/** Nanoseconds the process's main thread (its event loop) spent runnable but waiting for a CPU. */
function runQueueWaitNs(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ')[1]);
  } catch {
    return 0;
  }
}
/** Busy jiffies of the whole machine (all cores), from /proc/stat. */
function machineBusyTicks(): number {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal
  return fields[0] + fields[1] + fields[2] + fields[5] + fields[6] + fields[7];
}
class MachineWindow {
  private readonly start = machineBusyTicks();
  private readonly t = now();
  /** Percent of one core used by the whole machine. */
  stop(): number {
    return ((machineBusyTicks() - this.start) / TICK / ((now() - this.t) / 1000)) * 100;
  }
}
class CpuWindow {
  private readonly start: number[];
  private readonly startWrites: number[];
  private readonly startWaits: number[];
  private readonly t: number;
  constructor(private readonly pids: number[]) {
    this.start = pids.map(cpuTicks);
    this.startWrites = pids.map(writeCalls);
    this.startWaits = pids.map(runQueueWaitNs);
    this.t = now();
  }
  /** Write system calls per second, summed over the processes (call before `stop`). */
  writesPerSecond(): number {
    const seconds = (now() - this.t) / 1000;
    return this.pids.reduce((sum, pid, i) => sum + writeCalls(pid) - this.startWrites[i], 0) / seconds;
  }
  /** Milliseconds a second each event loop waited for a CPU while it had work, per process (call before `stop`). */
  runQueueWaitMsPerSecond(): number[] {
    const seconds = (now() - this.t) / 1000;
    return this.pids.map((pid, i) => (runQueueWaitNs(pid) - this.startWaits[i]) / 1e6 / seconds);
  }
  /** Percent of one core, summed over the processes. */
  stop(): number {
    const seconds = (now() - this.t) / 1000;
    const ticks = this.pids.reduce((sum, pid, i) => sum + cpuTicks(pid) - this.start[i], 0);
    return (ticks / TICK / seconds) * 100;
  }
}

// ---------------------------------------------------------------- servers
interface Server {
  origins: string[];
  pids: number[];
  children: ChildProcess[];
  balai: boolean;
}

/**
 * By default the servers under test run on CPU 0 and the load (load processes, watchers, coordinator)
 * on CPU 1, as if the clients were on other machines: otherwise the load generator, which costs about
 * as much CPU as the server, preempts the server in the middle of a broadcast and both servers'
 * latencies measure the scheduler. PostgreSQL and Redis stay free to run on either, and so do the two
 * Balai processes of scenario 3, which are there to use both cores (`--no-pin`: no pinning at all).
 */
const SERVER_CPU = '0';
const OTHERS_CPU = '1';
function pin(pid: number, cpus: string): void {
  if (!opts.pin) return;
  try {
    execFileSync('taskset', ['-a', '-p', '-c', cpus, String(pid)], { stdio: 'ignore' });
  } catch (error) {
    log(`could not pin ${pid} to CPU ${cpus}: ${(error as Error).message}`);
  }
}

/** Every process the benchmark started, to end them if the benchmark is interrupted. */
const started = new Set<ChildProcess>();
const track = (child: ChildProcess): ChildProcess => {
  started.add(child);
  if (opts.nice !== 0 && child.pid) {
    try {
      setPriority(child.pid, opts.nice);
    } catch (error) {
      log(`could not renice ${child.pid}: ${(error as Error).message}`);
    }
  }
  child.once('exit', () => started.delete(child));
  return child;
};
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const child of started) child.kill('SIGKILL');
    process.exit(130);
  });
}

function spawnNode(script: string, args: string[], env: NodeJS.ProcessEnv, nodeArgs: string[] = [], cwd = ROOT): ChildProcess {
  const child = track(
    spawn(process.execPath, [...nodeArgs, '-r', '@swc-node/register', script, ...args], {
      cwd,
      env,
      stdio: ['ignore', opts.trace ? 'pipe' : 'ignore', 'pipe'],
    }),
  );
  if (opts.trace && child.stdout) {
    // GC trace lines carry milliseconds since the process started: keep the start to line them up with the votes.
    mkdirSync(resolve(opts.trace), { recursive: true });
    const name = join(resolve(opts.trace), `${basename(script, '.ts')}-${child.pid}-started-${Date.now()}`);
    child.stdout.pipe(createWriteStream(`${name}.gc.log`));
    child.stderr?.pipe(createWriteStream(`${name}.stderr.log`));
  }
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    errors = (errors + chunk.toString()).slice(-4000);
  });
  child.on('exit', (code, signal) => {
    if (code && code !== 0 && signal === null) log(`server ${script} exited ${code}: ${errors}`);
  });
  return child;
}

/** Node flags for the diagnostics asked for on the command line. */
function diagnosticFlags(): string[] {
  return [
    ...(opts.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${resolve(opts.cpuProf)}`] : []),
    ...(opts.heapSnapshot ? ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${resolve(opts.heapSnapshot)}`] : []),
    ...(opts.trace ? ['--trace-gc'] : []),
    ...(opts.perfMap ? ['--perf-basic-prof-only-functions'] : []),
    ...opts.nodeFlags,
  ];
}

async function startBare(port: number): Promise<Server> {
  const profile = diagnosticFlags();
  const child = spawnNode(join(BENCH, 'bare-server.ts'), [String(port)], { ...process.env, NODE_ENV: 'production' }, profile);
  pin(child.pid!, SERVER_CPU);
  const origin = `http://127.0.0.1:${port}`;
  await waitHealthy(origin, child);
  return { origins: [origin], pids: [child.pid!], children: [child], balai: false };
}

async function startBalai(ports: number[], redis: boolean, dataDir: string): Promise<Server> {
  const server: Server = { origins: [], pids: [], children: [], balai: true };
  for (const port of ports) {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${DB_NAME}`,
      DATA_DIR: dataDir,
      JWT_SECRET,
      LOG_LEVEL: 'warn',
      BALAI_DEMO: 'false',
      BALAI_ADMIN_EMAIL: ADMIN.email,
      BALAI_ADMIN_PASSWORD: ADMIN.password,
      GUEST_LIMIT_PER_MINUTE: '1000000',
      LOGIN_LIMIT_PER_MINUTE: '1000',
      // Every simulated participant comes from 127.0.0.1: the per-address vote cap would count them as one hall.
      VOTES_PER_ADDRESS: '1000000',
      // Likewise the socket cap per address; a load client's socket may send faster than a person's.
      LIVE_SOCKETS_PER_ADDRESS: '1000000',
      LIVE_EVENTS_PER_SECOND: '100000',
      HTTP_WRITES_PER_MINUTE: '1000000',
      ...(redis ? { REDIS_URL } : {}),
    };
    const profile = diagnosticFlags();
    const child = spawnNode(join(opts.balaiRoot, 'apps/api/src/main.ts'), [], env, profile, opts.balaiRoot);
    // Two processes are there to use two cores: they may run on both (one of them shared with the load).
    pin(child.pid!, redis ? opts.pairCpus : SERVER_CPU);
    const origin = `http://127.0.0.1:${port}`;
    server.children.push(child);
    await waitHealthy(origin, child); // one after the other: the first one runs the migrations
    server.origins.push(origin);
    server.pids.push(child.pid!);
  }
  return server;
}

async function writeHeapSnapshots(pids: number[], dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  for (const pid of pids) {
    const before = new Set(readdirSync(dir));
    process.kill(pid, 'SIGUSR2');
    // The file grows while the process writes it: done once its size stops changing.
    let file = '';
    let size = -1;
    for (let waited = 0; waited < 120_000; waited += 1000) {
      await sleep(1000);
      file ||= readdirSync(dir).find((f) => !before.has(f) && f.includes(`.${pid}.`) && f.endsWith('.heapsnapshot')) ?? '';
      if (!file) continue;
      const now = statSync(join(dir, file)).size;
      if (now > 0 && now === size) break;
      size = now;
    }
    log(`heap snapshot of ${pid}: ${file ? join(dir, file) : 'not written'}`);
  }
}

async function stopServer(server: Server): Promise<void> {
  await Promise.all(server.children.map((child) => stopChild(child)));
}

/** Backend processes of the benchmark database (PostgreSQL: one per pooled connection), and Redis when used. */
async function databasePids(redis: boolean): Promise<number[]> {
  const pg = new Client({ connectionString: PG_ADMIN });
  await pg.connect();
  const rows = await pg.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [DB_NAME]);
  await pg.end();
  const pids = rows.rows.map((r) => Number(r.pid));
  if (redis) {
    try {
      pids.push(...execFileSync('pgrep', ['-x', 'redis-server']).toString().trim().split('\n').map(Number).filter(Boolean));
    } catch {
      /* not found */
    }
  }
  return pids;
}

/** With --nice, the bench database's PostgreSQL backends get the same priority as the servers (not Redis: it is shared). */
async function reniceDatabase(): Promise<void> {
  if (opts.nice === 0) return;
  for (const pid of await databasePids(false)) {
    try {
      setPriority(pid, opts.nice);
    } catch {
      /* gone */
    }
  }
}

/** Committed transactions of the bench database so far (each autocommitted statement counts one). */
async function databaseCommits(): Promise<number> {
  const pg = new Client({ connectionString: PG_ADMIN });
  await pg.connect();
  const rows = await pg.query<{ n: string }>('select xact_commit as n from pg_stat_database where datname = $1', [DB_NAME]);
  await pg.end();
  return Number(rows.rows[0]?.n ?? 0);
}

/** CPU pressure (PSI): share of the last 60 s in which some runnable task waited for a CPU. */
function cpuPressure(): number {
  try {
    return Number(/avg60=([\d.]+)/.exec(readFileSync('/proc/pressure/cpu', 'utf8'))?.[1] ?? NaN);
  } catch {
    return NaN;
  }
}

// ---------------------------------------------------------------- HTTP helpers
async function createGuests(origin: string, count: number): Promise<string[]> {
  const accounts = await createAccounts({ origin, database: DB_NAME, jwtSecret: JWT_SECRET, count, log });
  return accounts.map((a) => a.token);
}

interface Room {
  sessionId: string;
  code: string;
  setA: string[];
  setB: string[];
}

/** A live session with 2 × 50 approved questions, asked by distinct participants. */
async function prepareRoom(server: Server, askers: string[]): Promise<Room> {
  const origin = server.origins[0];
  const login = await post<{ accessToken: string }>(origin, '/auth/login', ADMIN);
  if (login.status !== 200 && login.status !== 201) throw new Error(`admin login: ${login.status} ${JSON.stringify(login.body)}`);
  const moderatorToken = login.body.accessToken;
  const created = await post<{ id: string; code: string }>(
    origin,
    '/live-sessions',
    { title: 'Bench: rapat warga', preModeration: false, allowAnonymous: true },
    moderatorToken,
  );
  if (created.status !== 201) throw new Error(`create session: ${created.status} ${JSON.stringify(created.body)}`);
  const started = await post(origin, `/live-sessions/${created.body.id}/start`, {}, moderatorToken);
  if (started.status >= 300) throw new Error(`start session: ${started.status} ${JSON.stringify(started.body)}`);
  const sessionId = created.body.id;

  const moderator = io(`${origin}/live`, {
    auth: { token: moderatorToken },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  await new Promise<void>((ok, ko) => (moderator.once('connect', ok), moderator.once('connect_error', ko)));
  const ids: string[] = [];
  for (let i = 0; i < opts.questions * 2; i++) {
    const socket = io(`${origin}/live`, { auth: { token: askers[i] }, transports: ['websocket'], reconnection: false, forceNew: true });
    await new Promise<void>((ok, ko) => (socket.once('connect', ok), socket.once('connect_error', ko)));
    const joined = (await socket.timeout(10_000).emitWithAck('session:join', { sessionId })) as { ok: boolean; error?: unknown };
    if (!joined.ok) throw new Error(`asker join: ${JSON.stringify(joined.error)}`);
    const asked = (await socket.timeout(10_000).emitWithAck('question:ask', {
      sessionId,
      text: `Pertanyaan nomor ${i + 1} tentang jadwal pengangkutan sampah di kelurahan?`,
      clientRequestId: `bench-${i}`,
    })) as { ok: boolean; data?: { question: { id: string; status: string } }; error?: unknown };
    if (!asked.ok || !asked.data) throw new Error(`ask: ${JSON.stringify(asked.error)}`);
    if (asked.data.question.status === 'pending') {
      const approved = (await moderator
        .timeout(10_000)
        .emitWithAck('question:moderate', { questionId: asked.data.question.id, action: 'approve' })) as { ok: boolean; error?: unknown };
      if (!approved.ok) throw new Error(`approve: ${JSON.stringify(approved.error)}`);
    }
    ids.push(asked.data.question.id);
    socket.disconnect();
  }
  moderator.disconnect();
  return { sessionId, code: created.body.code, setA: ids.slice(0, opts.questions), setB: ids.slice(opts.questions) };
}

/** Counts as a newcomer sees them in the session:join ack (one newcomer per server process). */
async function readCounts(origin: string, token: string, sessionId: string): Promise<Map<string, number>> {
  const socket = io(`${origin}/live`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  await new Promise<void>((ok, ko) => (socket.once('connect', ok), socket.once('connect_error', ko)));
  const ack = (await socket.timeout(30_000).emitWithAck('session:join', { sessionId })) as {
    ok: boolean;
    data?: { questions: Array<{ id: string; upvotes: number }> };
    error?: unknown;
  };
  socket.disconnect();
  if (!ack.ok || !ack.data) throw new Error(`verify join: ${JSON.stringify(ack.error)}`);
  return new Map(ack.data.questions.map((q) => [q.id, q.upvotes]));
}

// ---------------------------------------------------------------- load processes
/** A load process or the watchers; with --trace, their GC trace goes to a file too (a pause there delays what they measure). */
async function forkChild(file: string): Promise<ChildProcess> {
  const execArgv = ['-r', '@swc-node/register', ...(opts.trace ? ['--trace-gc'] : [])];
  const child = track(
    fork(join(BENCH, file), [], { cwd: ROOT, execArgv, stdio: ['ignore', opts.trace ? 'pipe' : 'inherit', 'inherit', 'ipc'] }),
  );
  if (opts.loadNice !== 0 && child.pid) {
    try {
      setPriority(child.pid, opts.loadNice);
    } catch (error) {
      log(`could not renice ${child.pid}: ${(error as Error).message}`);
    }
  }
  if (opts.trace)
    child.stdout?.pipe(createWriteStream(resolve(opts.trace, `${basename(file, '.ts')}-${child.pid}-started-${Date.now()}.gc.log`)));
  await new Promise<void>((ok, ko) => {
    child.once('message', () => ok());
    child.once('exit', (code) => ko(new Error(`${file} exited with ${code}`)));
  });
  return child;
}
function request<T>(child: ChildProcess, message: unknown, expect: string, timeoutMs = 600_000): Promise<T> {
  return new Promise<T>((ok, ko) => {
    const timer = setTimeout(() => ko(new Error(`timeout waiting for ${expect}`)), timeoutMs);
    const onMessage = (reply: { type: string; message?: string }) => {
      if (reply.type === expect || reply.type === 'error') {
        clearTimeout(timer);
        child.off('message', onMessage);
        if (reply.type === 'error') ko(new Error(reply.message));
        else ok(reply as T);
      }
    };
    child.on('message', onMessage);
    child.send(message as object);
  });
}

function ackTrend(votes: VoteRecord[]): [number, number] {
  const acked = votes.filter((v) => v[2] >= 0).sort((a, b) => a[1] - b[1]);
  const fifth = Math.max(1, Math.floor(acked.length / 5));
  return [summarize(acked.slice(0, fifth).map((v) => v[2])).p99, summarize(acked.slice(-fifth).map((v) => v[2])).p99];
}

// ---------------------------------------------------------------- one target at one N
interface StormResult {
  rate: number;
  planned: number;
  accepted: number;
  refused: Record<string, number>;
  ack: ReturnType<typeof summarize>;
  fanout: ReturnType<typeof summarize>;
  fanoutMissing: number;
  fanoutTrend: [number, number];
  lagP99: number;
  serverCpu: number;
  serverWritesPerS: number;
  generatorCpu: number;
  machineCpu: number;
  dbCpu: number;
  dbCommits: number;
  pressure: number;
  /** Run-queue wait of the event loops, ms a second: the servers' (each), the load processes' (each) and the watchers'. */
  waits: { servers: number[]; load: number[]; watchers: number };
  /** CLOCK_MONOTONIC µs of the storm window, to cut CPU profiles. */
  windowUs: [number, number];
  /** ack p99 of the first and the last fifth of the storm (by send time): a growing queue shows here. */
  ackTrend: [number, number];
  exact: boolean;
  exactDetail: string;
  /** What the participant page in Chromium drew (with --page). */
  page?: Extract<FromPage, { type: 'analyzed' }>;
}
interface RunResult {
  target: Target;
  n: number;
  join: {
    joinsPerS: number;
    handshake: ReturnType<typeof summarize>;
    join: ReturnType<typeof summarize>;
    failures: number;
    serverCpu: number;
    /** CLOCK_MONOTONIC µs at the start and end of the joins (for profile-top.ts). */
    windowUs: [number, number];
  };
  rssBaseMb: number;
  rssPerConnKb: number;
  rssPeakMb: number;
  storms: StormResult[];
}

async function runTarget(target: Target, n: number, rates: number[], tokens: string[], dataDir: string): Promise<RunResult> {
  const base = 3900 + Math.floor(Math.random() * 50) * 2;
  log(`${target} N=${n}: starting server`);
  const server =
    target === 'bare'
      ? await startBare(base)
      : await startBalai(target === 'balai-redis' ? [base, base + 1] : [base], target === 'balai-redis', dataDir);
  const children: ChildProcess[] = [];
  try {
    // Tokens: [0, 100) askers, [100, 100 + watchers) watchers, then the audience, then verifiers.
    const askers = tokens.slice(0, opts.questions * 2);
    const watcherTokens = tokens.slice(opts.questions * 2, opts.questions * 2 + opts.watchers);
    const audience = tokens.slice(opts.questions * 2 + opts.watchers, opts.questions * 2 + opts.watchers + n);
    const verifiers = tokens.slice(opts.questions * 2 + opts.watchers + n);
    if (audience.length < n || verifiers.length < 2) throw new Error('not enough tokens');
    const room = await prepareRoom(server, askers);
    if (server.balai) await reniceDatabase();
    await sleep(1500);
    const rssBase = server.pids.reduce((s, pid) => s + rssKb(pid), 0);

    // Join phase: the audience on raw WebSockets spread over the load processes.
    const workers = await Promise.all(Array.from({ length: opts.workers }, () => forkChild('load-worker.ts')));
    const watcher = await forkChild('watcher.ts');
    children.push(...workers, watcher);
    await sleep(500);
    log(`${target} N=${n}: joining`);
    const joinCpu = new CpuWindow(server.pids);
    const joinWindowUs: [number, number] = [Number(process.hrtime.bigint() / 1000n), 0];
    const connected = await Promise.all(
      workers.map((w, wi) =>
        request<Extract<FromLoad, { type: 'connected' }>>(
          w,
          {
            type: 'connect',
            origins: server.origins,
            participants: audience.map((token, index): Participant => ({ index, token })).filter((p) => p.index % opts.workers === wi),
            sessionId: room.sessionId,
            concurrency: Math.ceil(opts.joinConcurrency / opts.workers),
            deadline: now() + opts.joinDeadlineS * 1000,
          } satisfies ToLoad,
          'connected',
        ),
      ),
    );
    const joinServerCpu = joinCpu.stop();
    joinWindowUs[1] = Number(process.hrtime.bigint() / 1000n);
    const firstStart = Math.min(...connected.map((c) => c.firstStart));
    const lastDone = Math.max(...connected.map((c) => c.lastDone));
    const failures = connected.flatMap((c) => c.failures);
    const joinedCount = connected.reduce((s, c) => s + c.joinMs.length, 0);
    if (failures.length) log(`${target}: join failures: ${failures.slice(0, 5).join('; ')}`);
    const join = {
      joinsPerS: joinedCount / ((lastDone - firstStart) / 1000),
      handshake: summarize(connected.flatMap((c) => c.handshakeMs)),
      join: summarize(connected.flatMap((c) => c.joinMs)),
      failures: n - joinedCount,
      serverCpu: joinServerCpu,
      windowUs: joinWindowUs,
    };
    await request(
      watcher,
      { type: 'connect', origins: server.origins, tokens: watcherTokens, sessionId: room.sessionId } satisfies ToWatch,
      'connected',
    );
    let page: ChildProcess | undefined;
    if (opts.page && server.balai) {
      page = await forkChild('page-watcher.ts');
      children.push(page);
      await request(
        page,
        { type: 'open', origin: server.origins[0], code: room.code, cpuSlowdown: opts.pageCpu } satisfies ToPage,
        'opened',
        120_000,
      );
    }
    await sleep(2000);
    const rssJoined = server.pids.reduce((s, pid) => s + rssKb(pid), 0);
    const rssPerConnKb = (rssJoined - rssBase) / (joinedCount + watcherTokens.length);
    if (opts.heapSnapshot) await writeHeapSnapshots(server.pids, resolve(opts.heapSnapshot));
    let rssPeak = rssJoined;

    const storms: StormResult[] = [];
    for (const [ri, rate] of rates.entries()) {
      const questionIds = ri % 2 === 0 ? room.setA : room.setB;
      await request(watcher, { type: 'mark' } satisfies ToWatch, 'marked');
      if (page) await request(page, { type: 'mark' } satisfies ToPage, 'marked');
      log(`${target} N=${n}: storm ${rate}/s for ${opts.durationS}s`);
      const t0 = now() + 500;
      const generatorPids = [...workers, watcher].map((c) => c.pid!);
      let serverCpu = 0;
      let serverWritesPerS = 0;
      let generatorCpu = 0;
      let machineCpu = 0;
      let dbCpu = 0;
      let pressure = NaN;
      let waits: StormResult['waits'] = { servers: [], load: [], watchers: 0 };
      const windowUs: [number, number] = [0, 0];
      const commitsBefore = server.balai ? await databaseCommits() : 0;
      if (server.balai) await reniceDatabase();
      const dbPids = server.balai ? await databasePids(target === 'balai-redis') : [];
      const windowDone = new Promise<void>((done) => {
        setTimeout(() => {
          const s = new CpuWindow(server.pids);
          const g = new CpuWindow(generatorPids);
          const m = new MachineWindow();
          const d = new CpuWindow(dbPids);
          windowUs[0] = Number(process.hrtime.bigint() / 1000n);
          const sampler = setInterval(
            () =>
              (rssPeak = Math.max(
                rssPeak,
                server.pids.reduce((sum, pid) => sum + rssKb(pid), 0),
              )),
            500,
          );
          setTimeout(() => {
            serverWritesPerS = s.writesPerSecond();
            const generatorWaits = g.runQueueWaitMsPerSecond();
            waits = { servers: s.runQueueWaitMsPerSecond(), load: generatorWaits.slice(0, -1), watchers: generatorWaits.at(-1)! };
            serverCpu = s.stop();
            generatorCpu = g.stop();
            machineCpu = m.stop();
            dbCpu = dbPids.length ? d.stop() : 0;
            windowUs[1] = Number(process.hrtime.bigint() / 1000n);
            pressure = cpuPressure();
            clearInterval(sampler);
            done();
          }, opts.durationS * 1000);
        }, t0 - now());
      });
      const results = await Promise.all(
        workers.map((w) =>
          request<Extract<FromLoad, { type: 'stormDone' }>>(
            w,
            { type: 'storm', t0, rate, total: n, durationS: opts.durationS, questionIds } satisfies ToLoad,
            'stormDone',
          ),
        ),
      );
      await windowDone;
      await sleep(1000); // > 500 ms: every change must be visible by now
      const dbCommits = server.balai ? (await databaseCommits()) - commitsBefore : 0;
      const votes: VoteRecord[] = results.flatMap((r) => r.votes);
      if (opts.trace) writeFileSync(resolve(opts.trace, `${target}-${n}-${rate}-${Date.now()}.votes.json`), JSON.stringify(votes));
      const refused: Record<string, number> = {};
      for (const r of results) for (const [k, v] of Object.entries(r.failures)) refused[k] = (refused[k] ?? 0) + v;
      const accepted = votes.filter((v) => v[3] === 1);
      const expected = new Map(questionIds.map((id) => [id, 0]));
      for (const v of accepted) expected.set(questionIds[v[0]], expected.get(questionIds[v[0]])! + 1);
      const analyzed = await request<Extract<FromWatch, { type: 'analyzed' }>>(
        watcher,
        { type: 'analyze', questionIds, votes: accepted.map((v) => [v[0], v[1]]) } satisfies ToWatch,
        'analyzed',
      );
      const pageSeen = page
        ? await request<Extract<FromPage, { type: 'analyzed' }>>(
            page,
            {
              type: 'analyze',
              questionIds,
              votes: accepted.map((v) => [v[0], v[1]]),
              from: t0,
              to: t0 + opts.durationS * 1000,
            } satisfies ToPage,
            'analyzed',
          )
        : undefined;
      // Exact: every watcher and a newcomer on each server process see exactly the accepted votes.
      const mismatches: string[] = [];
      analyzed.finalCounts.forEach((counts, wi) => {
        for (const [id, want] of expected)
          if (counts[id] !== want) mismatches.push(`watcher ${wi} q${questionIds.indexOf(id)}: ${counts[id]} ≠ ${want}`);
      });
      for (const [oi, origin] of server.origins.entries()) {
        const seen = await readCounts(origin, verifiers[(ri * server.origins.length + oi) % verifiers.length], room.sessionId);
        for (const [id, want] of expected)
          if (seen.get(id) !== want) mismatches.push(`newcomer@${oi} q${questionIds.indexOf(id)}: ${seen.get(id)} ≠ ${want}`);
      }
      storms.push({
        rate,
        planned: votes.length,
        accepted: accepted.length,
        refused,
        ack: summarize(votes.filter((v) => v[2] >= 0).map((v) => v[2])),
        fanout: analyzed.fanout,
        fanoutMissing: analyzed.missing,
        fanoutTrend: analyzed.fanoutTrend,
        lagP99: summarize(results.flatMap((r) => r.lagMs)).p99,
        serverCpu,
        serverWritesPerS,
        generatorCpu,
        machineCpu,
        dbCpu,
        dbCommits,
        pressure,
        waits,
        windowUs,
        ackTrend: ackTrend(votes),
        page: pageSeen,
        exact: mismatches.length === 0 && accepted.length > 0,
        exactDetail: mismatches.length
          ? `${mismatches.length} mismatches, e.g. ${mismatches.slice(0, 3).join('; ')}`
          : `${accepted.length} votes`,
      });
      log(
        `${target} N=${n} R=${rate}: ack p99 ${storms.at(-1)!.ack.p99.toFixed(1)} ms, fan-out p99 ${analyzed.fanout.p99.toFixed(1)} ms, cpu ${serverCpu.toFixed(0)} %, exact ${storms.at(-1)!.exact}` +
          (server.origins.length > 1
            ? ` (fan-out p99 by watchers' process: ${analyzed.fanoutP99ByOrigin.map((v) => v.toFixed(0)).join(' / ')} ms)`
            : '') +
          `; run-queue wait ms/s: servers ${waits.servers.map((w) => w.toFixed(0)).join('+')}, load ${waits.load.map((w) => w.toFixed(0)).join('+')}, watchers ${waits.watchers.toFixed(0)}`,
      );
    }
    return { target, n, join, rssBaseMb: rssBase / 1024, rssPerConnKb, rssPeakMb: rssPeak / 1024, storms };
  } finally {
    for (const c of children) if (c.connected) c.send({ type: 'close' });
    await sleep(500);
    for (const c of children) if (c.exitCode === null) c.kill();
    await stopServer(server);
  }
}

// ---------------------------------------------------------------- report
const TARGETS = { fanout: 1.5, ack: 2, cpu: 1.5, rss: 2 };
const f = (v: number, d = 1) => (Number.isFinite(v) ? v.toFixed(d) : '—');
const ratio = (b: number, a: number) => (a > 0 && Number.isFinite(b) ? b / a : NaN);

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r: string[]) => `| ${r.map((cell, c) => cell.padEnd(widths[c])).join(' | ')} |`;
  return [line(rows[0]), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.slice(1).map(line)].join('\n');
}

function compare(bare: RunResult, other: RunResult, label: string): string {
  const rows: string[][] = [['metric', 'bare', label, 'ratio', 'target', 'verdict']];
  // Fewer participants joined means a smaller storm: latency and CPU ratios would flatter that side.
  const comparable = bare.join.failures === 0 && other.join.failures === 0;
  const verdict = (r: number, max: number) => (!comparable ? 'n/c' : Number.isFinite(r) ? (r <= max ? 'ok' : 'MISS') : '—');
  for (const [i, s] of other.storms.entries()) {
    const b = bare.storms.find((x) => x.rate === s.rate) ?? bare.storms[i];
    if (!b) continue;
    const tag = `R=${s.rate}/s`;
    rows.push([`${tag} ack p50 (ms)`, f(b.ack.p50), f(s.ack.p50), f(ratio(s.ack.p50, b.ack.p50), 2), '', '']);
    rows.push([
      `${tag} ack p99 (ms)`,
      f(b.ack.p99),
      f(s.ack.p99),
      f(ratio(s.ack.p99, b.ack.p99), 2),
      `≤ ${TARGETS.ack}×`,
      verdict(ratio(s.ack.p99, b.ack.p99), TARGETS.ack),
    ]);
    rows.push([
      `${tag} ack p99 first → last fifth (ms)`,
      `${f(b.ackTrend[0])} → ${f(b.ackTrend[1])}`,
      `${f(s.ackTrend[0])} → ${f(s.ackTrend[1])}`,
      '',
      '',
      '',
    ]);
    rows.push([`${tag} fan-out p50 (ms)`, f(b.fanout.p50), f(s.fanout.p50), f(ratio(s.fanout.p50, b.fanout.p50), 2), '', '']);
    rows.push([
      `${tag} fan-out p99 (ms)`,
      f(b.fanout.p99),
      f(s.fanout.p99),
      f(ratio(s.fanout.p99, b.fanout.p99), 2),
      `≤ ${TARGETS.fanout}×`,
      verdict(ratio(s.fanout.p99, b.fanout.p99), TARGETS.fanout),
    ]);
    rows.push([
      `${tag} fan-out p99 first → last fifth (ms)`,
      `${f(b.fanoutTrend[0])} → ${f(b.fanoutTrend[1])}`,
      `${f(s.fanoutTrend[0])} → ${f(s.fanoutTrend[1])}`,
      '',
      '',
      '',
    ]);
    rows.push([
      `${tag} server CPU (% core)`,
      f(b.serverCpu, 0),
      f(s.serverCpu, 0),
      f(ratio(s.serverCpu, b.serverCpu), 2),
      `≤ ${TARGETS.cpu}×`,
      verdict(ratio(s.serverCpu, b.serverCpu), TARGETS.cpu),
    ]);
    rows.push([
      `${tag} server write calls (k/s)`,
      f(b.serverWritesPerS / 1000, 1),
      f(s.serverWritesPerS / 1000, 1),
      f(ratio(s.serverWritesPerS, b.serverWritesPerS), 2),
      '',
      '',
    ]);
    rows.push([`${tag} + its database CPU (% core)`, '—', f(s.dbCpu, 0), '', '', '']);
    rows.push([`${tag} database transactions (votes per tx)`, '—', `${s.dbCommits} (${f(s.accepted / s.dbCommits, 1)})`, '', '', '']);
    rows.push([`${tag} CPU pressure, PSI some avg60 (%)`, f(b.pressure, 0), f(s.pressure, 0), '', '', '']);
    const waitText = (r: StormResult) =>
      r.waits
        ? `${r.waits.servers.map((w) => f(w, 0)).join('+')} / ${r.waits.load.map((w) => f(w, 0)).join('+')} / ${f(r.waits.watchers, 0)}`
        : '—';
    rows.push([`${tag} run-queue wait, server / load / watchers (ms/s)`, waitText(b), waitText(s), '', '', '']);
    rows.push([`${tag} generator CPU (% core)`, f(b.generatorCpu, 0), f(s.generatorCpu, 0), '', '', '']);
    rows.push([
      `${tag} other processes CPU (% core)`,
      f(b.machineCpu - b.serverCpu - b.generatorCpu - b.dbCpu, 0),
      f(s.machineCpu - s.serverCpu - s.generatorCpu - s.dbCpu, 0),
      '',
      '',
      '',
    ]);
    rows.push([`${tag} send lag p99 (ms)`, f(b.lagP99), f(s.lagP99), '', '', '']);
    rows.push([`${tag} votes accepted / sent`, `${b.accepted}/${b.planned}`, `${s.accepted}/${s.planned}`, '', '', '']);
    const refusedText = (r: StormResult) =>
      Object.entries(r.refused)
        .map(([k, v]) => `${k}:${v}`)
        .join(' ') || '0';
    rows.push([`${tag} refused / failed`, refusedText(b), refusedText(s), '', '', '']);
    rows.push([`${tag} counts exact`, b.exact ? 'yes' : 'NO', s.exact ? 'yes' : 'NO', '', 'exact', s.exact && b.exact ? 'ok' : 'MISS']);
  }
  rows.push([
    'RSS per connection (KB)',
    f(bare.rssPerConnKb),
    f(other.rssPerConnKb),
    f(ratio(other.rssPerConnKb, bare.rssPerConnKb), 2),
    `≤ ${TARGETS.rss}×`,
    verdict(ratio(other.rssPerConnKb, bare.rssPerConnKb), TARGETS.rss),
  ]);
  rows.push([
    'RSS before clients / peak (MB)',
    `${f(bare.rssBaseMb, 0)} / ${f(bare.rssPeakMb, 0)}`,
    `${f(other.rssBaseMb, 0)} / ${f(other.rssPeakMb, 0)}`,
    '',
    '',
    '',
  ]);
  rows.push([
    'joins/s',
    f(bare.join.joinsPerS, 0),
    f(other.join.joinsPerS, 0),
    f(ratio(other.join.joinsPerS, bare.join.joinsPerS), 2),
    '',
    '',
  ]);
  rows.push([
    'handshake p50 / p99 (ms)',
    `${f(bare.join.handshake.p50)} / ${f(bare.join.handshake.p99)}`,
    `${f(other.join.handshake.p50)} / ${f(other.join.handshake.p99)}`,
    f(ratio(other.join.handshake.p99, bare.join.handshake.p99), 2),
    '',
    '',
  ]);
  rows.push([
    'connect+join p50 / p99 (ms)',
    `${f(bare.join.join.p50)} / ${f(bare.join.join.p99)}`,
    `${f(other.join.join.p50)} / ${f(other.join.join.p99)}`,
    f(ratio(other.join.join.p99, bare.join.join.p99), 2),
    '',
    '',
  ]);
  rows.push(['server CPU while joining (% core)', f(bare.join.serverCpu, 0), f(other.join.serverCpu, 0), '', '', '']);
  rows.push(['joined / N', `${bare.n - bare.join.failures}/${bare.n}`, `${other.n - other.join.failures}/${other.n}`, '', '', '']);
  const table_ = table(rows);
  return comparable
    ? table_
    : `${table_}\n\nn/c: not comparable: only ${other.n - other.join.failures} of ${other.n} participants joined ${label} before the join deadline (${opts.joinDeadlineS} s), so its storm was smaller (see "votes accepted / sent"); exactness still holds.`;
}

function renderReport(results: RunResult[], notes: string[]): string {
  const out: string[] = [];
  const bareAt = (n: number) => results.find((r) => r.target === 'bare' && r.n === n);
  for (const r of results.filter((x) => x.target !== 'bare')) {
    const bare = bareAt(r.n);
    const title =
      r.target === 'balai'
        ? `Scenario 1–2: N = ${r.n.toLocaleString('en')} participants (+${opts.watchers} watchers), one Balai process`
        : `Scenario 3: N = ${r.n.toLocaleString('en')}, two Balai processes with Redis (clients split), vs one bare process`;
    out.push(`### ${title}\n`);
    out.push(bare ? compare(bare, r, r.target === 'balai' ? 'Balai' : 'Balai×2+Redis') : '(no bare run at this N)');
    out.push('');
  }
  if (!results.some((x) => x.target !== 'bare')) {
    for (const bare of results) {
      out.push(`### Bare only: N = ${bare.n}\n`);
      out.push(compare(bare, bare, 'bare (again)'));
      out.push('');
    }
  }
  out.push(...notes.map((n) => `- ${n}`));
  return out.join('\n');
}

/** The participant page beside the socket watchers, storm by storm (with --page). */
function renderPageReport(results: RunResult[], notes: string[]): string {
  const rows: string[][] = [
    [
      'run',
      'socket watchers: fan-out p50 / p99 / max (ms)',
      `page (${opts.pageCpu}× CPU): fan-out p50 / p99 / max (ms)`,
      'page: counts missed',
      'page: votes off the first page',
      'page: tasks > 50 ms (count, longest ms)',
      'questions drawn',
    ],
  ];
  for (const r of results)
    for (const s of r.storms) {
      if (!s.page) continue;
      rows.push([
        `${r.target} N=${r.n} R=${s.rate}/s`,
        `${f(s.fanout.p50)} / ${f(s.fanout.p99)} / ${f(s.fanout.max)}`,
        `${f(s.page.fanout.p50)} / ${f(s.page.fanout.p99)} / ${f(s.page.fanout.max)}`,
        String(s.page.missing),
        String(s.page.offPage),
        `${s.page.longTasks.count}, ${f(s.page.longTasks.max, 0)}`,
        String(s.page.watchedQuestions),
      ]);
    }
  return [
    table(rows),
    '',
    `- The page: Chromium (Debian's, headless) opens \`/live/:code\` at 390 × 844, joins as a guest, sorts by top, and has its CPU slowed down ${opts.pageCpu}× (DevTools' CPU throttling); a MutationObserver notes when each count is first drawn, and the Long Tasks API every main-thread task over 50 ms in the storm's window. Fan-out = vote sent → the page draws a count that includes it, over the questions the page had drawn (its first page of the list); a vote on a question that the settling ranking moved off the first page before its count showed is counted apart, not timed (the count shows when the question comes back). Contract: every change within 500 ms.`,
    ...notes.map((n) => `- ${n}`),
  ].join('\n');
}

function writeDocs(report: string): void {
  writeBenchmarkSection('live', `## Live\n\n${report}\n`);
  log(`wrote the Live section of docs/BENCHMARKS.md`);
}

/** Every figure of a run as the median over rounds (numbers), all of them (flags), or the first (text). */
function medianOf<T>(values: T[]): T {
  const first = values[0] as unknown;
  if (typeof first === 'number') {
    const sorted = [...(values as number[])].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] as T;
  }
  if (typeof first === 'boolean') return (values as boolean[]).every(Boolean) as T;
  if (Array.isArray(first)) return first.map((_, i) => medianOf(values.map((v) => (v as unknown[])[i]))) as T;
  if (first && typeof first === 'object') {
    return Object.fromEntries(
      Object.keys(first).map((key) => [key, medianOf(values.map((v) => (v as Record<string, unknown>)[key]))]),
    ) as T;
  }
  return first as T;
}

/**
 * The storms of scenario 3, in order: the same as the bare run it is compared with, so that each storm
 * meets both servers equally warm (bare's R = 1,000 figure comes from its second storm when N is also in
 * scenario 1; a first storm on fresh processes runs its first seconds through cold code paths).
 */
const scenario3Rates = opts.ns.includes(opts.redisN) && opts.rates.includes(opts.redisRate) ? opts.rates : [opts.redisRate];

// ---------------------------------------------------------------- main
async function main(): Promise<void> {
  const startedAt = Date.now();
  if (opts.nice !== 0) setPriority(process.pid, opts.nice);
  pin(process.pid, OTHERS_CPU); // inherited by every process started from here on; the servers move to SERVER_CPU
  const maxN = Math.max(...opts.ns, opts.targets.includes('balai-redis') ? opts.redisN : 0);
  const tokenCount = opts.questions * 2 + opts.watchers + maxN + 8;
  const dataDir = mkdtempSync(join(tmpdir(), 'balai-bench-live-'));
  const results: RunResult[] = [];
  const wantsBalai = opts.targets.some((t) => t !== 'bare');
  let balaiTokens: string[] = [];
  if (opts.page) {
    // The page is the built web app that Balai serves: build it (Vite, about a second) so the page is
    // current; unminified when profiled, so that the profile names the functions.
    log('building the web app for the page');
    const unminified = process.env.BENCH_PAGE_PROFILE ? ['--', '--minify', 'false'] : [];
    execFileSync('npm', ['run', 'build:web', ...unminified], { cwd: opts.balaiRoot, stdio: 'ignore' });
  }
  try {
    if (wantsBalai) {
      await recreateDatabase(DB_NAME);
      log('creating guest accounts on Balai');
      const server = await startBalai([3899], false, dataDir);
      try {
        const t = Date.now();
        balaiTokens = await createGuests(server.origins[0], tokenCount);
        log(`${tokenCount} guests in ${((Date.now() - t) / 1000).toFixed(1)} s`);
      } finally {
        await stopServer(server);
      }
    }
    const bareTokens = Array.from({ length: tokenCount }, (_, i) => `bare-participant-${i}`);
    // With --rounds, the targets take turns round after round, and each figure is the median over the rounds.
    const rounds: RunResult[][] = [];
    for (let round = 1; round <= opts.rounds; round++) {
      if (opts.rounds > 1) log(`round ${round} of ${opts.rounds}`);
      const runs: RunResult[] = [];
      for (const n of opts.ns) {
        if (opts.targets.includes('bare')) runs.push(await runTarget('bare', n, opts.rates, bareTokens, dataDir));
        if (opts.targets.includes('balai')) runs.push(await runTarget('balai', n, opts.rates, balaiTokens, dataDir));
      }
      if (opts.targets.includes('balai-redis')) {
        if (opts.targets.includes('bare') && !opts.ns.includes(opts.redisN))
          runs.push(await runTarget('bare', opts.redisN, [opts.redisRate], bareTokens, dataDir));
        runs.push(await runTarget('balai-redis', opts.redisN, scenario3Rates, balaiTokens, dataDir));
      }
      rounds.push(runs);
    }
    results.push(...rounds[0]!.map((_, i) => medianOf(rounds.map((runs) => runs[i]!))));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  const cpu = cpus();
  const notes = [
    `Command: \`npm run bench:live${argv.length ? ` -- ${argv.join(' ')}` : ''}\`.`,
    `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC${quick ? ' (--quick)' : ''}, ${((Date.now() - startedAt) / 60000).toFixed(1)} min; machine: ${cpu.length} cores (${cpu[0]?.model.trim()}), Node ${process.version}.`,
    `Storm: R votes/s for ${opts.durationS} s over ${opts.questions} questions; participant p casts vote j = k·N + p at t0 + j/R on question (p + k) mod ${opts.questions}: every participant at most one vote per N/R s (≥ 1 s), never twice on a question.`,
    `Audience on raw WebSockets (hand-written WebSocket, Engine.IO 4 and Socket.IO 5 framing over plain TCP) in ${opts.workers} load processes, reading their count messages in rounds (each client once a second, at once while awaiting an ack: test/bench/live/raw-client.ts); ${opts.watchers} watchers are real socket.io-client instances; fan-out = vote sent → a watcher sees a count including it (i-th vote on a question in send order ↔ count i), over all watchers.`,
    `Ack latency: question:upvote sent → ack, all votes. CPU: utime+stime from /proc over the storm window, % of one core (two processes summed for the Redis pair). RSS per connection = (RSS after joins − RSS before) / connections.`,
    `The load generator (and the coordinator) run on the same ${cpu.length}-core machine as the server: "generator CPU" is what the load processes used; the send-lag row shows whether the generator kept its schedule. Other work may have been running on the machine.`,
    `Balai runs from sources (node -r @swc-node/register apps/api/src/main.ts, NODE_ENV=production, LOG_LEVEL=warn) on PostgreSQL (database ${DB_NAME}, recreated per run); scenario 3 adds REDIS_URL and splits clients between the two processes by index.`,
  ];
  if (opts.rounds > 1) {
    notes.push(
      `${opts.rounds} rounds, the targets taking turns in each (bare, then Balai, per N); every figure is the median over the rounds, each on its own (so a row's ratio may come from different rounds).`,
    );
  }
  notes.push(
    opts.pin
      ? 'The servers ran on CPU 0 and the load (load processes, watchers, coordinator) on CPU 1, as if the clients were on other machines; PostgreSQL, Redis and the two Balai processes of scenario 3 could run on either CPU.'
      : 'Nothing was pinned to a CPU (--no-pin): the load generator and the servers shared both cores.',
  );
  if (opts.loadNice !== 0) {
    notes.push(
      `The load processes and the watchers ran at nice ${opts.loadNice}, above the servers (bare and Balai alike): what times the servers does not wait for a CPU behind them, as if it had its own machine. The run-queue wait row shows how long each event loop waited for a CPU while it had work.`,
    );
  }
  if (opts.nice !== 0) {
    notes.push(
      `The servers, the load processes, the coordinator and the bench database's PostgreSQL backends ran at nice ${opts.nice} (bare and Balai alike), because other work kept the shared machine busy; Redis was not reniced.`,
    );
  }
  if (opts.balaiRoot !== ROOT) notes.push(`Balai ran from ${opts.balaiRoot}, not from this work tree.`);
  const report = renderReport(results, notes);
  process.stdout.write(`\n${report}\n`);
  writeFileSync(join(tmpdir(), 'balai-bench-live.json'), JSON.stringify({ opts, results }, null, 2));
  if (opts.page) {
    const pageReport = renderPageReport(results, notes);
    process.stdout.write(`\n${pageReport}\n`);
    if (opts.docs) writeBenchmarkSection('live-page', `## Live: the participant page during a storm\n\n${pageReport}\n`);
  } else if (opts.docs) writeDocs(report);
}

main().catch((error: unknown) => {
  log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
