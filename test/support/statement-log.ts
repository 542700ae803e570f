import type { DataSource, Logger } from 'typeorm';

/** Passes every statement `dataSource` sends from now on to `record` (TypeORM's logger hook): for tests that count round trips. */
export function recordStatements(dataSource: DataSource, record: (statement: string) => void): void {
  const logger: Logger = {
    logQuery: (query: string) => record(query),
    logQueryError: () => undefined,
    logQuerySlow: () => undefined,
    logSchemaBuild: () => undefined,
    logMigration: () => undefined,
    log: () => undefined,
  };
  Object.defineProperty(dataSource, 'logger', { value: logger, configurable: true });
}
