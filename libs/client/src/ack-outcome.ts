import { SOCKET_ERROR_CODES, type Ack, type SocketErrorCode } from '#contracts';
import { RETRYABLE_CODES, type SessionError, type SessionOperation } from './session-error.js';

/** An ack sorted by what the session does next: use it, try again later, or give up and report. */
export type AckOutcome<T extends object> =
  { kind: 'ok'; value: T } | { kind: 'retry'; error: SessionError } | { kind: 'fail'; error: SessionError };

/** Awaits an acked emit; never rejects. A timeout or a dropped connection is a retryable `NO_ACK`. */
export async function awaitAck<T extends object>(
  operation: SessionOperation,
  emit: () => Promise<Ack<T>>,
): Promise<AckOutcome<T>> {
  let response: unknown;
  try {
    response = await emit();
  } catch (error) {
    return { kind: 'retry', error: { code: 'NO_ACK', message: errorMessage(error), operation } };
  }
  return classifyAck<T>(operation, response);
}

export function classifyAck<T extends object>(operation: SessionOperation, response: unknown): AckOutcome<T> {
  if (!isRecord(response) || typeof response.ok !== 'boolean') {
    return { kind: 'fail', error: { code: 'INVALID_RESPONSE', message: 'The ack is not { ok, ... }', operation } };
  }
  if (response.ok) return { kind: 'ok', value: response as unknown as T };
  const reported = isRecord(response.error) ? response.error : {};
  const code = isSocketErrorCode(reported.code) ? reported.code : 'INVALID_RESPONSE';
  const message = typeof reported.message === 'string' ? reported.message : `The server refused the ${operation}`;
  const error: SessionError = { code, message, operation };
  return RETRYABLE_CODES.has(code) ? { kind: 'retry', error } : { kind: 'fail', error };
}

function isSocketErrorCode(value: unknown): value is SocketErrorCode {
  return typeof value === 'string' && (SOCKET_ERROR_CODES as readonly string[]).includes(value);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
