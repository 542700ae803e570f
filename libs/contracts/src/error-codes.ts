/**
 * Every error code a client can see, as `error.code` of an HTTP error body or of a socket ack:
 * the one list, grouped by the transports that carry each code as it is. The domain's
 * `DomainError`, the server's HTTP statuses and its socket mapping are all typed by it, so a
 * misspelt code does not compile and a new one fails to compile until it has a status.
 * Stable strings: add codes, never rename them.
 */

/** The codes of socket acks (docs/protocol.md, Acknowledgements). HTTP error bodies carry them too. */
export const SOCKET_ERROR_CODES = [
  'UNAUTHORIZED',
  'NOT_FOUND',
  'FORBIDDEN',
  'NOT_JOINED',
  'LOCKED',
  'INVALID_UPDATE',
  'INVALID_PAYLOAD',
  'TOO_LARGE',
  'RATE_LIMITED',
  'UNAVAILABLE',
  'RESYNC_REQUIRED',
] as const;

export type SocketErrorCode = (typeof SOCKET_ERROR_CODES)[number];

/** The claim extractor's refusals (`POST /api/claims/extract`, `copydesk claims`). */
export const CLAIMS_ERROR_CODES = [
  'INVALID_REFERENCE_DATE',
  'REFERENCE_DATE_REQUIRED',
  'INVALID_LANGUAGE',
  'TEXT_REQUIRED',
  'TEXT_TOO_LONG',
] as const;

export type ClaimsErrorCode = (typeof CLAIMS_ERROR_CODES)[number];

/** Codes only HTTP error bodies carry as they are; a socket ack reports the nearest socket code instead. */
export const HTTP_ONLY_ERROR_CODES = [
  'VALIDATION_FAILED',
  'INVALID_JSON',
  'PAYLOAD_TOO_LARGE',
  'INVALID_CREDENTIALS',
  'EMAIL_TAKEN',
  'DESK_NAME_TAKEN',
  'USER_NOT_FOUND',
  'DESK_NOT_FOUND',
  'DESK_REQUIRED',
  'INVALID_CURSOR',
  'CONFLICT',
  'PUBLISH_GATE_FAILED',
  'INTERNAL',
  ...CLAIMS_ERROR_CODES,
] as const;

export const ERROR_CODES = [...SOCKET_ERROR_CODES, ...HTTP_ONLY_ERROR_CODES] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** The one error body shape of the REST API. */
export interface ApiErrorBody {
  error: {
    /** One of `ERROR_CODES`; a client should still expect codes newer than its own copy of the list. */
    code: ErrorCode;
    message: string;
    requestId?: string;
    fields?: FieldError[];
    [extra: string]: unknown;
  };
}

export interface FieldError {
  field: string;
  messages: string[];
}
