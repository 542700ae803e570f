import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { AppConfig } from '#config';
import { AuthModule, LoginThrottle } from '#auth';
import { ClaimsModule } from '#claims';
import { DraftsModule, LiveEditingModule } from '#drafts';
import { DatabaseHealth, DatabasePool, PersistenceModule, type Database } from '#persistence';
import { PresenceModule } from '#presence';
import { SessionsModule } from '#sessions';
import { PublishingModule, WebhooksModule } from '#publishing';
import { ReviewsModule } from '#reviews';
import { AdminController } from './admin/admin.controller.js';
import { SecurityEventsController } from './admin/security-events.controller.js';
import { WebhooksController } from './admin/webhooks.controller.js';
import { AuthController } from './auth/auth.controller.js';
import { AuthGuard } from './auth/auth.guard.js';
import { SessionsController } from './auth/sessions.controller.js';
import { ClaimsController } from './claims/claims.controller.js';
import { DraftClaimsController } from './claims/draft-claims.controller.js';
import { PublicationsController } from './publications/publications.controller.js';
import { ReviewsController } from './reviews/reviews.controller.js';
import { ReviewQueueController } from './reviews/review-queue.controller.js';
import { CollabGateway } from './collab/collab.gateway.js';
import { REDIS_LINKS, RedisLinksLifecycle, type RedisLinks } from './composition/redis-links.js';
import { DraftsController } from './drafts/drafts.controller.js';
import { HealthController } from './health/health.controller.js';
import { databaseProbe, READINESS_PROBES, redisProbe } from './health/readiness-probe.js';
import { MetricsController } from './metrics/metrics.controller.js';
import { MetricsService } from './metrics/metrics.service.js';
import { PresenceController } from './presence/presence.controller.js';
import { APP_CONFIG, DATABASE_POOL_USAGE, LOGGER, REDIS } from './tokens.js';

export interface AppDependencies {
  config: AppConfig;
  database: Database;
  jwtSecret: string;
  logger: Logger;
  redis: Redis | null;
  redisLinks: RedisLinks;
}

@Module({})
export class AppModule {
  static create(deps: AppDependencies): DynamicModule {
    const liveEditing = LiveEditingModule.forRoot({
      relay: deps.redisLinks.relay,
      logger: deps.logger,
      documents: {
        compactEvery: deps.config.collab.compactEvery,
        idleUnloadMs: deps.config.collab.idleUnloadMs,
        textSyncDebounceMs: deps.config.collab.textSyncDebounceMs,
        // Across instances a review transition cannot yet fence the others' rooms: commit first there.
        earlyRelay: deps.config.collab.earlyRelay === 'auto' && !deps.redis,
        // The embedded database has one session: a second commit would only queue behind the first.
        commitsInFlight: deps.database.kind === 'embedded' ? 1 : deps.config.collab.commitsInFlight,
        gapRepairMs: 250,
        // Only other instances write behind this one's back; they exist only with Redis.
        catchUpMs: deps.redis ? 5_000 : 0,
        maxUpdateBytes: deps.config.collab.maxUpdateBytes,
        maxDocumentBytes: deps.config.collab.maxDocumentBytes,
      },
      updatesPerSecond: deps.config.collab.updatesPerSecond,
      updateBurst: deps.config.collab.updateBurst,
      joinsPerSecond: deps.config.collab.joinsPerSecond,
      joinBurst: deps.config.collab.joinBurst,
    });
    const presence = PresenceModule.forRoot({
      redis: deps.redis,
      timeoutMs: deps.config.collab.presenceTimeoutMs,
      cursorIntervalMs: deps.config.collab.presenceCursorIntervalMs,
      logger: deps.logger,
    });
    const claims = ClaimsModule.forRoot({ ...deps.config.claims, logger: deps.logger }, liveEditing);
    const reviews = ReviewsModule.forRoot(claims);
    const webhooks = WebhooksModule.forRoot({ ...deps.config.webhooks, logger: deps.logger });
    const publishing = PublishingModule.forRoot({ ...deps.config.publishing, logger: deps.logger }, reviews, webhooks);
    return {
      module: AppModule,
      imports: [
        PersistenceModule.forDatabase(deps.database),
        AuthModule.forRoot({ jwtSecret: deps.jwtSecret, tokenTtlSeconds: deps.config.auth.tokenTtlSeconds }),
        DraftsModule,
        claims,
        reviews,
        publishing,
        webhooks,
        liveEditing,
        presence,
        SessionsModule.forRoot(
          {
            maxConnectionsPerUser: deps.config.collab.maxConnectionsPerUser,
            // Only with Redis are there other instances to tell.
            acrossInstances: deps.redis !== null,
            logger: deps.logger,
          },
          [liveEditing, presence, claims, reviews],
        ),
      ],
      controllers: [
        DraftClaimsController,
        ReviewsController,
        ReviewQueueController,
        PublicationsController,
        AuthController,
        SessionsController,
        AdminController,
        SecurityEventsController,
        WebhooksController,
        DraftsController,
        PresenceController,
        ClaimsController,
        HealthController,
        MetricsController,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: deps.config },
        { provide: LOGGER, useValue: deps.logger },
        { provide: REDIS, useValue: deps.redis },
        { provide: APP_GUARD, useClass: AuthGuard },
        {
          // Shared by every instance through Redis; the embedded database runs one instance.
          provide: LoginThrottle,
          useValue: deps.redis ? LoginThrottle.onRedis(deps.redis) : LoginThrottle.inMemory(),
        },
        MetricsService,
        {
          provide: DATABASE_POOL_USAGE,
          inject: [DatabasePool],
          useFactory: (pool: DatabasePool) => () => pool.usage(),
        },
        CollabGateway,
        { provide: REDIS_LINKS, useValue: deps.redisLinks },
        RedisLinksLifecycle,
        {
          provide: READINESS_PROBES,
          inject: [DatabaseHealth, REDIS],
          useFactory: (database: DatabaseHealth, redis: Redis | null) => [databaseProbe(database), redisProbe(redis)],
        },
      ],
    };
  }
}
