import type { NextFunction, Request, Response } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import type { MetricsService } from '../metrics/metrics.service.js';
import { chooseRequestId } from './request-id.js';

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
      req: (request: { id: string; method: string; url: string }) => ({
        id: request.id,
        method: request.method,
        url: request.url,
      }),
      res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
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
