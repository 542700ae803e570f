import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isUuid } from '#domain';
import { StorageBoundary } from '../database/storage-boundary.js';
import { NOW, storable } from './claims/sql-values.js';
import {
  DELIVERY_STATES,
  type AttemptResult,
  type ClaimedDelivery,
  type DeliveryCounts,
  type DeliveryQuery,
  type NewWebhookEndpoint,
  type WebhookAttemptRecord,
  type WebhookDeliveryRecord,
  type WebhookEndpointChanges,
  type WebhookEndpointRecord,
} from './webhooks/webhook-records.js';
import {
  ATTEMPT_COLUMNS,
  CLAIMED_COLUMNS,
  DELIVERY_COLUMNS,
  ENDPOINT_COLUMNS,
  toAttempt,
  toClaimed,
  toDelivery,
  toEndpoint,
  type AttemptRow,
  type ClaimedRow,
  type DeliveryRow,
  type EndpointRow,
} from './webhooks/webhook-rows.js';

/** The columns an endpoint update may set, by the field that sets them. */
const ENDPOINT_FIELDS = {
  url: 'url',
  secret: 'secret',
  description: 'description',
  deskIds: 'desk_ids',
  events: 'events',
  active: 'active',
} as const satisfies Record<keyof WebhookEndpointChanges, string>;

const FROM_DELIVERIES = `FROM webhook_deliveries d JOIN publications p ON p.id = d.publication_id`;

/**
 * Webhook endpoints and their outbox (docs/webhooks.md). Deliveries are inserted with their
 * publication, in its transaction (publications/publication-writes.ts); here a dispatcher leases
 * the due ones and records what each attempt came to. Every time that decides what is due is the
 * database's own `now()`, so instances with skewed clocks still agree.
 *
 * (Data-modifying statements whose rows are needed are wrapped in a SELECT: the pg and PGlite
 * drivers shape an UPDATE's or DELETE's rows differently through TypeORM, a SELECT's alike.)
 */
@Injectable()
@StorageBoundary()
export class WebhooksRepository {
  constructor(private readonly dataSource: DataSource) {}

  async createEndpoint(endpoint: NewWebhookEndpoint): Promise<WebhookEndpointRecord> {
    const [row]: EndpointRow[] = await this.dataSource.query(
      `INSERT INTO webhook_endpoints (url, secret, description, desk_ids, events, active, created_by)
       VALUES ($1, $2, $3, $4::uuid[], $5::text[], $6, $7)
       RETURNING ${ENDPOINT_COLUMNS}`,
      [
        endpoint.url,
        endpoint.secret,
        storable(endpoint.description),
        endpoint.deskIds,
        endpoint.events,
        endpoint.active,
        endpoint.createdBy,
      ],
    );
    return toEndpoint(row!);
  }

  /** Every endpoint, oldest first (a newsroom has a handful). */
  async endpoints(): Promise<WebhookEndpointRecord[]> {
    const rows: EndpointRow[] = await this.dataSource.query(
      `SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints ORDER BY created_at, id`,
    );
    return rows.map(toEndpoint);
  }

  async endpoint(id: string): Promise<WebhookEndpointRecord | null> {
    if (!isUuid(id)) return null;
    const [row]: EndpointRow[] = await this.dataSource.query(
      `SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE id = $1`,
      [id],
    );
    return row ? toEndpoint(row) : null;
  }

  /** Sets the fields present; null when there is no such endpoint. */
  async updateEndpoint(id: string, changes: WebhookEndpointChanges): Promise<WebhookEndpointRecord | null> {
    if (!isUuid(id)) return null;
    const sets: string[] = [];
    const params: unknown[] = [id];
    for (const [field, column] of Object.entries(ENDPOINT_FIELDS)) {
      const value = changes[field as keyof WebhookEndpointChanges];
      if (value === undefined) continue;
      params.push(typeof value === 'string' ? storable(value) : value);
      const cast = column === 'desk_ids' ? '::uuid[]' : column === 'events' ? '::text[]' : '';
      sets.push(`${column} = $${params.length}${cast}`);
    }
    const [row]: EndpointRow[] = await this.dataSource.query(
      `WITH changed AS (
         UPDATE webhook_endpoints SET ${[...sets, `updated_at = ${NOW}`].join(', ')} WHERE id = $1
         RETURNING ${ENDPOINT_COLUMNS})
       SELECT * FROM changed`,
      params,
    );
    return row ? toEndpoint(row) : null;
  }

