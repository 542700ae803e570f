import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { mapError } from './error-body.js';
import { requestIdOf } from './request-id.js';

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return;
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    const requestId = requestIdOf(request);
    const mapped = mapError(error, requestId);
    if (mapped.unexpected) this.logger.error({ err: error, requestId }, 'unhandled error');
    if (response.headersSent) return;
    if (mapped.headers) response.set(mapped.headers);
    // A route's own @Header('Content-Type') (text/plain on /metrics) must not label the error body.
    response.status(mapped.status).type('application/json').json(mapped.body);
  }
}
