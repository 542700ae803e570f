import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * Control characters (C0, DEL, C1) other than tab, line feed and carriage return. NUL cannot be
 * stored in a PostgreSQL text at all; the others are never part of real copy and only garble what
 * shows them. Format characters such as the bidi marks of Arabic text (Cf, not Cc) are not matched.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

export function hasControlCharacters(text: string): boolean {
  return CONTROL.test(text);
}

/** A string (or, with `each`, strings) without NUL or other control characters; line breaks and tabs are fine. */
export function NoControlCharacters(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'noControlCharacters',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || !hasControlCharacters(value),
        defaultMessage: () => '$property must not contain NUL or other control characters',
      },
    },
    options,
  );
}