  /** Removes the endpoint with its deliveries and their attempts; false when there was none. */
  async deleteEndpoint(id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    const rows: unknown[] = await this.dataSource.query(
      `WITH gone AS (DELETE FROM webhook_endpoints WHERE id = $1 RETURNING id) SELECT id FROM gone`,
      [id],
    );
    return rows.length > 0;
  }

  /**
   * Leases up to `limit` due deliveries of active endpoints (an inactive one's wait) to the caller
   * for `leaseMs`, oldest due first, and counts the attempt it is about to make. Rows another transaction is claiming are skipped (SKIP
   * LOCKED) and rows under a live lease are not due, so no two instances hold one delivery at once.
   */
  claimDue(limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
    return this.dataSource.transaction(async (tx) => {
      const due: { id: string }[] = await tx.query(
        `SELECT d.id FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
          WHERE d.state = 'pending' AND d.next_attempt_at <= now()
            AND (d.leased_until IS NULL OR d.leased_until <= now()) AND e.active
          ORDER BY d.next_attempt_at LIMIT $1
          FOR UPDATE OF d SKIP LOCKED`,
        [limit],
      );
      if (due.length === 0) return [];
      const ids = due.map((row) => row.id);
      await tx.query(
        `UPDATE webhook_deliveries
            SET lease_id = gen_random_uuid(), leased_until = now() + $2::double precision * interval '1 millisecond',
                attempts = attempts + 1
          WHERE id = ANY ($1::uuid[])`,
        [ids, leaseMs],
      );
      const rows: ClaimedRow[] = await tx.query(
        `SELECT ${CLAIMED_COLUMNS}
           FROM webhook_deliveries d
           JOIN webhook_endpoints e ON e.id = d.endpoint_id
           JOIN publications p ON p.id = d.publication_id
          WHERE d.id = ANY ($1::uuid[])
          ORDER BY d.next_attempt_at, d.id`,
        [ids],
      );
      return rows.map(toClaimed);
    });
  }

  /**
   * Logs the attempt and moves the delivery on (delivered or failed: finished; retry: due again
   * after `retryInMs`, the lease given up), in one statement and only while the delivery still
   * carries `leaseId`. False, and nothing written, when the lease was lost: another instance took
   * the delivery over, an admin redelivered it, or its endpoint was deleted.
   */
  async recordAttempt(deliveryId: string, leaseId: string, result: AttemptResult): Promise<boolean> {
    const state = result.outcome === 'retry' ? 'pending' : result.outcome;
    const retryInMs = result.outcome === 'retry' ? result.retryInMs : 0;
    const error = result.error === null ? null : storable(result.error);
    const rows: unknown[] = await this.dataSource.query(
      `WITH moved AS (
         UPDATE webhook_deliveries
            SET state = $3, lease_id = NULL, leased_until = NULL, last_status = $4, last_error = $5,
                next_attempt_at = CASE WHEN $3 = 'pending' THEN now() + $6::double precision * interval '1 millisecond'
                                       ELSE next_attempt_at END,
                finished_at = CASE WHEN $3 = 'pending' THEN NULL ELSE ${NOW} END
          WHERE id = $1 AND lease_id = $2 AND state = 'pending'
          RETURNING id, endpoint_id, attempts),
       logged AS (
         INSERT INTO webhook_attempts (delivery_id, endpoint_id, attempt, started_at, duration_ms, status_code, error,
                                       outcome)
         SELECT id, endpoint_id, attempts, $7, $8, $4, $5, $9 FROM moved
         RETURNING id)
       SELECT id FROM logged`,
      [
        deliveryId,
        leaseId,
        state,
        result.statusCode,
        error,
        retryInMs,
        result.startedAt,
        Math.round(result.durationMs),
        result.outcome,
      ],
    );
    return rows.length > 0;
  }

