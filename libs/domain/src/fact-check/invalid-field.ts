import { DomainError } from '../errors/domain-error.js';

/**
 * A VALIDATION_FAILED naming the field (dotted path, as the server's validation pipe names them:
 * `evidence.2.url`) and why. The message is `field: why`; `details.fields` is the contract's
 * `FieldError[]`, so the API body lists it the way it lists any other bad field.
 */
export function invalidField(field: string, why: string): DomainError<'VALIDATION_FAILED'> {
  return new DomainError('VALIDATION_FAILED', `${field}: ${why}`, { fields: [{ field, messages: [why] }] });
}
