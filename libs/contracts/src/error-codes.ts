/** Error codes that clients see, over HTTP (`error.code`) and in socket acks. Stable strings. */
export const API_ERROR_CODES = [
  'VALIDATION_FAILED',
  'INVALID_JSON',
  'PAYLOAD_TOO_LARGE',
  'UNAUTHORIZED',
  'INVALID_CREDENTIALS',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'UNAVAILABLE',
  'INTERNAL',
] as const;

export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** The one error body shape of the REST API. */
export interface ApiErrorBody {
  error: {
    code: ApiErrorCode | string;
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
