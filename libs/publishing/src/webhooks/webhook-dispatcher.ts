import type { AttemptOutcome, ClaimedDelivery, WebhooksRepository } from '#persistence';
import { PollingLoop } from '../polling-loop.js';
import { afterFailedAttempt, type RandomSource, type RetryPolicy } from './retry-schedule.js';
import { webhookHeaders } from './signing.js';
import { webhookBody } from './webhook-payload.js';
import { isDelivered, type SendOutcome, type WebhookSend } from './webhook-sender.js';

export type DeliveryStore = Pick<WebhooksRepository, 'claimDue' | 'recordAttempt'>;

export interface DispatcherLogger {
  warn(details: object, message: string): void;
}

export interface DispatcherOptions {
  pollMs: number;
  /** How long a claimed delivery is ours; longer than an attempt can last (the config sees to it). */
  leaseMs: number;
  retry: RetryPolicy;
  /** Attempts in flight at once, and so deliveries claimed at once: each is sent as soon as it is claimed. */
  concurrency: number;
  logger: DispatcherLogger;
  random?: RandomSource;
  /** Unix seconds, for the signature's timestamp. */
  clock?: () => number;
}

/** One attempt as it ended, for metrics. */
export interface AttemptEvent {
  deliveryId: string;
  endpointId: string;
  attempt: number;
  outcome: AttemptOutcome;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  /** False when the lease was lost (or storage failed) before the outcome was written: it did not count. */
  recorded: boolean;
}

/**
 * Sends the outbox (docs/webhooks.md, Delivery). The database is the source of truth: a
 * delivery is due when its row says so, and an instance sends it only under a lease it took
 * with SKIP LOCKED, recording the outcome only while it still holds that lease. The timer only
 * decides when to look, so a restart loses nothing and several instances share the work; a
 * delivery answered 2xx and recorded is never sent again.
 */
export class WebhookDispatcher {
  private readonly loop: PollingLoop;
  private readonly listeners: ((event: AttemptEvent) => void)[] = [];
  private readonly random: RandomSource;
  private readonly clock: () => number;

  constructor(
    private readonly store: DeliveryStore,
    private readonly send: WebhookSend,
    private readonly options: DispatcherOptions,
  ) {
    this.random = options.random ?? Math.random;
    this.clock = options.clock ?? (() => Math.floor(Date.now() / 1000));
    this.loop = new PollingLoop(
      async () => void (await this.tick()),
      options.pollMs,
      (error) => options.logger.warn({ err: error }, 'webhook dispatch failed; retrying at the next look'),
    );
  }

  /** Called after every attempt this instance made. */
  onAttempt(listener: (event: AttemptEvent) => void): void {
    this.listeners.push(listener);
  }

  start(): void {
    this.loop.start();
  }

  /** Looks now rather than at the next poll (a release just committed deliveries). */
  nudge(): void {
    this.loop.nudge();
  }

  /**
   * Stops claiming and waits for the attempts in flight to be sent and recorded, so an answered
   * delivery is not sent again by the next instance to start.
   */
  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** One look: sends everything due now, a claim after another. Resolves to how many attempts it made. */
  async tick(): Promise<number> {
    let total = 0;
    for (;;) {
      const claimed = await this.store.claimDue(this.options.concurrency, this.options.leaseMs);
      await Promise.all(claimed.map((delivery) => this.attempt(delivery)));
      total += claimed.length;
      if (claimed.length < this.options.concurrency || this.loop.stopping) return total;
    }
  }

  private async attempt(delivery: ClaimedDelivery): Promise<void> {
    const body = webhookBody(delivery);
    const headers = webhookHeaders(delivery.endpoint.secret, delivery.id, this.clock(), body);
    const startedAt = new Date();
    const sent: SendOutcome = await this.send({ url: delivery.endpoint.url, body, headers }).catch(
      (error: unknown) => ({ statusCode: null, error: String(error), durationMs: 0 }),
    );
    const next = isDelivered(sent)
      ? ({ outcome: 'delivered' } as const)
      : afterFailedAttempt(delivery.attempt, this.options.retry, this.random);
    let recorded = false;
    try {
      recorded = await this.store.recordAttempt(delivery.id, delivery.leaseId, {
        startedAt,
        durationMs: sent.durationMs,
        statusCode: sent.statusCode,
        error: sent.error,
        ...next,
      });
    } catch (error) {
      // The lease runs out and the delivery is sent again: at least once (docs/webhooks.md).
      this.options.logger.warn({ err: error, deliveryId: delivery.id }, 'could not record a webhook attempt');
    }
    if (recorded && next.outcome === 'failed') {
      this.options.logger.warn(
        { deliveryId: delivery.id, endpointId: delivery.endpointId, attempts: delivery.attempt },
        'webhook delivery failed for good; an admin may redeliver it',
      );
    }
    const event: AttemptEvent = {
      deliveryId: delivery.id,
      endpointId: delivery.endpointId,
      attempt: delivery.attempt,
      outcome: next.outcome,
      statusCode: sent.statusCode,
      error: sent.error,
      durationMs: sent.durationMs,
      recorded,
    };
    for (const listener of this.listeners) listener(event);
  }
}
