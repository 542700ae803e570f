import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { StorageBoundary } from './storage-boundary.js';

/** Whether the database answers now, for readiness checks; the edges never touch the driver themselves. */
@Injectable()
@StorageBoundary()
export class DatabaseHealth {
  constructor(private readonly dataSource: DataSource) {}

  /** Resolves once the database has answered a trivial query; rejects (DomainError UNAVAILABLE on an outage) otherwise. */
  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }
}
