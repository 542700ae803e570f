import { describe, expect, it } from '@jest/globals';
import { ERROR_CODES, HTTP_ONLY_ERROR_CODES, SOCKET_ERROR_CODES, type ErrorCode } from '#contracts';
import { codeForHttpStatus, httpStatusFor, socketCodeFor } from './error-mapping.js';

describe('httpStatusFor', () => {
  it.each(ERROR_CODES.map((code) => [code]))('gives %s an error status', (code) => {
    const status = httpStatusFor(code);
    expect(Number.isInteger(status) && status >= 400 && status < 600).toBe(true);
  });

  // README, Errors: the statuses clients are promised.
  it.each<[ErrorCode, number]>([
    ['VALIDATION_FAILED', 400],
    ['INVALID_JSON', 400],
    ['INVALID_CURSOR', 400],
    ['DESK_REQUIRED', 400],
    ['INVALID_REFERENCE_DATE', 400],
    ['TEXT_REQUIRED', 400],
    ['TEXT_TOO_LONG', 400],
    ['UNAUTHORIZED', 401],
    ['INVALID_CREDENTIALS', 401],
    ['FORBIDDEN', 403],
    ['NOT_FOUND', 404],
    ['USER_NOT_FOUND', 404],
    ['DESK_NOT_FOUND', 404],
    ['EMAIL_TAKEN', 409],
    ['DESK_NAME_TAKEN', 409],
    ['CONFLICT', 409],
    ['PUBLISH_GATE_FAILED', 409],
    ['PAYLOAD_TOO_LARGE', 413],
    ['INTERNAL', 500],
    ['UNAVAILABLE', 503],
  ])('answers %s with %i', (code, status) => {
    expect(httpStatusFor(code)).toBe(status);
  });
});

describe('socketCodeFor', () => {
  it.each(SOCKET_ERROR_CODES.map((code) => [code]))('acks %s as itself', (code) => {
    expect(socketCodeFor(code)).toBe(code);
  });

  it.each(HTTP_ONLY_ERROR_CODES.map((code) => [code]))('acks %s with a socket code', (code) => {
    expect(SOCKET_ERROR_CODES).toContain(socketCodeFor(code));
  });
});

describe('codeForHttpStatus', () => {
  it.each([400, 401, 403, 404, 409, 413, 429, 500, 503])('gives %i a code that has that status', (status) => {
    expect(httpStatusFor(codeForHttpStatus(status))).toBe(status);
  });

  it.each<[number, ErrorCode]>([
    [405, 'VALIDATION_FAILED'],
    [418, 'VALIDATION_FAILED'],
    [502, 'INTERNAL'],
    [504, 'INTERNAL'],
  ])('falls back for %i to %s', (status, code) => {
    expect(codeForHttpStatus(status)).toBe(code);
  });
});
