import type { ValidationError } from 'class-validator';
import type { FieldError } from '#contracts';

/** Thrown by the validation pipe; lists every bad field, nested ones with dotted paths. */
export class RequestValidationError extends Error {
  constructor(readonly fields: FieldError[]) {
    super(`Invalid request: ${fields.map((f) => f.field).join(', ')}`);
  }

  static from(errors: ValidationError[]): RequestValidationError {
    const fields: FieldError[] = [];
    const walk = (list: ValidationError[], prefix: string) => {
      for (const error of list) {
        const field = prefix ? `${prefix}.${error.property}` : error.property;
        if (error.constraints) fields.push({ field, messages: Object.values(error.constraints) });
        if (error.children?.length) walk(error.children, field);
      }
    };
    walk(errors, '');
    return new RequestValidationError(fields);
  }
}
