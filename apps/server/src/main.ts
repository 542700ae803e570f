import 'reflect-metadata';
import type { Redis } from 'ioredis';
import { ConfigError, loadConfig, resolveJwtSecret } from '#config';
import { DataDirInUseError, openDatabase, runMigrations } from '#persistence';
import { createApp } from './create-app.js';
import { createLogger } from './logging/logger.js';

async function main(): Promise<void> {
  const config = loadConfig(process.env, process.cwd());
  const logger = createLogger(config.log.level);
  // Before the database: a jwt-secret file that must not be used stops the start at once.
  const jwtSecret = await resolveJwtSecret(config);
  const database = await openDatabase(config.database);
  // Embedded: this process owns the database, so it brings the schema up to date itself.
  // PostgreSQL: operators run `copydesk migrate` once per release, before rolling instances.
  if (database.kind === 'embedded') {
    const applied = await runMigrations(database);
    if (applied.length > 0) logger.info({ applied }, 'migrations applied');
  }
  const redis = config.redis.url ? await connectRedis(config.redis.url) : null;
  const app = await createApp({ config, database, jwtSecret, logger, redis });
  await app.listen(config.http.port, config.http.host);
  logger.info({ url: await app.getUrl(), database: database.kind, redis: redis !== null }, 'Copydesk is listening');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000).unref();
    try {
      await app.close();
      await redis?.quit();
      await database.close();
    } finally {
      clearTimeout(force);
      logger.flush();
      process.exit(0);
    }
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

/** ioredis is loaded only when there is a Redis to use: a single instance never needs its code. */
async function connectRedis(url: string): Promise<Redis> {
  const { Redis } = await import('ioredis');
  return new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2 });
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirInUseError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Copydesk failed to start: ${(error as Error).stack ?? String(error)}\n`);
  }
  process.exit(1);
});
