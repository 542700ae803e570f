import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { DatabaseConfig, DatabaseTimeouts } from '#config';
import { ENTITIES } from '../entities/index.js';
import { MIGRATIONS } from '../migrations/index.js';
import { lockDataDir } from './data-dir-lock.js';
import { restrictDataDir } from './data-dir-permissions.js';
import { QueryTimeoutClient } from './query-timeout-client.js';

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

/**
 * pg pool settings for the configured timeouts (0: unset). The server-side ones are sent as
 * session parameters at connect; the client-side query timeout is what notices a connection
 * whose network went silent, which no server setting can.
 */
function poolTimeouts(timeouts: DatabaseTimeouts): pg.PoolConfig {
  const orUnset = (ms: number) => (ms > 0 ? ms : undefined);
  return {
    Client: QueryTimeoutClient,
    connectionTimeoutMillis: orUnset(timeouts.connectMs),
    statement_timeout: orUnset(timeouts.statementMs),
    lock_timeout: orUnset(timeouts.lockMs),
    idle_in_transaction_session_timeout: orUnset(timeouts.idleInTransactionMs),
    query_timeout: orUnset(timeouts.queryMs),
    keepAlive: timeouts.keepAliveIdleMs > 0,
    keepAliveInitialDelayMillis: orUnset(timeouts.keepAliveIdleMs),
  };
}

/** Opens the configured database: PostgreSQL through `pg`, or the embedded PGlite in DATA_DIR. */
export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  if (config.kind === 'postgres') {
    const dataSource = new DataSource({
      type: 'postgres',
      url: config.url,
      ...COMMON,
      extra: { max: config.poolSize, application_name: 'copydesk', ...poolTimeouts(config.timeouts) },
    });
    await dataSource.initialize();
    return { kind: 'postgres', dataSource, close: () => dataSource.destroy() };
  }

  // Loaded here, not at the top: a server on PostgreSQL never needs the embedded database's code.
  // One after the other: these share modules, and jest's ESM loader fails on concurrent links of one.
  const { PGlite } = await import('@electric-sql/pglite');
  const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
  const { durablePgliteOptions } = await import('./durable-node-fs.js');
  const unlock = await lockDataDir(config.dataDir);
  let pglite: PGlite | undefined;
  try {
    pglite = await PGlite.create(durablePgliteOptions(config.dataDir));
    await restrictDataDir(config.dataDir);
    // PGlite's node-postgres adapter behind TypeORM's own postgres driver: one real session,
    // with a pool of one, so transactions are serialized instead of interleaved on a shared session.
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
