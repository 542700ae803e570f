import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { QueryRunner } from 'typeorm';
import { DatabasePool, openDatabase, type Database } from '#persistence';
import { createTestDatabase, testDatabaseMode, type TestDatabase } from '../../../test/support/test-database.js';

/** What the metrics show of the pool: connections open, idle, and callers waiting for one. */
describe('DatabasePool.usage', () => {
  let testDb: TestDatabase;
  let database: Database;
  let pool: DatabasePool;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    database = await openDatabase(
      testDb.config.kind === 'postgres' ? { ...testDb.config, poolSize: 2 } : testDb.config,
    );
    pool = new DatabasePool(database.dataSource);
  });
  afterAll(async () => {
    await database.close();
    await testDb.dispose();
  });

  it('counts connections held, idle and waited for', async () => {
    // A pool of two on PostgreSQL; the embedded database's holds its one session.
    const size = testDatabaseMode() === 'postgres' ? 2 : 1;
    await database.dataSource.query('SELECT 1');
    expect(pool.usage()).toEqual({ open: 1, idle: 1, waiting: 0 });

    const held: QueryRunner[] = Array.from({ length: size }, () => database.dataSource.createQueryRunner());
    await Promise.all(held.map((runner) => runner.connect()));
    expect(pool.usage()).toEqual({ open: size, idle: 0, waiting: 0 });

    // One more caller waits for a connection.
    const more = database.dataSource.query('SELECT 2 AS two');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(pool.usage()).toEqual({ open: size, idle: 0, waiting: 1 });

    await held[0]!.release();
    await expect(more).resolves.toEqual([{ two: 2 }]);
    for (const runner of held.slice(1)) await runner.release();
    expect(pool.usage()).toEqual({ open: size, idle: size, waiting: 0 });
  });
});
