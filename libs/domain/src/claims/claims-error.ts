/** Expected failures of the claim extractor, as typed codes for the adapters to map. */
import type { ClaimsErrorCode } from '#contracts';
import { DomainError } from '../errors/domain-error.js';

export class ClaimsError extends DomainError<ClaimsErrorCode> {
  constructor(code: ClaimsErrorCode, message: string) {
    super(code, message);
    this.name = 'ClaimsError';
  }
}

export function isClaimsError(error: unknown): error is ClaimsError {
  return error instanceof ClaimsError;
}
