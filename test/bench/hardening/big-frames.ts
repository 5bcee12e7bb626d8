/**
 * Big frames: while one client sends F Socket.IO frames of about 1 MB, how long does a bystander wait
 * for its acks? Before the transport limit each frame was read, decoded and validated (60 of them: a
 * 500 ms stall); now the transport closes the sender from the frame's length header.
 *   node -r @swc-node/register test/bench/hardening/big-frames.ts [--frames=60]
 * Prints the bystander's ack latencies (median, max) without and during the attack. Not part of npm
 * test. Needs PostgreSQL like the e2e tests.
 */
import { io, Socket } from 'socket.io-client';
import { freePort, TEST_JWT_SECRET, TestDatabase, waitForHealthy } from '@balai/testing';
import { spawnServer } from '../../support/server-process';

const frames = Number(process.argv.find((arg) => arg.startsWith('--frames='))?.slice(9) ?? 60);

async function guestToken(url: string): Promise<string> {
  const response = await fetch(`${url}/api/v1/auth/guest`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ displayName: 'Tamu' }),
  });
  return ((await response.json()) as { accessToken: string }).accessToken;
}

function connect(url: string, token: string): Promise<Socket> {
  const socket = io(`${url}/live`, { transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** Ack latencies of `count` small requests (an unknown session: answered without the database). */
async function probe(socket: Socket, count: number): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await socket.timeout(10_000).emitWithAck('session:leave', { sessionId: '00000000-0000-4000-8000-000000000000' });
    latencies.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return latencies.sort((a, b) => a - b);
}

const describe = (latencies: number[]) =>
  `median ${latencies[Math.floor(latencies.length / 2)]!.toFixed(1)} ms, max ${latencies[latencies.length - 1]!.toFixed(1)} ms`;

async function main(): Promise<void> {
  const database = await TestDatabase.create();
  const port = await freePort();
  const server = spawnServer({ PORT: String(port), DATABASE_URL: database.url, JWT_SECRET: TEST_JWT_SECRET, BALAI_DEMO: 'false' });
  try {
    await waitForHealthy(server.url, 60_000);
    const bystander = await connect(server.url, await guestToken(server.url));
    const quiet = await probe(bystander, 50);
    const payload = { sessionId: '00000000-0000-4000-8000-000000000000', text: 'x'.repeat(1_000_000), clientRequestId: 'big' };
    let closed = 0;
    const attack = (async () => {
      for (let i = 0; i < frames; i++) {
        const attacker = await connect(server.url, await guestToken(server.url));
        attacker.on('disconnect', () => (closed += 1));
        attacker.emit('question:ask', payload);
        attacker.emit('question:ask', payload);
      }
    })();
    const during = await probe(bystander, 50);
    await attack;
    process.stdout.write(
      `bystander acks: quiet ${describe(quiet)}; during ${frames} × 2 frames of 1 MB ${describe(during)}; attacker connections closed: ${closed}/${frames}\n`,
    );
    bystander.close();
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
    await database.drop();
  }
}

void main();
