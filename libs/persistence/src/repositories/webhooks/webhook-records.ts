/**
 * What the webhooks repository takes and gives (docs/webhooks.md): endpoints, the outbox's
 * deliveries as a dispatcher claims them, the attempts it records, and the admin's view of both.
 */
import type { ReleasedPubStatus } from '#contracts';
import type { PublicationEvent } from '../publications/publication-records.js';

export const DELIVERY_STATES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

export const ATTEMPT_OUTCOMES = ['delivered', 'retry', 'failed'] as const;
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];

export interface WebhookEndpointRecord {
  id: string;
  url: string;
  /** The signing key (`whsec_...`): signs every attempt; the API shows it once, when it is made. */
  secret: string;
  description: string;
  /** Null: every desk. */
  deskIds: string[] | null;
  events: PublicationEvent[];
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
  createdBy: string | null;
}

export type NewWebhookEndpoint = Pick<
  WebhookEndpointRecord,
  'url' | 'secret' | 'description' | 'deskIds' | 'events' | 'active' | 'createdBy'
>;

/** Only the fields present change. */
export type WebhookEndpointChanges = Partial<
  Pick<WebhookEndpointRecord, 'url' | 'secret' | 'description' | 'deskIds' | 'events' | 'active'>
>;

/** A due delivery, leased to the claiming instance, with all it takes to send it. */
export interface ClaimedDelivery {
  id: string;
  endpointId: string;
  event: PublicationEvent;
  /** This attempt's number: 1 for the first (since the last redeliver). */
  attempt: number;
  /** Proof of the lease: the attempt is recorded only while the delivery still carries it. */
  leaseId: string;
  endpoint: { url: string; secret: string };
  publication: {
    id: string;
    draftId: string;
    version: number;
    uri: string;
    pubStatus: ReleasedPubStatus;
    /** The IPTC ninjs item as stored (jsonb: the same keys in the same order on every read). */
    ninjs: unknown;
  };
}

/** What one attempt came to; the repository stamps the times a retry waits from the database's clock. */
export type AttemptResult = {
  startedAt: Date;
  durationMs: number;
  statusCode: number | null;
  error: string | null;
} & ({ outcome: 'delivered' } | { outcome: 'retry'; retryInMs: number } | { outcome: 'failed' });

export interface WebhookAttemptRecord {
  id: string;
  deliveryId: string;
  attempt: number;
  startedAt: Date;
  durationMs: number;
  statusCode: number | null;
  error: string | null;
  outcome: AttemptOutcome;
}

export interface WebhookDeliveryRecord {
  id: string;
  endpointId: string;
  publicationId: string;
  draftId: string;
  version: number;
  event: PublicationEvent;
  state: DeliveryState;
  /** Attempts since the delivery was created or last redelivered (the log keeps every one). */
  attemptCount: number;
  nextAttemptAt: Date;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: Date;
  finishedAt: Date | null;
  /** Every attempt, oldest first. */
  attempts: WebhookAttemptRecord[];
}

/** A page of an endpoint's deliveries: newest first, after this one (the last of the previous page). */
export interface DeliveryQuery {
  limit: number;
  after?: { createdAt: Date; id: string };
}

export type DeliveryCounts = Record<DeliveryState, number>;
