/** Expected failures of the claim extractor, as typed codes for the adapters to map. */

export type ClaimsErrorCode = 'INVALID_REFERENCE_DATE' | 'REFERENCE_DATE_REQUIRED' | 'INVALID_LANGUAGE';

export class ClaimsError extends Error {
  constructor(
    readonly code: ClaimsErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ClaimsError';
  }
}

export function isClaimsError(error: unknown): error is ClaimsError {
  return error instanceof ClaimsError;
}
