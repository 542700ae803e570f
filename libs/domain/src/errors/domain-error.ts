/**
 * The error every context throws for an expected failure. Each context has its own code union;
 * only the server's edge maps codes to HTTP statuses and socket acks.
 */
export type AccessErrorCode = 'NOT_FOUND' | 'FORBIDDEN';
export type AuthErrorCode = 'INVALID_CREDENTIALS' | 'UNAUTHORIZED';
export type AccountErrorCode = 'EMAIL_TAKEN' | 'DESK_NAME_TAKEN' | 'USER_NOT_FOUND' | 'DESK_NOT_FOUND';
export type DraftErrorCode = 'DESK_REQUIRED' | 'INVALID_CURSOR';
export type StorageErrorCode = 'UNAVAILABLE';
export type CollabErrorCode =
  'NOT_JOINED' | 'LOCKED' | 'INVALID_UPDATE' | 'INVALID_PAYLOAD' | 'TOO_LARGE' | 'RATE_LIMITED' | 'RESYNC_REQUIRED';

export type ClaimsErrorCode =
  'INVALID_REFERENCE_DATE' | 'REFERENCE_DATE_REQUIRED' | 'INVALID_LANGUAGE' | 'TEXT_REQUIRED' | 'TEXT_TOO_LONG';

export type DomainErrorCode =
  | AccessErrorCode
  | AuthErrorCode
  | AccountErrorCode
  | DraftErrorCode
  | StorageErrorCode
  | CollabErrorCode
  | ClaimsErrorCode;

export class DomainError<C extends DomainErrorCode = DomainErrorCode> extends Error {
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
