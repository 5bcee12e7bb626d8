/**
 * Delivery micro-benchmark: what one count message costs the server per socket, Socket.IO's own
 * broadcast (`emit`, the baseline: what the bare server of bench:live does) against Balai's prebuilt
 * frame (`sendSuperseding`), in one burst per window or in turns of shard groups (CountCoalescer).
 * The server (CPU 0) and the clients (CPU 1) are separate processes; no database, no votes.
 *   npm run bench:delivery -- --n=2000,5000 --windows=100 --window-ms=100 --changed=50 --rounds=3 [--no-docs]
 */
import { ChildProcess, execFileSync, fork } from 'node:child_process';
import { join, resolve } from 'node:path';
import { writeBenchmarkSection } from '../benchmarks-doc';
import type { DeliveryCommand, FromDeliveryClients, FromDeliveryServer } from './protocol';

const flag = (name: string) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
const opts = {
  ns: (flag('n') ?? '2000,5000').split(',').map(Number),
  windows: Number(flag('windows') ?? 100),
  windowMs: Number(flag('window-ms') ?? 100),
  changed: Number(flag('changed') ?? 50),
  rounds: Number(flag('rounds') ?? 3),
};
const CASES: Array<Pick<DeliveryCommand, 'method' | 'turns'>> = [
  { method: 'emit', turns: 1 },
  { method: 'emit', turns: 4 },
  { method: 'frame', turns: 1 },
  { method: 'frame', turns: 2 },
  { method: 'frame', turns: 4 },
  { method: 'frame', turns: 8 },
];
const ROOT = resolve(__dirname, '../../..');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (...args: unknown[]) => process.stderr.write(`[bench:delivery] ${args.join(' ')}\n`);

function start(file: string, cpu: string): ChildProcess {
  const child = fork(join(__dirname, file), [], {
    cwd: ROOT,
    execArgv: ['-r', '@swc-node/register'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    execFileSync('taskset', ['-a', '-p', '-c', cpu, String(child.pid)], { stdio: 'ignore' });
  } catch {
    log(`could not pin ${file} to CPU ${cpu}`);
  }
  return child;
}

function ask<T extends { type: string }>(child: ChildProcess, message: unknown, expect: T['type']): Promise<T> {
  return new Promise((done) => {
    const listener = (reply: T) => {
      if (reply.type !== expect) return;
      child.off('message', listener);
      done(reply);
    };
    child.on('message', listener);
    child.send(message as object);
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

interface Measured {
  usPerDelivery: number;
  delivered: number;
  expected: number;
}

async function measure(n: number): Promise<Map<string, Measured[]>> {
  const server = start('server.ts', '0');
  const clients = start('clients.ts', '1');
  try {
    await sleep(1500);
    const { port } = await ask<Extract<FromDeliveryServer, { type: 'port' }>>(server, { type: 'port' }, 'port');
    await ask<FromDeliveryClients>(clients, { type: 'connect', origin: `http://127.0.0.1:${port}`, n }, 'connected');
    await sleep(2000);
    const results = new Map<string, Measured[]>();
    for (let round = 0; round < opts.rounds; round++) {
      for (const c of CASES) {
        const before = await ask<Extract<FromDeliveryClients, { type: 'counted' }>>(clients, { type: 'count' }, 'counted');
        const command: DeliveryCommand = { type: 'send', ...c, windows: opts.windows, windowMs: opts.windowMs, changed: opts.changed };
        const sent = await ask<Extract<FromDeliveryServer, { type: 'sent' }>>(server, command, 'sent');
        await sleep(300);
        const after = await ask<Extract<FromDeliveryClients, { type: 'counted' }>>(clients, { type: 'count' }, 'counted');
        const key = `${c.method} ${c.turns}`;
        const delivered = after.received - before.received;
        const list = results.get(key) ?? [];
        list.push({ usPerDelivery: sent.cpuUs / (n * opts.windows), delivered, expected: n * opts.windows });
        results.set(key, list);
        log(
          `N=${n} round ${round + 1} ${key}: ${(sent.cpuUs / (n * opts.windows)).toFixed(2)} µs/delivery, ${delivered}/${n * opts.windows} delivered`,
        );
      }
    }
    return results;
  } finally {
    server.kill();
    clients.kill();
  }
}

async function main(): Promise<void> {
  const lines = [
    `| N | sends | CPU µs per delivery (median of ${opts.rounds}) | vs emit, one burst | delivered |`,
    '| --- | --- | ---: | ---: | --- |',
  ];
  for (const n of opts.ns) {
    const results = await measure(n);
    const baseline = median(results.get('emit 1')!.map((m) => m.usPerDelivery));
    for (const [key, list] of results) {
      const [method, turns] = key.split(' ');
      const us = median(list.map((m) => m.usPerDelivery));
      const complete = list.every((m) => m.delivered === m.expected);
      const how = `${method === 'emit' ? 'Socket.IO emit' : 'prebuilt frame'}, ${turns === '1' ? 'one burst' : `${turns} turns`} per window`;
      lines.push(
        `| ${n.toLocaleString('en')} | ${how} | ${us.toFixed(2)} | ${(us / baseline).toFixed(2)} | ${complete ? 'all' : 'MISSING'} |`,
      );
    }
  }
  const report = [
    `\`npm run bench:delivery -- ${process.argv.slice(2).join(' ')}\` (test/bench/delivery), run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
    '',
    'What one count message costs the server per socket: a plain Socket.IO server with N raw WebSocket clients in 8 shard ' +
      `rooms sends ${opts.windows} windows of ${opts.windowMs} ms, each a \`question:votes\` message with ${opts.changed} counts, ` +
      "either through Socket.IO's broadcast (`emit`: what the bare server of bench:live does) or as Balai's prebuilt frame " +
      '(`sendSuperseding`), in one burst per window or in turns of shard groups (as `CountCoalescer` does). CPU is the ' +
      "server process's user + system time (all threads) until the last write went out, over the deliveries; the server runs on " +
      'CPU 0, the clients on CPU 1. No database, no votes: bench:live measures the whole.',
    '',
    ...lines,
  ].join('\n');
  process.stdout.write(`\n${report}\n`);
  if (!process.argv.includes('--no-docs')) {
    writeBenchmarkSection('delivery', `## Count delivery (micro-benchmark)\n\n${report}\n`);
    log('wrote the delivery section of docs/BENCHMARKS.md');
  }
}

void main();
