import type { ErrorCode } from '#contracts';

/**
 * The error every context throws for an expected failure. Its code is one of the contract's
 * `ERROR_CODES` (#contracts), so a misspelt code does not compile; only the server's edge maps
 * codes to HTTP statuses and socket acks.
 */
export class DomainError<C extends ErrorCode = ErrorCode> extends Error {
  constructor(
    readonly code: C,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
