import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import type { AuthService } from '#auth';
import { bearerToken } from '../auth/auth.guard.js';
import { mapError } from './error-body.js';
import { requestIdOf } from './request-id.js';

/**
 * For routes that read bodies far larger than the default limit: the access token is checked
 * (signature, expiry, user and session, as the guard does) before a byte of the body is read. A
 * caller without one is answered 401 at once and the connection is closed, so the unread rest of
 * the body is never taken in.
 */
export function authenticateFirst(auth: AuthService, logger: Logger) {
  return (request: Request, response: Response, next: NextFunction): void => {
    auth.authenticate(bearerToken(request)).then(
      () => next(),
      (error: unknown) => {
        const requestId = requestIdOf(request);
        const mapped = mapError(error, requestId);
        if (mapped.unexpected) logger.error({ err: error, requestId }, 'unhandled error');
        // Without it Node would read and discard the rest of the body to keep the connection.
        response.set('Connection', 'close');
        response.status(mapped.status).json(mapped.body);
      },
    );
  };
}