  /**
   * Sends the delivery again as if new: pending and due now, its attempt count back to 0, any
   * lease dropped (an attempt in flight will not be recorded). Its attempt log is kept. Null when
   * the endpoint has no such delivery.
   */
  async redeliver(endpointId: string, deliveryId: string): Promise<WebhookDeliveryRecord | null> {
    if (!isUuid(endpointId) || !isUuid(deliveryId)) return null;
    const moved: unknown[] = await this.dataSource.query(
      `WITH moved AS (
         UPDATE webhook_deliveries
            SET state = 'pending', attempts = 0, next_attempt_at = ${NOW}, lease_id = NULL, leased_until = NULL,
                finished_at = NULL
          WHERE id = $1 AND endpoint_id = $2
          RETURNING id)
       SELECT id FROM moved`,
      [deliveryId, endpointId],
    );
    return moved.length > 0 ? this.delivery(endpointId, deliveryId) : null;
  }

  /** One page of the endpoint's deliveries, newest first, keyed on (created_at, id), each with its attempts. */
  async deliveries(endpointId: string, query: DeliveryQuery): Promise<WebhookDeliveryRecord[]> {
    if (!isUuid(endpointId) || (query.after && !isUuid(query.after.id))) return [];
    const rows: DeliveryRow[] = await this.dataSource.query(
      `SELECT ${DELIVERY_COLUMNS} ${FROM_DELIVERIES}
        WHERE d.endpoint_id = $1 AND ($2::timestamptz IS NULL OR (d.created_at, d.id) < ($2::timestamptz, $3::uuid))
        ORDER BY d.created_at DESC, d.id DESC LIMIT $4`,
      [endpointId, query.after?.createdAt ?? null, query.after?.id ?? null, query.limit],
    );
    return this.withAttempts(rows);
  }

  async delivery(endpointId: string, deliveryId: string): Promise<WebhookDeliveryRecord | null> {
    if (!isUuid(endpointId) || !isUuid(deliveryId)) return null;
    const rows: DeliveryRow[] = await this.dataSource.query(
      `SELECT ${DELIVERY_COLUMNS} ${FROM_DELIVERIES} WHERE d.id = $1 AND d.endpoint_id = $2`,
      [deliveryId, endpointId],
    );
    return (await this.withAttempts(rows))[0] ?? null;
  }

  /** How many deliveries are in each state, over every endpoint. */
  async deliveryCounts(): Promise<DeliveryCounts> {
    const rows: { state: string; count: number }[] = await this.dataSource.query(
      `SELECT state, count(*)::int AS count FROM webhook_deliveries GROUP BY state`,
    );
    const counts = Object.fromEntries(DELIVERY_STATES.map((state) => [state, 0])) as DeliveryCounts;
    for (const row of rows) counts[row.state as keyof DeliveryCounts] = Number(row.count);
    return counts;
  }

  private async withAttempts(rows: DeliveryRow[]): Promise<WebhookDeliveryRecord[]> {
    if (rows.length === 0) return [];
    const attempts: AttemptRow[] = await this.dataSource.query(
      `SELECT ${ATTEMPT_COLUMNS} FROM webhook_attempts WHERE delivery_id = ANY ($1::uuid[]) ORDER BY started_at, id`,
      [rows.map((row) => row.id)],
    );
    const byDelivery = new Map<string, WebhookAttemptRecord[]>();
    for (const attempt of attempts.map(toAttempt)) {
      byDelivery.set(attempt.deliveryId, [...(byDelivery.get(attempt.deliveryId) ?? []), attempt]);
    }
    return rows.map((row) => toDelivery(row, byDelivery.get(row.id) ?? []));
  }
}
