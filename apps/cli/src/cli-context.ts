import 'reflect-metadata';
import { Module, type DynamicModule, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig, resolveJwtSecret, type AppConfig } from '#config';
import { AuthModule } from '#auth';
import { DraftsModule } from '#drafts';
import { openDatabase, PersistenceModule, runMigrations, type Database } from '#persistence';

@Module({})
class CliModule {
  static create(database: Database, jwtSecret: string, config: AppConfig): DynamicModule {
    return {
      module: CliModule,
      imports: [
        PersistenceModule.forDatabase(database),
        AuthModule.forRoot({ jwtSecret, tokenTtlSeconds: config.auth.tokenTtlSeconds }),
        DraftsModule,
      ],
    };
  }
}

export function readConfig(): AppConfig {
  return loadConfig(process.env, process.cwd());
}

/** Opens the configured database (migrated) and the services a command needs, then closes them all. */
export async function withServices<T>(
  work: (context: INestApplicationContext, config: AppConfig) => Promise<T>,
): Promise<T> {
  const config = readConfig();
  const database = await openDatabase(config.database);
  try {
    await runMigrations(database);
    const context = await NestFactory.createApplicationContext(
      CliModule.create(database, await resolveJwtSecret(config), config),
      { logger: false },
    );
    try {
      return await work(context, config);
    } finally {
      await context.close();
    }
  } finally {
    await database.close();
  }
}
