import { Writable } from 'node:stream';
import { Logger as NestLogger } from '@nestjs/common';
import { loadConfig } from '@balai/config';
import { createTestOrm, TEST_JWT_SECRET, TestOrm } from '@balai/testing';
import { User } from '../../libs/identity/src/user.entity';
import { Logger as PinoNestLogger, PinoLogger } from 'nestjs-pino';
import { createRootLogger } from '../../apps/api/src/logging';

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
