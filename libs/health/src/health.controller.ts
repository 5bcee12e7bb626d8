import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, HealthIndicatorResult, HealthIndicatorService, MikroOrmHealthIndicator } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import Redis from 'ioredis';
import { REDIS } from '@balai/redis';

type Indicators = Record<string, { status?: unknown }>;

function statusesOnly(indicators: Indicators | undefined): Record<string, { status: string }> {
  return Object.fromEntries(
    Object.entries(indicators ?? {}).map(([name, { status }]) => [name, { status: status === 'up' ? 'up' : 'down' }]),
  );
}

/** GET /health: 200 {status:"ok"} when the database (and Redis, when configured) answer, else 503. */
@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: MikroOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    @Inject(REDIS) private readonly redis: Redis | null,
  ) {}

  @Get()
  @ApiOkResponse({ description: '{status: "ok", info: {...}}' })
  @ApiServiceUnavailableResponse({ description: '{status: "error", error: {...}}' })
  async check(@Res({ passthrough: true }) response: FastifyReply): Promise<Record<string, unknown>> {
    const checks = [() => this.database.pingCheck('database', { timeout: 2000 })];
    if (this.redis) checks.push(() => this.pingRedis());
    try {
      return await this.health.check(checks);
    } catch (error: unknown) {
      response.code(503);
      const body = (error as { response?: { info?: Indicators; error?: Indicators } }).response;
      // Which check is down, never why: a driver's message names hosts, ports and internals.
      return { status: 'error', info: statusesOnly(body?.info), error: statusesOnly(body?.error) };
    }
  }

  private async pingRedis(): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check('redis');
    try {
      const answer = await Promise.race([
        this.redis!.ping(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout after 2000 ms')), 2000).unref()),
      ]);
      return answer === 'PONG' ? indicator.up() : indicator.down({ message: `unexpected answer ${answer}` });
    } catch (error: unknown) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}
