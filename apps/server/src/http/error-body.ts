import { HttpException } from '@nestjs/common';
import type { ApiErrorBody } from '#contracts';
import { isDomainError } from '#domain';
import { isStorageUnavailable } from '#persistence';
import { httpStatusFor } from './error-mapping.js';
import { RequestValidationError } from './request-validation.error.js';

export interface MappedError {
  status: number;
  body: ApiErrorBody;
  /** Unexpected: log it with its stack, show the client only an id. */
  unexpected: boolean;
}

interface BodyParserError {
  type?: string;
  status?: number;
}

function parserError(error: unknown): BodyParserError | null {
  return typeof error === 'object' && error !== null && 'type' in error ? (error as BodyParserError) : null;
}

const STATUS_CODES: Record<number, string> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  429: 'RATE_LIMITED',
  503: 'UNAVAILABLE',
};

/** Turns anything thrown while serving a request into the one error body shape. */
export function mapError(error: unknown, requestId: string): MappedError {
  const body = (code: string, message: string, extra: Record<string, unknown> = {}): ApiErrorBody => ({
    error: { code, message, requestId, ...extra },
  });
  if (isDomainError(error)) {
    return {
      status: httpStatusFor(error.code),
      body: body(error.code, error.message, error.details),
      unexpected: false,
    };
  }
  if (isStorageUnavailable(error)) {
    return { status: 503, body: body('UNAVAILABLE', 'Storage is unavailable; retry shortly'), unexpected: false };
  }
  if (error instanceof RequestValidationError) {
    return { status: 400, body: body('VALIDATION_FAILED', error.message, { fields: error.fields }), unexpected: false };
  }
  // Nest hands body-parser failures over wrapped in an HttpException, the original as its cause.
  const parser = parserError(error) ?? parserError(error instanceof HttpException ? error.cause : null);
  if (parser?.type === 'entity.too.large') {
    return { status: 413, body: body('PAYLOAD_TOO_LARGE', 'The request body is too large'), unexpected: false };
  }
  if (parser?.type === 'entity.parse.failed') {
    return { status: 400, body: body('INVALID_JSON', 'The request body is not valid JSON'), unexpected: false };
  }
  if (parser?.type && parser.status && parser.status < 500) {
    return {
      status: parser.status,
      body: body('VALIDATION_FAILED', 'The request body could not be read'),
      unexpected: false,
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code = STATUS_CODES[status] ?? (status >= 500 ? 'INTERNAL' : 'VALIDATION_FAILED');
    return { status, body: body(code, error.message), unexpected: status >= 500 };
  }
  return {
    status: 500,
    body: body('INTERNAL', `Something went wrong on our side; quote request id ${requestId}`),
    unexpected: true,
  };
}
