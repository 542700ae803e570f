import { HttpException } from '@nestjs/common';
import type { ApiErrorBody, ErrorCode } from '#contracts';
import { isDomainError } from '#domain';
import { codeForHttpStatus, httpStatusFor } from './error-mapping.js';
import { MAX_JSON_DEPTH } from './json-body.js';
import { RequestValidationError } from './request-validation.error.js';

export interface MappedError {
  status: number;
  body: ApiErrorBody;
  /** Unexpected: log it with its stack, show the client only an id. */
  unexpected: boolean;
  /** Response headers the error calls for (Retry-After of a RATE_LIMITED). */
  headers?: Record<string, string>;
}

interface BodyParserError {
  type?: string;
  status?: number;
}

function parserError(error: unknown): BodyParserError | null {
  return typeof error === 'object' && error !== null && 'type' in error ? (error as BodyParserError) : null;
}

/** Turns anything thrown while serving a request into the one error body shape. */
export function mapError(error: unknown, requestId: string): MappedError {
  const body = (code: ErrorCode, message: string, extra: Record<string, unknown> = {}): ApiErrorBody => ({
    error: { code, message, requestId, ...extra },
  });
  // Storage outages included: persistence hands them over as DomainError UNAVAILABLE (503).
  if (isDomainError(error)) {
    const retryAfter = error.details.retryAfterSeconds;
    return {
      status: httpStatusFor(error.code),
      body: body(error.code, error.message, error.details),
      unexpected: false,
      ...(typeof retryAfter === 'number' ? { headers: { 'Retry-After': String(retryAfter) } } : {}),
    };
  }
  if (error instanceof RequestValidationError) {
    return { status: 400, body: body('VALIDATION_FAILED', error.message, { fields: error.fields }), unexpected: false };
  }
  // Nest hands body-parser failures over wrapped in an HttpException, the original as its cause.
  const parser = parserError(error) ?? parserError(error instanceof HttpException ? error.cause : null);
  if (parser?.type === 'entity.too.large') {
    return { status: 413, body: body('PAYLOAD_TOO_LARGE', 'The request body is too large'), unexpected: false };
  }
  if (parser?.type === 'entity.too.deep') {
    return {
      status: 400,
      body: body('VALIDATION_FAILED', `The request body is nested more than ${MAX_JSON_DEPTH} levels deep`),
      unexpected: false,
    };
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
    const code = codeForHttpStatus(status);
    return { status, body: body(code, error.message), unexpected: status >= 500 };
  }
  return {
    status: 500,
    body: body('INTERNAL', `Something went wrong on our side; quote request id ${requestId}`),
    unexpected: true,
  };
}
