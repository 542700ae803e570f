import { Global, Module, type DynamicModule } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DatabaseHealth } from '../database/database-health.js';
import { DatabasePool } from '../database/database-pool.js';
import type { Database } from '../database/open-database.js';
import { AuthSessionsRepository } from '../repositories/auth-sessions.repository.js';
import { ClaimsRepository } from '../repositories/claims.repository.js';
import { DesksRepository } from '../repositories/desks.repository.js';
import { DraftDocumentsRepository } from '../repositories/draft-documents.repository.js';
import { DraftsRepository } from '../repositories/drafts.repository.js';
import { PublicationsRepository } from '../repositories/publications.repository.js';
import { ReviewsRepository } from '../repositories/reviews.repository.js';
import { SecurityEventsRepository } from '../repositories/security-events.repository.js';
import { UsersRepository } from '../repositories/users.repository.js';
import { WebhooksRepository } from '../repositories/webhooks.repository.js';

export const DATABASE = Symbol('DATABASE');

/** What other libs and the apps use: each a StorageBoundary, so an outage leaves them as DomainError UNAVAILABLE. */
const SERVICES = [
  UsersRepository,
  DesksRepository,
  DraftsRepository,
  DraftDocumentsRepository,
  ClaimsRepository,
  ReviewsRepository,
  PublicationsRepository,
  WebhooksRepository,
  AuthSessionsRepository,
  SecurityEventsRepository,
  DatabaseHealth,
  DatabasePool,
];

/** Makes an opened database and its repositories available to every context module. */
@Global()
@Module({})
export class PersistenceModule {
  static forDatabase(database: Database): DynamicModule {
    return {
      module: PersistenceModule,
      providers: [
        { provide: DATABASE, useValue: database },
        { provide: DataSource, useValue: database.dataSource },
        ...SERVICES,
      ],
      exports: [DATABASE, DataSource, ...SERVICES],
    };
  }
}
