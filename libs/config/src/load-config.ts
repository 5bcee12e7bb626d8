import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import { AppConfig } from './app-config';
import { Environment } from './environment';
import { JWT_SECRET_FILE, ownerOnlyDirectory } from './owner-only';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Balai cannot start, the configuration is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function describe(errors: ValidationError[]): string[] {
  return errors.flatMap((error) =>
    Object.values(error.constraints ?? {})
      .slice(0, 1)
      .map((message) => `${error.property}: ${message}`),
  );
}

function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

/**
 * The embedded database keeps its signing secret beside its data, so tokens survive a restart: the
 * directory 0700, the file 0600 (created so: never a moment with a looser mode).
 */
function embeddedJwtSecret(dataDir: string): string {
  const file = join(dataDir, JWT_SECRET_FILE);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  ownerOnlyDirectory(dataDir);
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
  return secret;
}

/** Validates the environment once; throws a ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  const parsed = plainToInstance(Environment, stripUndefined(pickEnvironment(env)), { exposeDefaultValues: true });
  const problems = describe(validateSync(parsed));
  if (parsed.DATABASE_URL && !parsed.JWT_SECRET) {
    problems.push('JWT_SECRET: required when DATABASE_URL is set (at least 32 characters)');
  }
  if (Boolean(parsed.BALAI_ADMIN_EMAIL) !== Boolean(parsed.BALAI_ADMIN_PASSWORD)) {
    problems.push('BALAI_ADMIN_EMAIL and BALAI_ADMIN_PASSWORD: set both or neither');
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const dataDir = resolve(parsed.DATA_DIR);
  const publicUrl = (parsed.PUBLIC_URL ?? `http://localhost:${parsed.PORT}`).replace(/\/+$/, '');
  return {
    publicUrl,
    mail: {
      smtpUrl: parsed.SMTP_URL,
      from: parsed.MAIL_FROM ?? `Balai <no-reply@${new URL(publicUrl).hostname}>`,
      timeoutMs: parsed.SMTP_TIMEOUT_MS,
      retryBaseMs: parsed.MAIL_RETRY_BASE_MS,
    },
    port: parsed.PORT,
    database: parsed.DATABASE_URL ? { kind: 'postgres', url: parsed.DATABASE_URL } : { kind: 'embedded', dataDir },
    dataDir,
    redisUrl: parsed.REDIS_URL,
    jwt: { secret: parsed.JWT_SECRET ?? embeddedJwtSecret(dataDir), ttl: parsed.JWT_TTL },
    admin:
      parsed.BALAI_ADMIN_EMAIL && parsed.BALAI_ADMIN_PASSWORD
        ? { email: parsed.BALAI_ADMIN_EMAIL.toLowerCase(), password: parsed.BALAI_ADMIN_PASSWORD }
        : undefined,
    demo: parsed.BALAI_DEMO,
    migrate: parsed.BALAI_MIGRATE,
    trustProxy: splitList(parsed.TRUST_PROXY),
    allowedOrigins: splitList(parsed.ALLOWED_ORIGINS),
    logLevel: parsed.LOG_LEVEL,
    logFormat: parsed.LOG_FORMAT,
    processStatsMs: parsed.PROCESS_STATS_MS,
    limits: {
      bodyBytes: 100 * 1024,
      loginsPerMinute: parsed.LOGIN_LIMIT_PER_MINUTE,
      guestsPerMinute: parsed.GUEST_LIMIT_PER_MINUTE,
      liveQuestionsPerMinute: parsed.LIVE_QUESTIONS_PER_MINUTE,
      liveUpvotesPerMinute: parsed.LIVE_UPVOTES_PER_MINUTE,
      registrationsPerHour: parsed.REGISTER_LIMIT_PER_HOUR,
      votesPerAddress: parsed.VOTES_PER_ADDRESS,
      reportsPerMinute: parsed.REPORTS_PER_MINUTE,
      reportsPerAddressPerMinute: parsed.REPORTS_PER_ADDRESS_PER_MINUTE,
      httpWritesPerMinute: parsed.HTTP_WRITES_PER_MINUTE,
      liveEventsPerSecond: parsed.LIVE_EVENTS_PER_SECOND,
      liveFloodDisconnectAfter: parsed.LIVE_FLOOD_DISCONNECT_AFTER,
      liveSocketsPerAddress: parsed.LIVE_SOCKETS_PER_ADDRESS,
    },
    guestProofOfWork: { enabled: parsed.GUEST_PROOF_OF_WORK, maxNumber: parsed.GUEST_PROOF_OF_WORK_MAX_NUMBER },
    moderation: { reportThreshold: parsed.MODERATION_REPORT_THRESHOLD },
  };
}

const ENVIRONMENT_KEYS = [
  'PORT',
  'DATABASE_URL',
  'DATA_DIR',
  'REDIS_URL',
  'JWT_SECRET',
  'JWT_TTL',
  'BALAI_ADMIN_EMAIL',
  'BALAI_ADMIN_PASSWORD',
  'BALAI_DEMO',
  'BALAI_MIGRATE',
  'TRUST_PROXY',
  'ALLOWED_ORIGINS',
  'PUBLIC_URL',
  'SMTP_URL',
  'MAIL_FROM',
  'SMTP_TIMEOUT_MS',
  'MAIL_RETRY_BASE_MS',
  'LOG_LEVEL',
  'LOG_FORMAT',
  'PROCESS_STATS_MS',
  'LOGIN_LIMIT_PER_MINUTE',
  'GUEST_LIMIT_PER_MINUTE',
  'LIVE_QUESTIONS_PER_MINUTE',
  'LIVE_UPVOTES_PER_MINUTE',
  'REGISTER_LIMIT_PER_HOUR',
  'VOTES_PER_ADDRESS',
  'MODERATION_REPORT_THRESHOLD',
  'REPORTS_PER_MINUTE',
  'REPORTS_PER_ADDRESS_PER_MINUTE',
  'HTTP_WRITES_PER_MINUTE',
  'LIVE_EVENTS_PER_SECOND',
  'LIVE_FLOOD_DISCONNECT_AFTER',
  'LIVE_SOCKETS_PER_ADDRESS',
  'GUEST_PROOF_OF_WORK',
  'GUEST_PROOF_OF_WORK_MAX_NUMBER',
] as const;

function pickEnvironment(env: Record<string, string | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(ENVIRONMENT_KEYS.map((key) => [key, env[key]]));
}

function stripUndefined(values: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
