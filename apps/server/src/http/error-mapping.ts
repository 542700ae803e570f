import { SOCKET_ERROR_CODES, type ErrorCode, type SocketErrorCode } from '#contracts';

/**
 * The HTTP status of every error code (README, Errors). Typed by the contract's one list: a new
 * code fails to compile here until it has a status.
 */
export const HTTP_STATUS_OF: Readonly<Record<ErrorCode, number>> = {
  VALIDATION_FAILED: 400,
  INVALID_JSON: 400,
  INVALID_CURSOR: 400,
  DESK_REQUIRED: 400,
  INVALID_UPDATE: 400,
  INVALID_PAYLOAD: 400,
  INVALID_REFERENCE_DATE: 400,
  REFERENCE_DATE_REQUIRED: 400,
  INVALID_LANGUAGE: 400,
  TEXT_REQUIRED: 400,
  TEXT_TOO_LONG: 400,
  UNAUTHORIZED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  USER_NOT_FOUND: 404,
  DESK_NOT_FOUND: 404,
  CONFLICT: 409,
  PUBLISH_GATE_FAILED: 409,
  EMAIL_TAKEN: 409,
  DESK_NAME_TAKEN: 409,
  NOT_JOINED: 409,
  LOCKED: 409,
  RESYNC_REQUIRED: 409,
  PAYLOAD_TOO_LARGE: 413,
  TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
};

/**
 * The socket code that stands in for each code a socket ack cannot carry (docs/protocol.md,
 * Acknowledgements); socket codes stand for themselves. Exhaustive: a new HTTP-only code fails
 * to compile here until it has one.
 */
export const SOCKET_STAND_IN_FOR: Readonly<Record<Exclude<ErrorCode, SocketErrorCode>, SocketErrorCode>> = {
  VALIDATION_FAILED: 'INVALID_PAYLOAD',
  INVALID_JSON: 'INVALID_PAYLOAD',
  PAYLOAD_TOO_LARGE: 'TOO_LARGE',
  INVALID_CREDENTIALS: 'UNAUTHORIZED',
  USER_NOT_FOUND: 'NOT_FOUND',
  DESK_NOT_FOUND: 'NOT_FOUND',
  EMAIL_TAKEN: 'INVALID_PAYLOAD',
  DESK_NAME_TAKEN: 'INVALID_PAYLOAD',
  DESK_REQUIRED: 'INVALID_PAYLOAD',
  INVALID_CURSOR: 'INVALID_PAYLOAD',
  CONFLICT: 'INVALID_PAYLOAD',
  PUBLISH_GATE_FAILED: 'INVALID_PAYLOAD',
  INVALID_REFERENCE_DATE: 'INVALID_PAYLOAD',
  REFERENCE_DATE_REQUIRED: 'INVALID_PAYLOAD',
  INVALID_LANGUAGE: 'INVALID_PAYLOAD',
  TEXT_REQUIRED: 'INVALID_PAYLOAD',
  TEXT_TOO_LONG: 'INVALID_PAYLOAD',
  // What went wrong on our side is, to a socket client, a reason to retry later.
  INTERNAL: 'UNAVAILABLE',
};

/**
 * The generic code of a status, for errors that come with a status only (Nest's HttpException);
 * each has that status in HTTP_STATUS_OF.
 */
const GENERIC_CODE_OF: Readonly<Partial<Record<number, ErrorCode>>> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  429: 'RATE_LIMITED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

/** The code of an error known only by its HTTP status: any other 5xx is INTERNAL, any other 4xx VALIDATION_FAILED. */
export function codeForHttpStatus(status: number): ErrorCode {
  return GENERIC_CODE_OF[status] ?? (status >= 500 ? 'INTERNAL' : 'VALIDATION_FAILED');
}

/** The one place an error code becomes an HTTP status. */
export function httpStatusFor(code: ErrorCode): number {
  return HTTP_STATUS_OF[code];
}

/** The one place an error code becomes a socket ack code. */
export function socketCodeFor(code: ErrorCode): SocketErrorCode {
  return isSocketErrorCode(code) ? code : SOCKET_STAND_IN_FOR[code];
}

function isSocketErrorCode(code: ErrorCode): code is SocketErrorCode {
  return (SOCKET_ERROR_CODES as readonly ErrorCode[]).includes(code);
}
