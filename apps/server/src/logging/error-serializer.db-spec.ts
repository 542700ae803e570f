import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Writable } from 'node:stream';
import { hash } from '@node-rs/argon2';
import type { Role } from '#contracts';
import { UsersRepository, type Database } from '#persistence';
import { openMigratedTestDatabase } from '../../../../test/support/test-database.js';
import { createLogger } from './logger.js';

/** Issue 14, finding 5, as the database really answers: a refused INSERT INTO users, logged. */
describe('logging a database error from creating a user', () => {
  let database: Database;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    ({ database, dispose } = await openMigratedTestDatabase());
  });
  afterAll(async () => {
    await dispose();
  });

  it('writes the statement and the constraint, not the parameters or the failing row with the hash', async () => {
    const passwordHash = await hash('kettle orchard violin dusk');
    const refused = await new UsersRepository(database.dataSource)
      .insert({ email: 'rima@example.test', displayName: 'Rima', role: 'bogus' as Role, passwordHash })
      .then(
        () => null,
        (error: unknown) => error,
      );
    // What the driver hands over carries the hash twice: as a parameter, and in the failing row
    // (where PostgreSQL cuts long values short).
    expect(refused).toMatchObject({
      name: 'QueryFailedError',
      code: '23514',
      parameters: expect.arrayContaining([passwordHash]),
    });
    expect((refused as { detail: string }).detail).toContain(passwordHash.slice(0, 40));

    let written = '';
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        written += chunk.toString();
        done();
      },
    });
    createLogger('info', destination).error({ err: refused, requestId: 'r1' }, 'unhandled error');

    expect(written).not.toContain(passwordHash);
    expect(written).not.toContain('$argon2');
    const entry = JSON.parse(written) as { err: Record<string, unknown> };
    expect(entry.err).toMatchObject({
      type: 'QueryFailedError',
      code: '23514',
      table: 'users',
      query: expect.stringContaining('INSERT INTO users'),
    });
    expect(String(entry.err.message)).toContain('violates check constraint');
  });
});
