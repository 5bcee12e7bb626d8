import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { logSafeUrl } from './log-safe-url';
import { requestIdOf } from './request-id';
import { toProblem } from './problem';

/** The one place where errors become HTTP responses (RFC 9457 problem details). */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const { problem, headers, unexpected } = toProblem(exception);
    const requestId = requestIdOf(request);
    if (unexpected) {
      const path = logSafeUrl(request.url);
      this.logger.error({ err: exception, requestId, path }, `Unhandled error on ${request.method} ${path}`);
    }
    if (reply.sent || reply.raw.headersSent) return;
    void reply
      .code(problem.status)
      .headers(headers)
      .type('application/problem+json')
      .send(JSON.stringify({ ...problem, instance: logSafeUrl(request.url), ...(requestId ? { requestId } : {}) }));
  }
}
