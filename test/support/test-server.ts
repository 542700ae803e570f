import type { INestApplication } from '@nestjs/common';
import { Redis } from 'ioredis';
import { pino, type Logger } from 'pino';
import { loadConfig, type AppConfig, type DatabaseConfig } from '#config';
import { openDatabase, runMigrations, type Database } from '#persistence';
import { createApp } from '../../apps/server/src/create-app.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-000';

export interface TestServer {
  app: INestApplication;
  url: string;
  config: AppConfig;
  database: Database;
  close(): Promise<void>;
}

export interface TestServerOptions {
  env?: Record<string, string>;
  /** Reuse a database created by the caller (several servers on one database). */
  database?: DatabaseConfig;
  redis?: boolean;
  /** Where the server logs; silent unless given (the logging tests read what it writes). */
  logger?: Logger;
}

/** Starts a real server on an ephemeral port with its own fresh database. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  let owned: TestDatabase | undefined;
  const dbConfig = options.database ?? (owned = await createTestDatabase()).config;
  const config = loadConfig(
    { JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'silent', PORT: '0', ...options.env },
    process.cwd(),
  );
  config.database = dbConfig;
  if (options.redis && process.env.REDIS_URL) config.redis.url = process.env.REDIS_URL;
  const database = await openDatabase(dbConfig);
  await runMigrations(database);
  const redis = config.redis.url ? new Redis(config.redis.url) : null;
  const app = await createApp({
    config,
    database,
    jwtSecret: TEST_JWT_SECRET,
    logger: options.logger ?? pino({ level: 'silent' }),
    redis,
  });
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    app,
    url,
    config,
    database,
    close: async () => {
      await app.close();
      await redis?.quit();
      await database.close();
      await owned?.dispose();
    },
  };
}
