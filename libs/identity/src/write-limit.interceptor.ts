import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { AppConfig } from '@balai/config';
import { RateLimiter, RateLimiterFactory } from '@balai/redis';
import type { AuthenticatedRequest } from './auth.guard';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The contract's HTTP write limit (HTTP_WRITES_PER_MINUTE, 30), per authenticated participant, on
 * every route, also those added later: a global interceptor runs after the route's guard, which has
 * put the verified principal on the request. Anonymous writes (register, login, guest) have their
 * own per-address limits. Counted in Redis when REDIS_URL is set, so every process shares it.
 */
@Injectable()
export class WriteLimitInterceptor implements NestInterceptor {
  private readonly limiter: RateLimiter;

  constructor(limiters: RateLimiterFactory, config: AppConfig) {
    // Every authenticated write passes here: while Redis is away each process counts alone rather than refusing them all.
    this.limiter = limiters.create({
      name: 'http-writes',
      points: config.limits.httpWritesPerMinute,
      durationSeconds: 60,
      whenRedisIsAway: 'memory',
    });
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() === 'http') {
      const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
      if (request.principal && WRITES.has(request.method)) await this.limiter.consume(request.principal.id);
    }
    return next.handle();
  }
}
