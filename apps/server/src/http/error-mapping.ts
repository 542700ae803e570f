import type { DomainErrorCode } from '#domain';

/** The one place a domain error code becomes an HTTP status. Exhaustive: a new code fails to compile here. */
export function httpStatusFor(code: DomainErrorCode): number {
  switch (code) {
    case 'NOT_FOUND':
    case 'USER_NOT_FOUND':
    case 'DESK_NOT_FOUND':
      return 404;
    case 'FORBIDDEN':
      return 403;
    case 'UNAUTHORIZED':
    case 'INVALID_CREDENTIALS':
      return 401;
    case 'EMAIL_TAKEN':
    case 'DESK_NAME_TAKEN':
      return 409;
    case 'DESK_REQUIRED':
    case 'INVALID_CURSOR':
      return 400;
    case 'UNAVAILABLE':
      return 503;
  }
}
