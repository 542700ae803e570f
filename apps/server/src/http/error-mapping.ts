import type { SocketErrorCode } from '#contracts';
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
    case 'INVALID_UPDATE':
    case 'INVALID_PAYLOAD':
    case 'INVALID_REFERENCE_DATE':
    case 'REFERENCE_DATE_REQUIRED':
    case 'INVALID_LANGUAGE':
    case 'TEXT_REQUIRED':
    case 'TEXT_TOO_LONG':
      return 400;
    case 'NOT_JOINED':
    case 'LOCKED':
    case 'RESYNC_REQUIRED':
      return 409;
    case 'TOO_LARGE':
      return 413;
    case 'RATE_LIMITED':
      return 429;
    case 'UNAVAILABLE':
      return 503;
  }
}

/** The one place a domain error code becomes a socket ack code (README, socket protocol). */
export function socketCodeFor(code: DomainErrorCode): SocketErrorCode {
  switch (code) {
    case 'NOT_FOUND':
    case 'USER_NOT_FOUND':
    case 'DESK_NOT_FOUND':
      return 'NOT_FOUND';
    case 'FORBIDDEN':
      return 'FORBIDDEN';
    case 'UNAUTHORIZED':
    case 'INVALID_CREDENTIALS':
      return 'UNAUTHORIZED';
    case 'NOT_JOINED':
    case 'LOCKED':
    case 'INVALID_UPDATE':
    case 'INVALID_PAYLOAD':
    case 'TOO_LARGE':
    case 'RATE_LIMITED':
    case 'RESYNC_REQUIRED':
    case 'UNAVAILABLE':
      return code;
    case 'EMAIL_TAKEN':
    case 'DESK_NAME_TAKEN':
    case 'DESK_REQUIRED':
    case 'INVALID_CURSOR':
    case 'INVALID_REFERENCE_DATE':
    case 'REFERENCE_DATE_REQUIRED':
    case 'INVALID_LANGUAGE':
    case 'TEXT_REQUIRED':
    case 'TEXT_TOO_LONG':
      return 'INVALID_PAYLOAD';
  }
}
