import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import pg from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '#config';
import { ENTITIES } from '../entities/index.js';
import { MIGRATIONS } from '../migrations/index.js';
import { lockDataDir } from './data-dir-lock.js';

export interface Database {
  readonly kind: DatabaseConfig['kind'];
  readonly dataSource: DataSource;
  close(): Promise<void>;
}

const COMMON: Pick<DataSourceOptions, 'entities' | 'migrations' | 'synchronize' | 'migrationsRun'> = {
  entities: ENTITIES,
  migrations: MIGRATIONS,
  synchronize: false,
  migrationsRun: false,
};

/** Opens the configured database: PostgreSQL through `pg`, or the embedded PGlite in DATA_DIR. */
export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  if (config.kind === 'postgres') {
    const dataSource = new DataSource({
      type: 'postgres',
      url: config.url,
      ...COMMON,
      extra: { max: config.poolSize, application_name: 'copydesk' },
    });
    await dataSource.initialize();
    return { kind: 'postgres', dataSource, close: () => dataSource.destroy() };
  }

  const unlock = await lockDataDir(config.dataDir);
  let pglite: PGlite | undefined;
  try {
    pglite = await PGlite.create(config.dataDir);
    // PGlite's node-postgres adapter behind TypeORM's own postgres driver: one real session,
    // so transactions are serialized instead of interleaved (see STACK-NOTES.md).
    const dataSource = new DataSource({
      type: 'postgres',
      driver: pg,
      installExtensions: false,
      ...COMMON,
      extra: { ...createPgConfig(pglite), max: 1 },
    });
    await dataSource.initialize();
    const owned = pglite;
    return {
      kind: 'embedded',
      dataSource,
      close: async () => {
        await dataSource.destroy();
        await owned.close();
        await unlock();
      },
    };
  } catch (error) {
    await pglite?.close().catch(() => undefined);
    await unlock();
    throw error;
  }
}
