import type { NextFunction, Request, Response } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import { serializeError } from '../logging/error-serializer.js';
import type { MetricsService } from '../metrics/metrics.service.js';
import { chooseRequestId } from './request-id.js';

/**
 * The path of a request URL without its query string or fragment: a query may carry a token or
 * whatever a client put there (`?token=...`), and logs keep neither.
 */
export function pathOf(url: string): string {
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}

/** Request ids (echoed as X-Request-Id), one structured log line per request, and HTTP metrics. */
export function httpObservability(logger: Logger, metrics: MetricsService) {
  const log = pinoHttp({
    logger,
    genReqId: (request, response) => {
      const id = chooseRequestId(request);
      response.setHeader('X-Request-Id', id);
      return id;
    },
    customLogLevel: (_request, response, error) =>
      error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info',
    serializers: {
      // No headers, no query: nothing a credential travels in.
      req: (request: { id: string; method: string; url: string }) => ({
        id: request.id,
        method: request.method,
        url: pathOf(request.url),
      }),
      res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
      // pino-http puts its own in place of the logger's unless given one.
      err: serializeError,
    },
  });
  return (request: Request, response: Response, next: NextFunction) => {
    const stop = metrics.httpDuration.startTimer();
    response.on('finish', () => {
      // The route pattern, not the raw URL, keeps label cardinality bounded.
      const route = request.route ? `${request.baseUrl}${String(request.route.path)}` : 'unmatched';
      stop({ method: request.method, route });
      metrics.httpRequests.inc({ method: request.method, route, status: String(response.statusCode) });
    });
    log(request, response, next);
  };
}
