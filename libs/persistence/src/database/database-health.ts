import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { StorageBoundary } from './storage-boundary.js';

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
 * Whether the database answers now, for readiness checks, and how its connection pool is used,
 * for the metrics; the edges never touch the driver themselves.
 */
@Injectable()
@StorageBoundary()
export class DatabaseHealth {
  constructor(private readonly dataSource: DataSource) {}

  /** Resolves once the database has answered a trivial query; rejects (DomainError UNAVAILABLE on an outage) otherwise. */
  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }

  /** The connection pool's use now (the embedded database's holds its one session); null without a pool. */
  poolUsage(): PoolUsage | null {
    const pool = (this.dataSource.driver as { master?: unknown }).master;
    if (!isPgPool(pool)) return null;
    return { open: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount };
  }
}
