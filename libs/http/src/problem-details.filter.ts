import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { toProblem } from './problem';

/** The one place where errors become HTTP responses (RFC 9457 problem details). */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const { problem, headers, unexpected } = toProblem(exception);
    const requestId = String(request.id ?? '');
    if (unexpected) {
      this.logger.error(
        { err: exception, requestId, path: request.originalUrl },
        `Unhandled error on ${request.method} ${request.originalUrl}`,
      );
    }
    if (response.headersSent) return;
    response
      .status(problem.status)
      .set(headers)
      .type('application/problem+json')
      .send(JSON.stringify({ ...problem, instance: request.originalUrl, ...(requestId ? { requestId } : {}) }));
  }
}
