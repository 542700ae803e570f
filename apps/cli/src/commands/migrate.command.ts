import { openDatabase, runMigrations } from '#persistence';
import { readConfig } from '../cli-context.js';
import type { CommandIo } from '../command-io.js';

export async function migrateCommand(io: CommandIo): Promise<number> {
  const config = readConfig();
  const database = await openDatabase(config.database);
  try {
    const applied = await runMigrations(database);
    io.out(applied.length === 0 ? 'The database is up to date.' : `Applied: ${applied.join(', ')}`);
    return 0;
  } finally {
    await database.close();
  }
}
