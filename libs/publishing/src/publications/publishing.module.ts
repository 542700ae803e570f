import {
  Injectable,
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnModuleInit,
} from '@nestjs/common';
import { DraftsModule } from '#drafts';
import { DesksRepository, DraftsRepository, UsersRepository } from '#persistence';
import { ReviewsService } from '#reviews';
import { WebhookDispatcher } from '../webhooks/webhook-dispatcher.js';
import { EmbargoScheduler, type SchedulerLogger } from './embargo-scheduler.js';
import { NinjsReleaseWriter } from './ninjs-release-writer.js';
import { PublicationsService } from './publications.service.js';

export interface PublishingOptions {
  /** A story's ninjs `uri` is this followed by the draft's id. */
  uriPrefix: string;
  releasePollMs: number;
  logger: SchedulerLogger;
}

const PUBLISHING_OPTIONS = Symbol('PUBLISHING_OPTIONS');
/** Due releases claimed per transaction round. */
const RELEASE_BATCH = 20;

/**
 * Registers the ninjs writer with the review workflow (a committed release wakes the webhook
 * dispatcher, so its deliveries go out at once rather than at the next poll; a draft scheduled
 * here has the scheduler plan its release for its time), and runs the embargo scheduler while
 * the app runs.
 */
@Injectable()
export class ReleaseLifecycle implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    private readonly reviews: ReviewsService,
    private readonly writer: NinjsReleaseWriter,
    private readonly scheduler: EmbargoScheduler,
    private readonly dispatcher: WebhookDispatcher,
  ) {}

  onModuleInit(): void {
    this.reviews.useReleases({
      prepare: (draftId) => this.writer.prepare(draftId),
      released: () => this.dispatcher.nudge(),
      scheduled: () => this.scheduler.nudge(),
    });
  }

  onApplicationBootstrap(): void {
    this.scheduler.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.scheduler.stop();
  }
}

/** `reviews` and `webhooks` are the app's own configured modules (the same module objects it imports). */
@Module({})
export class PublishingModule {
  static forRoot(options: PublishingOptions, reviews: DynamicModule, webhooks: DynamicModule): DynamicModule {
    return {
      module: PublishingModule,
      imports: [reviews, webhooks, DraftsModule],
      providers: [
        { provide: PUBLISHING_OPTIONS, useValue: options },
        {
          provide: NinjsReleaseWriter,
          inject: [PUBLISHING_OPTIONS, DraftsRepository, UsersRepository, DesksRepository],
          useFactory: (
            opts: PublishingOptions,
            drafts: DraftsRepository,
            users: UsersRepository,
            desks: DesksRepository,
          ) => new NinjsReleaseWriter(opts.uriPrefix, drafts, users, desks),
        },
        {
          provide: EmbargoScheduler,
          inject: [PUBLISHING_OPTIONS, ReviewsService],
          useFactory: (opts: PublishingOptions, service: ReviewsService) =>
            new EmbargoScheduler(service, {
              pollMs: opts.releasePollMs,
              batch: RELEASE_BATCH,
              logger: opts.logger,
            }),
        },
        PublicationsService,
        ReleaseLifecycle,
      ],
      exports: [PublicationsService, EmbargoScheduler],
    };
  }
}
