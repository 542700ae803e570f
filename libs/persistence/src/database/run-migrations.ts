import type { Database } from './open-database.js';

// Any fixed number: it names the lock that keeps two instances from migrating at once.
const MIGRATION_LOCK = 73_112_026;

/** Applies pending migrations, one process at a time across instances; returns their names. */
export async function runMigrations(database: Database): Promise<string[]> {
  const { dataSource } = database;
  const apply = async () => (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
  // The embedded database has one session and one owner process: nothing to lock against,
  // and holding its only connection for the lock would deadlock the migration itself.
  if (database.kind === 'embedded') return apply();

  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      return await apply();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    await runner.release();
  }
}
