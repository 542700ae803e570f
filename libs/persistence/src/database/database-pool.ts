import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The connection pool as it is now: connections open, of them idle, and callers waiting for one. */
export interface PoolUsage {
  open: number;
  idle: number;
  waiting: number;
}

/** What this module reads of pg's Pool (TypeORM's postgres driver keeps it as `master`). */
interface PgPoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

const isPgPool = (pool: unknown): pool is PgPoolCounts =>
  typeof pool === 'object' &&
  pool !== null &&
  ['totalCount', 'idleCount', 'waitingCount'].every(
    (key) => typeof (pool as Record<string, unknown>)[key] === 'number',
  );

/**
 * How the database's connection pool is used, for the metrics. It reads the driver's counters and
 * never talks to the database, so it is no storage boundary: it cannot meet an outage.
 */
@Injectable()
export class DatabasePool {
  constructor(private readonly dataSource: DataSource) {}

  /** The pool's use now (the embedded database's holds its one session); null without a pool. */
  usage(): PoolUsage | null {
    const pool = (this.dataSource.driver as { master?: unknown }).master;
    if (!isPgPool(pool)) return null;
    return { open: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount };
  }
}
