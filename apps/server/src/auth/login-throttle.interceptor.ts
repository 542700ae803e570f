import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { catchError, from, mergeMap, type Observable } from 'rxjs';
import { clientContext, LoginThrottle, LoginThrottled, SecurityEventLog } from '#auth';
import { isDomainError } from '#domain';

/**
 * Puts the login route behind LoginThrottle: an attempt that has to wait is answered 429 before
 * validation or any password work; a successful sign-in clears its pair's count, a wrong email or
 * password keeps it, anything else (a refused body, an outage) gives it back.
 */
@Injectable()
export class LoginThrottleInterceptor implements NestInterceptor {
  constructor(
    private readonly throttle: LoginThrottle,
    private readonly events: SecurityEventLog,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<Request>();
    const email: unknown = (request.body as { email?: unknown } | undefined)?.email;
    // Without an email there is nothing to count: validation refuses the body.
    if (typeof email !== 'string') return next.handle();
    // req.ip: the peer, or the client a trusted proxy names (TRUST_PROXY).
    const attempt = await this.throttle.begin({ email, address: request.ip ?? '' }).catch(async (error: unknown) => {
      // One line per wait, not per refused attempt: a flood of 429s writes nothing more.
      if (error instanceof LoginThrottled && error.firstOfItsWait) {
        await this.events.record({
          kind: 'login_throttled',
          client: clientContext(request.ip, request.headers['user-agent']),
          details: {
            email: email.trim().toLowerCase(),
            scope: error.scope,
            retryAfterSeconds: error.retryAfterSeconds,
          },
        });
      }
      throw error;
    });
    return next.handle().pipe(
      mergeMap((response) => from(attempt.succeeded().then(() => response))),
      catchError((error: unknown) => {
        const wrongCredentials = isDomainError(error) && error.code === 'INVALID_CREDENTIALS';
        const settled = wrongCredentials ? Promise.resolve() : attempt.abandoned();
        return from(
          settled.then(() => {
            throw error;
          }),
        );
      }),
    );
  }
}
