import { describe, expect, it } from '@jest/globals';
import { Writable } from 'node:stream';
import { QueryFailedError } from 'typeorm';
import { pathOf } from '../http/http-observability.js';
import { createLogger } from './logger.js';

/** A logger at trace level whose lines land in `lines`, parsed. */
function capture() {
  const lines: Record<string, unknown>[] = [];
  let raw = '';
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      raw += chunk.toString();
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger('trace', destination), lines, raw: () => raw };
}

const HASH = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA';

/** What TypeORM throws when PostgreSQL refuses an INSERT INTO users: the driver's fields copied onto it. */
function refusedInsert(): QueryFailedError {
  const driverError = Object.assign(
    new Error('new row for relation "users" violates check constraint "users_role_check"'),
    {
      severity: 'ERROR',
      code: '23514',
      detail: `Failing row contains (5f0c…, rima@example.test, Rima, bogus, ${HASH}, 0, null, 2026-01-01).`,
      table: 'users',
      constraint: 'users_role_check',
      where: `SQL statement "INSERT INTO users VALUES ('${HASH}')"`,
      internalQuery: `INSERT INTO users VALUES ('${HASH}')`,
    },
  );
  return new QueryFailedError(
    'INSERT INTO users (email, display_name, role, password_hash) VALUES ($1, $2, $3, $4)',
    ['rima@example.test', 'Rima', 'bogus', HASH],
    driverError,
  );
}

describe('the server logger', () => {
  it('logs a refused query with its SQL, code and constraint, but none of its data', () => {
    const { logger, lines, raw } = capture();
    const error = refusedInsert();
    // What pino alone would have written: the hash, three times over.
    expect(JSON.stringify(error)).toContain(HASH);
    logger.error({ err: error, requestId: 'r1' }, 'unhandled error');
    expect(raw()).not.toContain(HASH);
    expect(raw()).not.toContain('Failing row');
    expect(lines[0]!.err).toMatchObject({
      type: 'QueryFailedError',
      message: 'new row for relation "users" violates check constraint "users_role_check"',
      query: 'INSERT INTO users (email, display_name, role, password_hash) VALUES ($1, $2, $3, $4)',
      code: '23514',
      constraint: 'users_role_check',
      table: 'users',
      driverError: { code: '23514', constraint: 'users_role_check' },
    });
  });

  it('drops the query data of a database error wherever it sits: nested, as a cause, in a list', () => {
    const { logger, raw } = capture();
    const outage = Object.assign(new Error('Storage is unavailable; retry shortly'), { cause: refusedInsert() });
    logger.warn({ err: outage }, 'outage');
    logger.warn({ err: new AggregateError([refusedInsert()], 'several') }, 'several');
    logger.warn({ err: { wrapped: refusedInsert(), again: [{ parameters: [HASH] }] } }, 'odd');
    expect(raw()).not.toContain(HASH);
    expect(raw()).toContain('users_role_check');
  });

  it('keeps the fields of an ordinary error, dates included', () => {
    const { logger, lines } = capture();
    const at = new Date('2026-02-10T09:00:00.000Z');
    logger.error({ err: Object.assign(new Error('boom'), { draftId: 'd1', at }) }, 'failed');
    expect(lines[0]!.err).toMatchObject({ type: 'Error', message: 'boom', draftId: 'd1', at: at.toISOString() });
  });

  it.each([
    ['a password', { password: 'kettle orchard violin dusk' }],
    ['a new password in a body', { body: { currentPassword: 'kettle orchard', newPassword: 'violin dusk' } }],
    ['an access token in a response', { res: { body: { accessToken: 'eyJhbGciOiJIUzI1NiJ9.e30.sig' } } }],
    ['a bearer token in headers', { req: { headers: { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig' } } }],
    ['cookies', { req: { headers: { cookie: 'sid=s3cr3t' } }, res: { headers: { 'set-cookie': 'sid=s3cr3t' } } }],
    ['a secret three levels down', { a: { b: { c: { secret: 's3cr3t' } } } }],
    ['a token in a list', { sockets: [{ token: 's3cr3t' }] }],
    ['a hash', { user: { passwordHash: HASH } }],
    ['the signing secret', { config: { jwtSecret: 's3cr3t-s3cr3t-s3cr3t-s3cr3t-s3cr3t' } }],
  ])('redacts %s', (_, fields) => {
    const { logger, raw } = capture();
    logger.info(fields, 'something happened');
    for (const secret of ['kettle orchard', 'violin dusk', 'eyJhbGciOiJIUzI1NiJ9', 's3cr3t', HASH]) {
      expect(raw()).not.toContain(secret);
    }
    expect(raw()).toContain('[Redacted]');
  });

  it('redacts a secret field of an error too', () => {
    const { logger, raw } = capture();
    logger.error({ err: Object.assign(new Error('bad login'), { password: 'kettle orchard violin dusk' }) }, 'x');
    expect(raw()).not.toContain('kettle');
  });
});

describe('pathOf', () => {
  it.each([
    ['/api/me?token=eyJhbGciOiJIUzI1NiJ9.e30.sig', '/api/me'],
    ['/api/drafts?q=%D8%B3%D8%B1&cursor=abc', '/api/drafts'],
    ['/api/drafts#token=x', '/api/drafts'],
    ['/api/drafts', '/api/drafts'],
    ['/?a=1', '/'],
  ])('logs %s as %s', (url, path) => {
    expect(pathOf(url)).toBe(path);
  });
});
