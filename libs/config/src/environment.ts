import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';

const toBoolean = ({ value }: { value: unknown }): unknown => {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') return value;
  const normalized = value.trim().toLowerCase();
  if (['true', '1', 'on', 'yes'].includes(normalized)) return true;
  if (['false', '0', 'off', 'no'].includes(normalized)) return false;
  return value;
};

const toInteger = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;

const emptyToUndefined = ({ value }: { value: unknown }): unknown => (value === '' ? undefined : value);

/** The environment variables Balai reads, exactly as documented in the README's configuration table. */
export class Environment {
  @Transform(toInteger)
  @IsInt({ message: 'PORT must be a whole number between 0 and 65535' })
  @Min(0)
  @Max(65535)
  PORT: number = 3000;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  @IsString()
  @MinLength(1)
  DATA_DIR: string = './data';

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters long' })
  JWT_SECRET?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^\d+[smhd]$/, { message: 'JWT_TTL must look like 15m, 12h or 7d' })
  JWT_TTL: string = '12h';

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsEmail({}, { message: 'BALAI_ADMIN_EMAIL must be an e-mail address' })
  BALAI_ADMIN_EMAIL?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @MinLength(10, { message: 'BALAI_ADMIN_PASSWORD must be at least 10 characters long' })
  BALAI_ADMIN_PASSWORD?: string;

  @Transform(toBoolean)
  @IsOptional()
  @IsBoolean({ message: 'BALAI_DEMO must be true or false' })
  BALAI_DEMO?: boolean;

  @Transform(toBoolean)
  @IsBoolean({ message: 'BALAI_MIGRATE must be true or false' })
  BALAI_MIGRATE: boolean = true;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^[0-9a-fA-F.:/]+(\s*,\s*[0-9a-fA-F.:/]+)*$|^(loopback|linklocal|uniquelocal)$/, {
    message: 'TRUST_PROXY must be a comma-separated list of IP addresses or CIDRs',
  })
  TRUST_PROXY?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\/[^,\s]+(\s*,\s*https?:\/\/[^,\s]+)*$/, {
    message: 'ALLOWED_ORIGINS must be a comma-separated list of http(s) origins',
  })
  ALLOWED_ORIGINS?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\/[^\s,]+$/, { message: 'PUBLIC_URL must be an http(s) URL, e.g. https://balai.example.id' })
  PUBLIC_URL?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^smtps?:\/\/[^\s]+$/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^([^<>\n]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/, {
    message: 'MAIL_FROM must be an address, optionally with a name: Balai <no-reply@example.id>',
  })
  MAIL_FROM?: string;

  /** E-mail: how long to wait for the SMTP server (connect, greeting, each reply) before retrying later. */
  @Transform(toInteger)
  @IsInt()
  @Min(100)
  SMTP_TIMEOUT_MS: number = 15000;

  /** E-mail: the first retry's delay; each further one doubles it, up to an hour. */
  @Transform(toInteger)
  @IsInt()
  @Min(10)
  MAIL_RETRY_BASE_MS: number = 5000;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  @IsIn(['json', 'pretty'], { message: 'LOG_FORMAT must be json or pretty' })
  LOG_FORMAT: 'json' | 'pretty' = 'json';

  /** Benchmarks: every so many ms, one `process stats` line on stdout (RSS, heap, event-loop delay); unset: none. */
  @Transform(toInteger)
  @IsOptional()
  @IsInt()
  @Min(100)
  PROCESS_STATS_MS?: number;

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  LOGIN_LIMIT_PER_MINUTE: number = 10;

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  GUEST_LIMIT_PER_MINUTE: number = 2000;

  /** Live Q&A: questions a participant may ask per session and minute. */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  LIVE_QUESTIONS_PER_MINUTE: number = 5;

  /** Live Q&A: upvotes (and unvotes) a participant may cast per minute. */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  LIVE_UPVOTES_PER_MINUTE: number = 60;

  /** Accounts registered per client address (an IPv6 /64) and hour. */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  REGISTER_LIMIT_PER_HOUR: number = 20;

  /**
   * Live Q&A: participants from one client address (an IPv6 /64) who may upvote one question, and who
   * may vote in one poll. Generous for a hall behind one router; a cap on vote stuffing with throwaway guests.
   */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  VOTES_PER_ADDRESS: number = 300;
  /** Moderation: distinct reporters after whom a thread, post or question is hidden until a moderator decides. */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  MODERATION_REPORT_THRESHOLD: number = 3;

  /** Moderation: reports a participant may file per minute. */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  REPORTS_PER_MINUTE: number = 10;

  /** Reports from one client address (an IPv6 /64) per minute, whoever files them. */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  REPORTS_PER_ADDRESS_PER_MINUTE: number = 60;

  /** HTTP writes (POST, PUT, PATCH, DELETE) an authenticated participant may make per minute, on every route. */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  HTTP_WRITES_PER_MINUTE: number = 30;

  /** Live: events one socket may send per second (a bucket of this size, refilled at this rate). */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  LIVE_EVENTS_PER_SECOND: number = 20;

  /** Live: events refused for the rate within 10 seconds after which the socket is disconnected. */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  LIVE_FLOOD_DISCONNECT_AFTER: number = 100;

  /** Live: concurrent /live connections from one client address (an IPv6 /64), counted across processes. */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  LIVE_SOCKETS_PER_ADDRESS: number = 2000;

  /** Guest sign-in asks for a solved proof-of-work challenge (ALTCHA, self-hosted) when true. */
  @Transform(toBoolean)
  @IsBoolean({ message: 'GUEST_PROOF_OF_WORK must be true or false' })
  GUEST_PROOF_OF_WORK: boolean = false;

  /** Proof-of-work difficulty: the largest secret number (a browser tries half of them on average). */
  @Transform(toInteger)
  @IsInt()
  @Min(10)
  @Max(10_000_000)
  GUEST_PROOF_OF_WORK_MAX_NUMBER: number = 100_000;
}
