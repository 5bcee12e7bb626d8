import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Logger as NestLogger } from '@nestjs/common';
import { loadConfig } from '@balai/config';
import { createTestOrm, freePort, TEST_JWT_SECRET, TestDatabase, TestOrm, waitForHealthy } from '@balai/testing';
import { User } from '../../libs/identity/src/user.entity';
import { Logger as PinoNestLogger, PinoLogger } from 'nestjs-pino';
import { createRootLogger } from '../../apps/api/src/logging';
import { spawnServer } from '../support/server-process';
import { connectLive, waitFor } from './live-helpers';

/**
 * Personal data in logs (issue 17): a failed insert used to be logged with the statement's values (an
 * e-mail, an argon2 hash) and the driver's detail quoting the row. The app's logger keeps the SQLSTATE
 * and the statement without values. A real unique violation from PostgreSQL, logged as the filters do.
 */
describe('database errors in the log', () => {
  let orm: TestOrm;
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });

  beforeAll(async () => {
    orm = await createTestOrm([User]);
  });
  afterAll(() => orm.close());

  it('logs a unique violation on register with its code and statement, without the e-mail or the hash', async () => {
    const email = 'rahasia.warga@contoh.id';
    const hash = '$argon2id$v=19$m=65536,t=3,p=4$c2VjcmV0c2FsdA$YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXo';
    const register = () => {
      const em = orm.em.fork();
      em.create(User, { email, passwordHash: hash, displayName: 'Warga', role: 'citizen' });
      return em.flush();
    };
    await register();
    const failure = await register().then(
      () => null,
      (error: unknown) => error,
    );
    expect(String((failure as Error).message)).toContain(email); // what used to reach the log

    const config = loadConfig({ DATABASE_URL: orm.database.url, JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'info' });
    const root = createRootLogger(config, destination);
    // As the problem filter logs an unexpected error: Nest's Logger through nestjs-pino.
    const nest = new PinoNestLogger(new PinoLogger({ pinoHttp: { logger: root } }), {});
    NestLogger.overrideLogger(nest);
    new NestLogger('HTTP').error({ err: failure, path: '/api/v1/auth/register' }, 'Unhandled error on POST /api/v1/auth/register');
    root.error({ err: failure }, 'and straight through pino');
    NestLogger.overrideLogger(false);

    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).not.toContain(email);
      expect(line).not.toContain('argon2');
      expect(line).not.toContain('Warga');
      const entry = JSON.parse(line) as { err: { code: string; constraint: string; message: string; stack: string } };
      expect(entry.err.code).toBe('23505');
      expect(entry.err.constraint).toMatch(/email/);
      expect(entry.err.message).toMatch(/^insert into "users" \(.+\) values \(\?, \?/);
      expect(entry.err.stack).toMatch(/^\s+at /);
    }
  });
});

/**
 * Tokens in the log (issue 17): the server as a process at LOG_LEVEL=debug, its whole output captured.
 * A bearer token in the Authorization header, the same token as `?token=` and `?access_token=` in
 * URLs (a 200, a 401, a 404 and a problem), and a Socket.IO handshake carrying it (accepted and refused):
 * the token's text appears in no line, while the requests themselves are logged.
 */
describe('tokens in the log', () => {
  jest.setTimeout(90_000);

  it('never logs a bearer token, a token in a query string or a handshake token', async () => {
    const database = await TestDatabase.create();
    const port = await freePort();
    const server = spawnServer({
      PORT: String(port),
      DATABASE_URL: database.url,
      JWT_SECRET: TEST_JWT_SECRET,
      BALAI_DEMO: 'false',
      LOG_LEVEL: 'debug',
    });
    try {
      await waitForHealthy(server.url, 60_000);
      const registered = await fetch(`${server.url}/api/v1/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'token.log@test.balai', password: 'correct-horse-battery', displayName: 'Token Log' }),
      });
      expect(registered.status).toBe(201);
      const { accessToken: token } = (await registered.json()) as { accessToken: string };
      expect(token.length).toBeGreaterThan(40);
      const signature = token.split('.')[2] ?? '';
      const auth = { authorization: `Bearer ${token}`, cookie: `balai_token=${token}` };

      expect((await fetch(`${server.url}/api/v1/me`, { headers: auth })).status).toBe(200);
      expect((await fetch(`${server.url}/api/v1/me?token=${token}`)).status).toBe(401);
      expect((await fetch(`${server.url}/api/v1/me?lang=id&access_token=${encodeURIComponent(token)}`, { headers: auth })).status).toBe(
        200,
      );
      expect((await fetch(`${server.url}/api/v1/no-such-route?token=${token}`)).status).toBe(404);
      expect((await fetch(`${server.url}/api/v1/threads/not-a-uuid?token=${token}`, { headers: auth })).status).toBe(400);
      const live = await connectLive(server.url, token);
      live.close();
      await expect(connectLive(server.url, `${token}x`)).rejects.toThrow();

      await waitFor(() => (server.output().match(/request completed/g) ?? []).length >= 5, 'five request lines', 20_000);
      const output = server.output();
      expect(output).toContain('/api/v1/me?token=[redacted]');
      expect(output).toContain('/api/v1/me?lang=id&access_token=[redacted]');
      expect(output).not.toContain(token);
      expect(output).not.toContain(signature);
      expect(output).not.toContain(encodeURIComponent(token));
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
      await database.drop();
    }
  });
});

/** The web app puts its token in the Authorization header and the Socket.IO handshake's `auth`, never in a URL. */
describe('tokens in the web app', () => {
  const sources = (directory: string): string[] =>
    readdirSync(directory, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? sources(join(directory, entry.name)) : /\.tsx?$/.test(entry.name) ? [join(directory, entry.name)] : [],
    );

  it('sends the token only as a bearer header and as handshake auth', () => {
    const files = sources(join(__dirname, '..', '..', 'apps', 'web', 'src'));
    expect(files.length).toBeGreaterThan(20);
    const offending = files.filter((file) =>
      /[?&](access_)?token=|searchParams\.(set|append)\(['"](access_)?token/.test(readFileSync(file, 'utf8')),
    );
    expect(offending).toEqual([]);
    const api = readFileSync(join(__dirname, '..', '..', 'apps', 'web', 'src', 'api.ts'), 'utf8');
    expect(api).toContain('headers.authorization = `Bearer ${token}`');
    const socket = readFileSync(join(__dirname, '..', '..', 'apps', 'web', 'src', 'live', 'live-socket.ts'), 'utf8');
    expect(socket).toMatch(/auth: \{ token \}/);
  });
});
