import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './load-config';

describe('loadConfig', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'balai-config-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('defaults to the embedded database on port 3000 and keeps a generated JWT secret in DATA_DIR', () => {
    const config = loadConfig({ DATA_DIR: dataDir });
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ kind: 'embedded', dataDir });
    expect(config.migrate).toBe(true);
    expect(config.demo).toBeUndefined();
    expect(config.jwt.secret.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(join(dataDir, 'jwt-secret'), 'utf8')).toBe(config.jwt.secret);
    expect(loadConfig({ DATA_DIR: dataDir }).jwt.secret).toBe(config.jwt.secret);
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://u@db:5432/balai',
      REDIS_URL: 'redis://cache:6379',
      JWT_SECRET: 'x'.repeat(40),
      BALAI_ADMIN_EMAIL: 'Admin@City.go.id',
      BALAI_ADMIN_PASSWORD: 'a-long-password',
      BALAI_DEMO: 'true',
      BALAI_MIGRATE: 'false',
      TRUST_PROXY: '10.0.0.0/8, 127.0.0.1',
      ALLOWED_ORIGINS: 'https://balai.example.id,https://warga.example.id',
      PROCESS_STATS_MS: '10000',
    });
    expect(config).toMatchObject({
      port: 8080,
      database: { kind: 'postgres', url: 'postgres://u@db:5432/balai' },
      redisUrl: 'redis://cache:6379',
      admin: { email: 'admin@city.go.id', password: 'a-long-password' },
      demo: true,
      migrate: false,
      trustProxy: ['10.0.0.0/8', '127.0.0.1'],
      allowedOrigins: ['https://balai.example.id', 'https://warga.example.id'],
      processStatsMs: 10000,
    });
  });

  it('names every bad variable in one error', () => {
    let error: unknown;
    try {
      loadConfig({
        DATA_DIR: dataDir,
        PORT: 'eighty',
        DATABASE_URL: 'mysql://nope',
        REDIS_URL: 'localhost:6379',
        BALAI_MIGRATE: 'maybe',
        ALLOWED_ORIGINS: 'balai.example.id',
        BALAI_ADMIN_EMAIL: 'admin@example.id',
        PROCESS_STATS_MS: 'often',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    for (const variable of [
      'PORT',
      'DATABASE_URL',
      'REDIS_URL',
      'BALAI_MIGRATE',
      'ALLOWED_ORIGINS',
      'BALAI_ADMIN_PASSWORD',
      'PROCESS_STATS_MS',
    ]) {
      expect(message).toContain(variable);
    }
  });

  it('requires JWT_SECRET with a real PostgreSQL', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://u@db/balai' })).toThrow(/JWT_SECRET: required/);
  });

  it('reads the e-mail variables, with the public address and a sender derived from it by default', () => {
    const defaults = loadConfig({ DATA_DIR: dataDir, PORT: '8080' });
    expect(defaults.publicUrl).toBe('http://localhost:8080');
    expect(defaults.mail).toMatchObject({ smtpUrl: undefined, from: 'Balai <no-reply@localhost>' });
    const set = loadConfig({
      DATA_DIR: dataDir,
      PUBLIC_URL: 'https://balai.example.id/',
      SMTP_URL: 'smtp://user:pass@mail.example.id:587',
      MAIL_FROM: 'Pemkot <balai@example.id>',
    });
    expect(set.publicUrl).toBe('https://balai.example.id');
    expect(set.mail).toMatchObject({ smtpUrl: 'smtp://user:pass@mail.example.id:587', from: 'Pemkot <balai@example.id>' });
  });

  it('names bad e-mail variables', () => {
    expect(() =>
      loadConfig({ DATA_DIR: dataDir, PUBLIC_URL: 'balai.example.id', SMTP_URL: 'mail.example.id', MAIL_FROM: 'nobody' }),
    ).toThrow(/PUBLIC_URL[\s\S]*SMTP_URL[\s\S]*MAIL_FROM/);
  });

  it('reads the flood limits and the guest proof of work, with the contract defaults', () => {
    const defaults = loadConfig({ DATA_DIR: dataDir });
    expect(defaults.limits).toMatchObject({
      httpWritesPerMinute: 30,
      reportsPerAddressPerMinute: 60,
      liveEventsPerSecond: 20,
      liveFloodDisconnectAfter: 100,
      liveSocketsPerAddress: 2000,
    });
    expect(defaults.guestProofOfWork).toEqual({ enabled: false, maxNumber: 100_000 });
    const set = loadConfig({
      DATA_DIR: dataDir,
      HTTP_WRITES_PER_MINUTE: '5',
      LIVE_SOCKETS_PER_ADDRESS: '10',
      GUEST_PROOF_OF_WORK: 'true',
      GUEST_PROOF_OF_WORK_MAX_NUMBER: '5000',
    });
    expect(set.limits).toMatchObject({ httpWritesPerMinute: 5, liveSocketsPerAddress: 10 });
    expect(set.guestProofOfWork).toEqual({ enabled: true, maxNumber: 5000 });
    expect(() => loadConfig({ DATA_DIR: dataDir, LIVE_EVENTS_PER_SECOND: '0', GUEST_PROOF_OF_WORK: 'maybe' })).toThrow(
      /LIVE_EVENTS_PER_SECOND[\s\S]*GUEST_PROOF_OF_WORK/,
    );
  });
});
