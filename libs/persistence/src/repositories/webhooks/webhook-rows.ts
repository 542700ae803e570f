/** The webhook tables' rows as the drivers return them, and the records they become. */
import type { ReleasedPubStatus } from '#contracts';
import type { PublicationEvent } from '../publications/publication-records.js';
import type {
  AttemptOutcome,
  ClaimedDelivery,
  DeliveryState,
  WebhookAttemptRecord,
  WebhookDeliveryRecord,
  WebhookEndpointRecord,
} from './webhook-records.js';

export const ENDPOINT_COLUMNS = `id, url, secret, description, desk_ids, events, active, created_at, updated_at, created_by`;

export interface EndpointRow {
  id: string;
  url: string;
  secret: string;
  description: string;
  desk_ids: string[] | null;
  events: PublicationEvent[];
  active: boolean;
  created_at: Date;
  updated_at: Date;
  created_by: string | null;
}

export function toEndpoint(row: EndpointRow): WebhookEndpointRecord {
  return {
    id: row.id,
    url: row.url,
    secret: row.secret,
    description: row.description,
    deskIds: row.desk_ids,
    events: row.events,
    active: row.active,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    createdBy: row.created_by,
  };
}

/** A claimed delivery joined with its endpoint and the publication it carries. */
export const CLAIMED_COLUMNS = `d.id, d.endpoint_id, d.event, d.attempts, d.lease_id, e.url, e.secret,
  p.id AS publication_id, p.draft_id, p.version, p.uri, p.pub_status, p.ninjs`;

export interface ClaimedRow {
  id: string;
  endpoint_id: string;
  event: PublicationEvent;
  attempts: number;
  lease_id: string;
  url: string;
  secret: string;
  publication_id: string;
  draft_id: string;
  version: number;
  uri: string;
  pub_status: ReleasedPubStatus;
  ninjs: unknown;
}

export function toClaimed(row: ClaimedRow): ClaimedDelivery {
  return {
    id: row.id,
    endpointId: row.endpoint_id,
    event: row.event,
    attempt: Number(row.attempts),
    leaseId: row.lease_id,
    endpoint: { url: row.url, secret: row.secret },
    publication: {
      id: row.publication_id,
      draftId: row.draft_id,
      version: Number(row.version),
      uri: row.uri,
      pubStatus: row.pub_status,
      ninjs: row.ninjs,
    },
  };
}

export const DELIVERY_COLUMNS = `d.id, d.endpoint_id, d.publication_id, p.draft_id, p.version, d.event, d.state, d.attempts,
  d.next_attempt_at, d.last_status, d.last_error, d.created_at, d.finished_at`;

export interface DeliveryRow {
  id: string;
  endpoint_id: string;
  publication_id: string;
  draft_id: string;
  version: number;
  event: PublicationEvent;
  state: DeliveryState;
  attempts: number;
  next_attempt_at: Date;
  last_status: number | null;
  last_error: string | null;
  created_at: Date;
  finished_at: Date | null;
}

export function toDelivery(row: DeliveryRow, attempts: WebhookAttemptRecord[]): WebhookDeliveryRecord {
  return {
    id: row.id,
    endpointId: row.endpoint_id,
    publicationId: row.publication_id,
    draftId: row.draft_id,
    version: Number(row.version),
    event: row.event,
    state: row.state,
    attemptCount: Number(row.attempts),
    nextAttemptAt: new Date(row.next_attempt_at),
    lastStatus: row.last_status,
    lastError: row.last_error,
    createdAt: new Date(row.created_at),
    finishedAt: row.finished_at === null ? null : new Date(row.finished_at),
    attempts,
  };
}

export const ATTEMPT_COLUMNS = `id, delivery_id, attempt, started_at, duration_ms, status_code, error, outcome`;

export interface AttemptRow {
  id: string;
  delivery_id: string;
  attempt: number;
  started_at: Date;
  duration_ms: number;
  status_code: number | null;
  error: string | null;
  outcome: AttemptOutcome;
}

export function toAttempt(row: AttemptRow): WebhookAttemptRecord {
  return {
    id: row.id,
    deliveryId: row.delivery_id,
    attempt: Number(row.attempt),
    startedAt: new Date(row.started_at),
    durationMs: Number(row.duration_ms),
    statusCode: row.status_code,
    error: row.error,
    outcome: row.outcome,
  };
}
