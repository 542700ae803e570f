import type { AttemptOutcome, ClaimedDelivery, WebhooksRepository } from '#persistence';
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
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private lookAgain = false;
  private stopped = true;
  /** Set by stop(): a look in progress claims no more. */
  private halting = false;
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
  }

  /** Called after every attempt this instance made. */
  onAttempt(listener: (event: AttemptEvent) => void): void {
    this.listeners.push(listener);
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.halting = false;
    this.schedule(0);
  }

  /** Looks now rather than at the next poll (a release just committed deliveries). */
  nudge(): void {
    if (this.stopped) return;
    if (this.running) {
      this.lookAgain = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.schedule(0);
  }

  /**
   * Stops claiming and waits for the attempts in flight to be sent and recorded, so an answered
   * delivery is not sent again by the next instance to start.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    this.halting = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One look: sends everything due now, a claim after another. Resolves to how many attempts it made. */
  async tick(): Promise<number> {
    let total = 0;
    for (;;) {
      const claimed = await this.store.claimDue(this.options.concurrency, this.options.leaseMs);
      await Promise.all(claimed.map((delivery) => this.attempt(delivery)));
      total += claimed.length;
      if (claimed.length < this.options.concurrency || this.halting) return total;
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

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.tick()
        .then(
          () => undefined,
          (error: unknown) =>
            this.options.logger.warn({ err: error }, 'webhook dispatch failed; retrying at the next look'),
        )
        .finally(() => {
          this.running = null;
          const soon = this.lookAgain;
          this.lookAgain = false;
          this.schedule(soon ? 0 : this.options.pollMs);
        });
    }, delayMs);
  }
}
