import { ValidateIf } from 'class-validator';

/**
 * A field that may be left out but, when sent, must be valid: unlike @IsOptional, null is not let
 * through (it would reach the service as a value, e.g. `{ "role": null }` as a role).
 */
export const OptionalNotNull = () => ValidateIf((_dto: object, value: unknown) => value !== undefined);
