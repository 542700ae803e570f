import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { catchError, from, mergeMap, type Observable } from 'rxjs';
import { clientContext, LoginThrottle, LoginThrottled, SecurityEventLog } from '#auth';
import type { SecurityEventKind } from '#contracts';
import { isDomainError, type DomainError } from '#domain';
import type { AuthenticatedRequest } from './current-user.decorator.js';

/**
 * Puts a route that checks a password behind LoginThrottle: an attempt that has to wait is
 * answered 429 before validation or any password work; a success clears its pair's count, a
 * wrong password keeps it, anything else (a refused body, an outage) gives it back. Subclasses
 * say whose account the attempt is on and which refusal means a wrong password.
 */
@Injectable()
abstract class PasswordThrottleInterceptor implements NestInterceptor {
  protected abstract readonly throttledKind: SecurityEventKind;

  constructor(
    private readonly throttle: LoginThrottle,
    private readonly events: SecurityEventLog,
  ) {}

  /** The account's email, or null when the request names none (validation refuses it). */
  protected abstract accountOf(request: Request & AuthenticatedRequest): string | null;

  protected abstract isWrongPassword(error: DomainError): boolean;

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const email = this.accountOf(request);
    if (email === null) return next.handle();
    // req.ip: the peer, or the client a trusted proxy names (TRUST_PROXY).
    const attempt = await this.throttle.begin({ email, address: request.ip ?? '' }).catch(async (error: unknown) => {
      // One line per wait, not per refused attempt: a flood of 429s writes nothing more.
      if (error instanceof LoginThrottled && error.firstOfItsWait) {
        await this.events.record({
          kind: this.throttledKind,
          actorId: request.user?.id ?? null,
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
        const wrongPassword = isDomainError(error) && this.isWrongPassword(error);
        const settled = wrongPassword ? Promise.resolve() : attempt.abandoned();
        return from(
          settled.then(() => {
            throw error;
          }),
        );
      }),
    );
  }
}

/** `POST /api/auth/login`: the account named in the body. */
@Injectable()
export class LoginThrottleInterceptor extends PasswordThrottleInterceptor {
  protected readonly throttledKind = 'login_throttled';

  protected accountOf(request: Request): string | null {
    const email: unknown = (request.body as { email?: unknown } | undefined)?.email;
    return typeof email === 'string' ? email : null;
  }

  protected isWrongPassword(error: DomainError): boolean {
    return error.code === 'INVALID_CREDENTIALS';
  }
}

/**
 * `POST /api/auth/password`: the signed-in account, so a stolen token cannot be used to guess its
 * owner's current password any faster than the login form allows.
 */
@Injectable()
export class PasswordChangeThrottleInterceptor extends PasswordThrottleInterceptor {
  protected readonly throttledKind = 'password_change_throttled';

  protected accountOf(request: AuthenticatedRequest): string | null {
    return request.user?.email ?? null;
  }

  protected isWrongPassword(error: DomainError): boolean {
    const fields = (error.details as { fields?: { field: string }[] } | undefined)?.fields ?? [];
    return error.code === 'VALIDATION_FAILED' && fields.some((field) => field.field === 'currentPassword');
  }
}
