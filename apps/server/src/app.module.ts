import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { AppConfig } from '#config';
import { AuthModule } from '#auth';
import { DraftsModule } from '#drafts';
import { PersistenceModule, type Database } from '#persistence';
import { AdminController } from './admin/admin.controller.js';
import { AuthController } from './auth/auth.controller.js';
import { AuthGuard } from './auth/auth.guard.js';
import { DraftsController } from './drafts/drafts.controller.js';
import { HealthController } from './health/health.controller.js';
import { MetricsController } from './metrics/metrics.controller.js';
import { MetricsService } from './metrics/metrics.service.js';
import { APP_CONFIG, LOGGER, REDIS } from './tokens.js';

export interface AppDependencies {
  config: AppConfig;
  database: Database;
  jwtSecret: string;
  logger: Logger;
  redis: Redis | null;
}

@Module({})
export class AppModule {
  static create(deps: AppDependencies): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PersistenceModule.forDatabase(deps.database),
        AuthModule.forRoot({ jwtSecret: deps.jwtSecret, tokenTtlSeconds: deps.config.auth.tokenTtlSeconds }),
        DraftsModule,
      ],
      controllers: [AuthController, AdminController, DraftsController, HealthController, MetricsController],
      providers: [
        { provide: APP_CONFIG, useValue: deps.config },
        { provide: LOGGER, useValue: deps.logger },
        { provide: REDIS, useValue: deps.redis },
        { provide: APP_GUARD, useClass: AuthGuard },
        MetricsService,
      ],
    };
  }
}
