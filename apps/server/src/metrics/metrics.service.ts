import { Inject, Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DocumentHealth } from '#collab';
import { LiveEditingService } from '#drafts';
import { DraftClaimsService } from '#claims';
import { EmbargoScheduler, WebhookDispatcher, WebhookEndpointsService } from '#publishing';
import { ReviewsService } from '#reviews';
import type { PoolUsage } from '#persistence';
import { DATABASE_POOL_USAGE } from '../tokens.js';

/** The server's Prometheus registry: one per process, owned here rather than prom-client's global. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  readonly httpRequests = new Counter({
    name: 'copydesk_http_requests_total',
    help: 'HTTP requests served, by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: 'copydesk_http_request_duration_seconds',
    help: 'HTTP request latency',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly presenceBroadcasts = new Counter({
    name: 'copydesk_presence_broadcasts_total',
    help: 'Presence events this instance broadcast to a draft room (entry: join, move, activity; left)',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  /** Stored updates sent on to their drafts' rooms, and the emits that carried them: the ratio shows coalescing. */
  readonly fanoutUpdates = new Counter({
    name: 'copydesk_collab_fanout_updates_total',
    help: 'Stored updates this instance sent on to the other sessions of their draft',
    registers: [this.registry],
  });
  readonly fanoutEmits = new Counter({
    name: 'copydesk_collab_fanout_emits_total',
    help: 'Update emits that carried them (room: to the draft but its senders; connection: to some of the senders)',
    labelNames: ['to'] as const,
    registers: [this.registry],
  });

  readonly slowConsumersCut = new Counter({
    name: 'copydesk_collab_slow_connections_cut_total',
    help: 'Connections cut off because more than COLLAB_MAX_OUTBOUND_BYTES sent to them was not yet written',
    registers: [this.registry],
  });

  /** Server-side durable-ack latency: from an `update` arriving to its ack (stored, applied, relayed). */
  readonly collabUpdates = new Histogram({
    name: 'copydesk_collab_update_seconds',
    help: 'Time from an update arriving on /collab to its ack, by outcome (ok or the error code)',
    labelNames: ['outcome'] as const,
    buckets: [
      0.001, 0.0025, 0.005, 0.01, 0.015, 0.02, 0.025, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2, 0.25, 0.35, 0.5, 1, 2.5,
    ],
    registers: [this.registry],
  });

  /**
   * The group commit behind every ack (docs/benchmarks.md): how long an update queues for its
   * batch, how long a batch takes, and how many updates it carries.
   */
  readonly collabCommitWait = new Histogram({
    name: 'copydesk_collab_commit_wait_seconds',
    help: 'Time an update waited for its group commit to start (the commit before it under way)',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [this.registry],
  });
  readonly collabCommit = new Histogram({
    name: 'copydesk_collab_commit_seconds',
    help: 'Group commits of updates: from the start to applying the stored batch (the store and the event loop)',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly collabCommitSize = new Histogram({
    name: 'copydesk_collab_commit_updates',
    help: 'Updates per group commit',
    buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500],
    registers: [this.registry],
  });

  /** Reconciling a draft's claims with its text once edits settle: in all, and the extractor's part (CPU). */
  readonly claimsReconcile = new Histogram({
    name: 'copydesk_claims_reconcile_seconds',
    help: 'Reconciliations of a draft’s claims with its text that ran (skipped ones not counted)',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly claimsExtract = new Histogram({
    name: 'copydesk_claims_extract_seconds',
    help: 'Of each reconciliation, reading the text, the extractor and the rules (CPU time, run in slices)',
    buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25],
    registers: [this.registry],
  });

  /** How long after its embargo's end each scheduled release committed (docs/publishing.md). */
  readonly releaseLag = new Histogram({
    name: 'copydesk_release_lag_seconds',
    help: 'From an embargo ending to its release committing, for releases this instance made',
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers: [this.registry],
  });

  /** Webhook attempts this instance made (docs/webhooks.md, Metrics). */
  readonly webhookAttempts = new Counter({
    name: 'copydesk_webhook_attempts_total',
    help: 'Webhook attempts this instance made, by outcome (delivered, retry, failed)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly webhookDeliveriesFinished = new Counter({
    name: 'copydesk_webhook_deliveries_finished_total',
    help: 'Webhook deliveries this instance finished: delivered (a 2xx) or failed (out of attempts)',
    labelNames: ['state'] as const,
    registers: [this.registry],
  });
  readonly webhookAttemptDuration = new Histogram({
    name: 'copydesk_webhook_attempt_seconds',
    help: 'One webhook attempt, from connecting to the last byte of the answer (or the error)',
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  constructor(
    editing: LiveEditingService,
    claims: DraftClaimsService,
    reviews: ReviewsService,
    scheduler: EmbargoScheduler,
    webhooks: WebhookDispatcher,
    endpoints: WebhookEndpointsService,
    @Inject(DATABASE_POOL_USAGE) poolUsage: () => PoolUsage | null,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'copydesk_' });
    this.trackDocuments(() => editing.health);
    this.trackPool(poolUsage);
    this.trackCommits(editing);
    this.trackReleases(reviews, scheduler);
    this.trackWebhooks(webhooks, endpoints);
    claims.onReconciled(({ seconds, extractSeconds }) => {
      this.claimsReconcile.observe(seconds);
      this.claimsExtract.observe(extractSeconds);
    });
  }

  /** Each attempt made here, and on every scrape the deliveries waiting (all instances). */
  private trackWebhooks(webhooks: WebhookDispatcher, endpoints: WebhookEndpointsService): void {
    webhooks.onAttempt(({ outcome, durationMs, recorded }) => {
      this.webhookAttempts.inc({ outcome });
      this.webhookAttemptDuration.observe(durationMs / 1000);
      if (recorded && outcome !== 'retry') this.webhookDeliveriesFinished.inc({ state: outcome });
    });
    new Gauge({
      name: 'copydesk_webhook_deliveries_queued',
      help: 'Webhook deliveries waiting to be sent (pending), over every instance',
      registers: [this.registry],
      async collect() {
        // A storage outage reads as nothing known (NaN).
        this.set(await endpoints.queuedDeliveries().catch(() => Number.NaN));
      },
    });
  }

  /** The scheduler's lag: per release made here, and on every scrape what is due and not yet out (all instances). */
  private trackReleases(reviews: ReviewsService, scheduler: EmbargoScheduler): void {
    scheduler.onReleased(({ lagMs }) => this.releaseLag.observe(Math.max(0, lagMs) / 1000));
    let backlog: Promise<{ due: number; oldestOverdueSeconds: number }> | null = null;
    // One query per scrape for both gauges; a storage outage reads as nothing known (NaN).
    const read = () => (backlog ??= reviews.releaseBacklog().finally(() => setImmediate(() => (backlog = null))));
    new Gauge({
      name: 'copydesk_releases_due',
      help: 'Embargoed releases whose time has come and that are not yet released',
      registers: [this.registry],
      async collect() {
        this.set(
          await read().then(
            (b) => b.due,
            () => Number.NaN,
          ),
        );
      },
    });
    new Gauge({
      name: 'copydesk_release_overdue_seconds',
      help: 'How long past its embargo the oldest unreleased due release is (0 when none)',
      registers: [this.registry],
      async collect() {
        this.set(
          await read().then(
            (b) => b.oldestOverdueSeconds,
            () => Number.NaN,
          ),
        );
      },
    });
  }

  /** Each group commit of updates on this instance, as it ends. */
  private trackCommits(editing: LiveEditingService): void {
    editing.onCommitted(({ waitedMs, commitMs }) => {
      this.collabCommitSize.observe(waitedMs.length);
      this.collabCommit.observe(commitMs / 1000);
      for (const waited of waitedMs) this.collabCommitWait.observe(waited / 1000);
    });
  }

  /** The database pool on every scrape: while it is full, reads, text writes and reconciliations wait for it. */
  private trackPool(read: () => PoolUsage | null): void {
    new Gauge({
      name: 'copydesk_db_pool_connections',
      help: 'Database connections this instance holds, by state: busy (checked out, the group commit’s kept one too) or idle',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        const usage = read();
        if (!usage) return;
        this.set({ state: 'busy' }, usage.open - usage.idle);
        this.set({ state: 'idle' }, usage.idle);
      },
    });
    new Gauge({
      name: 'copydesk_db_pool_waiting',
      help: 'Queries of this instance waiting for a database connection (the pool is full)',
      registers: [this.registry],
      collect() {
        const usage = read();
        if (usage) this.set(usage.waiting);
      },
    });
  }

  /** Reads the live documents' health on every scrape. */
  private trackDocuments(read: () => DocumentHealth): void {
    const registers = [this.registry];
    new Counter({
      name: 'copydesk_collab_quarantined_updates_total',
      help: 'Stored updates set aside because they could not be integrated (see the logs for which)',
      registers,
      collect() {
        this.reset();
        this.inc(read().quarantined);
      },
    });
    new Counter({
      name: 'copydesk_collab_text_sync_failures_total',
      help: 'Failed writes of a draft plain text (search and REST lag behind the document meanwhile)',
      registers,
      collect() {
        this.reset();
        this.inc(read().textSyncFailures);
      },
    });
    new Counter({
      name: 'copydesk_collab_early_relayed_updates_total',
      help: 'Updates sent to the room on this instance before their commit (acks still wait for it)',
      registers,
      collect() {
        this.reset();
        this.inc(read().earlyRelay.sent);
      },
    });
    new Counter({
      name: 'copydesk_collab_early_relay_given_up_total',
      help: 'Updates sent to the room before their commit that could not be stored: their drafts were reloaded and clients re-sent them',
      registers,
      collect() {
        this.reset();
        this.inc(read().earlyRelay.givenUp);
      },
    });
    new Gauge({
      name: 'copydesk_collab_documents_failed_to_load',
      help: 'Drafts whose stored document failed to load on this instance (not counting storage outages)',
      registers,
      collect() {
        this.set(read().failedLoads.size);
      },
    });
  }
}
