import { ValidationPipe } from '@nestjs/common';
import { RequestValidationError } from './request-validation.error.js';

/** Unknown fields are errors, not silently dropped; every bad field is reported at once. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => RequestValidationError.from(errors),
  });
}
