import {
  Inject,
  Injectable,
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { WebhooksRepository } from '#persistence';
import { AddressPolicy } from './address-policy.js';
import { WebhookDispatcher, type DispatcherLogger } from './webhook-dispatcher.js';
import { WebhookEndpointsService } from './webhook-endpoints.service.js';
import { createWebhookSender } from './webhook-sender.js';

/** The settings of AppConfig.webhooks (docs/webhooks.md), and where to log. */
export interface WebhooksOptions {
  pollMs: number;
  timeoutMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  maxAttempts: number;
  leaseMs: number;
  allowPrivateAddresses: boolean;
  logger: DispatcherLogger;
}

const WEBHOOKS_OPTIONS = Symbol('WEBHOOKS_OPTIONS');
/** Attempts in flight per instance: receivers are slow far more often than they are many. */
const CONCURRENCY = 4;

/** Runs the dispatcher while the app runs; on shutdown, lets the attempts in flight be recorded first. */
@Injectable()
export class WebhookDispatcherLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(@Inject(WebhookDispatcher) private readonly dispatcher: WebhookDispatcher) {}

  onApplicationBootstrap(): void {
    this.dispatcher.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.dispatcher.stop();
  }
}

/** Webhook endpoints for admins, and the dispatcher that sends the outbox. */
@Module({})
export class WebhooksModule {
  static forRoot(options: WebhooksOptions): DynamicModule {
    return {
      module: WebhooksModule,
      providers: [
        { provide: WEBHOOKS_OPTIONS, useValue: options },
        {
          provide: AddressPolicy,
          inject: [WEBHOOKS_OPTIONS],
          useFactory: (opts: WebhooksOptions) =>
            new AddressPolicy({ allowPrivateAddresses: opts.allowPrivateAddresses }),
        },
        {
          provide: WebhookDispatcher,
          inject: [WEBHOOKS_OPTIONS, WebhooksRepository, AddressPolicy],
          useFactory: (opts: WebhooksOptions, store: WebhooksRepository, policy: AddressPolicy) =>
            new WebhookDispatcher(store, createWebhookSender({ timeoutMs: opts.timeoutMs, policy }), {
              pollMs: opts.pollMs,
              leaseMs: opts.leaseMs,
              retry: { baseMs: opts.retryBaseMs, maxMs: opts.retryMaxMs, maxAttempts: opts.maxAttempts },
              concurrency: CONCURRENCY,
              logger: opts.logger,
            }),
        },
        WebhookEndpointsService,
        WebhookDispatcherLifecycle,
      ],
      exports: [WebhookEndpointsService, WebhookDispatcher],
    };
  }
}
