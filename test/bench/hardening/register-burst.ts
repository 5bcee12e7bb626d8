/**
 * Registration burst: RSS of a real server process while N registrations (argon2id, 64 MiB each)
 * arrive at once. Run it on two commits to compare (before and after the hashing limit):
 *   npx ts-node / node -r @swc-node/register test/bench/hardening/register-burst.ts [--n=50]
 * Prints the server's RSS before the burst, its peak during it (sampled every 20 ms from
 * /proc/<pid>/status) and the statuses. Not part of npm test. Needs PostgreSQL like the e2e tests.
 */
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { freePort, TEST_JWT_SECRET, TestDatabase, waitForHealthy } from '@balai/testing';
import { spawnServer } from '../../support/server-process';

const n = Number(process.argv.find((arg) => arg.startsWith('--n='))?.slice(4) ?? 50);

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

async function main(): Promise<void> {
  const database = await TestDatabase.create();
  const port = await freePort();
  const server = spawnServer({
    PORT: String(port),
    DATABASE_URL: database.url,
    JWT_SECRET: TEST_JWT_SECRET,
    BALAI_DEMO: 'false',
    REGISTER_LIMIT_PER_HOUR: '100000',
  });
  try {
    await waitForHealthy(server.url, 60_000);
    const pid = server.child.pid!;
    const idle = rssMiB(pid);
    let peak = idle;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMiB(pid))), 20);
    const started = Date.now();
    const statuses = await Promise.all(
      Array.from({ length: n }, async () => {
        const response = await fetch(`${server.url}/api/v1/auth/register`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: `burst-${randomUUID()}@contoh.id`, password: 'kata-sandi-rahasia', displayName: 'Burst' }),
        });
        await response.arrayBuffer();
        return response.status;
      }),
    );
    clearInterval(sampler);
    const counts = statuses.reduce<Record<number, number>>((all, status) => ({ ...all, [status]: (all[status] ?? 0) + 1 }), {});
    process.stdout.write(
      `${n} registrations at once: RSS idle ${idle.toFixed(0)} MiB, peak ${peak.toFixed(0)} MiB (+${(peak - idle).toFixed(0)} MiB), ` +
        `${((Date.now() - started) / 1000).toFixed(1)} s, statuses ${JSON.stringify(counts)}\n`,
    );
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
    await database.drop();
  }
}

void main();
