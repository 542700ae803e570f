import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openDatabase, runMigrations } from '#persistence';
import { MIGRATIONS } from '../src/migrations/index.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';

describe('migrations', () => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase();
  });
  afterAll(async () => {
    await testDb.dispose();
  });

  it('creates the schema once and finds nothing pending afterwards', async () => {
    const database = await openDatabase(testDb.config);
    try {
      expect(await runMigrations(database)).toEqual(MIGRATIONS.map((migration) => migration.name));
      expect(await runMigrations(database)).toEqual([]);
      const tables = await database.dataSource.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
      );
      expect(tables.map((t: { table_name: string }) => t.table_name)).toEqual(
        expect.arrayContaining(['desk_members', 'desks', 'draft_snapshots', 'draft_updates', 'drafts', 'users']),
      );
    } finally {
      await database.close();
    }
  });

  it('keeps bytea, jsonb-free text and arrays byte-exact', async () => {
    const database = await openDatabase(testDb.config);
    try {
      const [row] = await database.dataSource.query(`SELECT $1::bytea AS data, $2::text AS text`, [
        Buffer.from([0, 255, 1, 128]),
        "'; DROP TABLE users; -- مرحبا 👋🏽",
      ]);
      expect(Buffer.from(row.data)).toEqual(Buffer.from([0, 255, 1, 128]));
      expect(row.text).toBe("'; DROP TABLE users; -- مرحبا 👋🏽");
    } finally {
      await database.close();
    }
  });
});
