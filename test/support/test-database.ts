import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { DEFAULT_DATABASE_TIMEOUTS, type DatabaseConfig } from '#config';
import { openDatabase, runMigrations, type Database } from '#persistence';

/** Which database the suites run on: real PostgreSQL when DATABASE_URL is set, else embedded. */
export function testDatabaseMode(): 'postgres' | 'embedded' {
  return process.env.DATABASE_URL ? 'postgres' : 'embedded';
}

export interface TestDatabase {
  config: DatabaseConfig;
  /** Drops the database (PostgreSQL) or deletes its directory (embedded). */
  dispose(): Promise<void>;
}

/**
 * A fresh, empty database for one test file: a new database on the PostgreSQL server named by
 * DATABASE_URL, or a new embedded data directory. Suites never share state.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'copydesk-test-'));
    return {
      config: { kind: 'embedded', dataDir },
      dispose: () => rm(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `copydesk_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    config: { kind: 'postgres', url: url.toString(), poolSize: 10, timeouts: { ...DEFAULT_DATABASE_TIMEOUTS } },
    dispose: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** A fresh database, opened and migrated. */
export async function openMigratedTestDatabase(): Promise<{ database: Database; dispose: () => Promise<void> }> {
  const testDb = await createTestDatabase();
  const database = await openDatabase(testDb.config);
  await runMigrations(database);
  return {
    database,
    dispose: async () => {
      await database.close();
      await testDb.dispose();
    },
  };
}
