/** Webhook endpoints and deliveries as the admin API shows them (docs/webhooks.md). */
import type { PublicationEventName } from '#contracts';
import type {
  AttemptOutcome,
  DeliveryState,
  WebhookAttemptRecord,
  WebhookDeliveryRecord,
  WebhookEndpointRecord,
} from '#persistence';
import { secretHint } from './signing.js';

/** Never the secret itself: that is shown once, when created or rotated. */
export interface WebhookEndpointView {
  id: string;
  url: string;
  description: string;
  /** Null: every desk. */
  deskIds: string[] | null;
  events: PublicationEventName[];
  active: boolean;
  /** The end of the secret, to tell which one a receiver holds. */
  secretHint: string;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
}

/** The answer to creating an endpoint or rotating its secret: the one time the secret is shown. */
export interface WebhookEndpointWithSecret extends WebhookEndpointView {
  secret: string;
}

export interface WebhookAttemptView {
  attempt: number;
  startedAt: string;
  durationMs: number;
  /** Null: no answer (the error says why). */
  statusCode: number | null;
  error: string | null;
  outcome: AttemptOutcome;
}

export interface WebhookDeliveryView {
  /** The `webhook-id` of every attempt. */
  id: string;
  event: PublicationEventName;
  publication: { id: string; draftId: string; version: number };
  state: DeliveryState;
  /** Attempts since it was created or last redelivered. */
  attemptCount: number;
  /** When it is tried next; null once delivered or failed. */
  nextAttemptAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: string;
  finishedAt: string | null;
  /** Every attempt, oldest first (redelivered ones too). */
  attempts: WebhookAttemptView[];
}

export function toEndpointView(endpoint: WebhookEndpointRecord): WebhookEndpointView {
  return {
    id: endpoint.id,
    url: endpoint.url,
    description: endpoint.description,
    deskIds: endpoint.deskIds,
    events: endpoint.events,
    active: endpoint.active,
    secretHint: secretHint(endpoint.secret),
    createdAt: endpoint.createdAt.toISOString(),
    updatedAt: endpoint.updatedAt.toISOString(),
    createdBy: endpoint.createdBy,
  };
}

function toAttemptView(attempt: WebhookAttemptRecord): WebhookAttemptView {
  return {
    attempt: attempt.attempt,
    startedAt: attempt.startedAt.toISOString(),
    durationMs: attempt.durationMs,
    statusCode: attempt.statusCode,
    error: attempt.error,
    outcome: attempt.outcome,
  };
}

export function toDeliveryView(delivery: WebhookDeliveryRecord): WebhookDeliveryView {
  return {
    id: delivery.id,
    event: delivery.event,
    publication: { id: delivery.publicationId, draftId: delivery.draftId, version: delivery.version },
    state: delivery.state,
    attemptCount: delivery.attemptCount,
    nextAttemptAt: delivery.state === 'pending' ? delivery.nextAttemptAt.toISOString() : null,
    lastStatus: delivery.lastStatus,
    lastError: delivery.lastError,
    createdAt: delivery.createdAt.toISOString(),
    finishedAt: delivery.finishedAt?.toISOString() ?? null,
    attempts: delivery.attempts.map(toAttemptView),
  };
}
