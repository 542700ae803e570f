/**
 * Fields that hold a secret wherever they turn up in a logged object: passwords as typed and as
 * hashed, tokens, signing secrets, and the headers that carry credentials. Nothing logs them on
 * purpose; this is the net under every log line, errors' fields included.
 */
export const SECRET_FIELDS = [
  'password',
  'currentPassword',
  'newPassword',
  'passwordHash',
  'accessToken',
  'token',
  'secret',
  'jwtSecret',
  'authorization',
  'cookie',
  'set-cookie',
];

/**
 * How deep redaction looks: a field at the top of a log object or up to three objects (or arrays)
 * down, e.g. `req.headers.authorization`, `err.driverError.detail`. pino's redaction takes fixed
 * paths, not "anywhere"; each level adds a path per field, and all of them cost about 40 µs a
 * line together.
 */
const DEPTH = 4;

/** pino `redact.paths` for SECRET_FIELDS at every depth up to DEPTH. */
export function redactedPaths(): string[] {
  const paths: string[] = [];
  for (const field of SECRET_FIELDS) {
    const key = /^[A-Za-z_$][\w$]*$/.test(field) ? `.${field}` : `["${field}"]`;
    for (let depth = 0; depth < DEPTH; depth++) {
      const path = `${'.*'.repeat(depth)}${key}`;
      paths.push(path.startsWith('.') ? path.slice(1) : path);
    }
  }
  return paths;
}

export const REDACTED = '[Redacted]';
