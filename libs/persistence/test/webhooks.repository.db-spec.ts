import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { WebhooksRepository, type AttemptResult, type Database, type NewWebhookEndpoint } from '#persistence';
import { openMigratedTestDatabase } from '../../../test/support/test-database.js';

let database: Database;
let dispose: () => Promise<void>;
let repo: WebhooksRepository;
let desk: string;
let draft: string;
let nextPosition = 1;
let nextVersion = 1;

const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> =>
  database.dataSource.query(text, params);

const NINJS = { uri: 'urn:copydesk:story:x', headlines: [{ value: 'عنوان' }], version: '1', pubStatus: 'usable' };

/** A released version of the test draft, inserted directly (positions and versions unique). */
async function newPublication(): Promise<string> {
  const [{ id }] = await sql<{ id: string }>(
    `INSERT INTO publications (draft_id, desk_id, version, event, pub_status, position, uri, language, headline, body,
                               seq, ninjs, html, first_created)
     VALUES ($1, $2, $3, 'published', 'usable', $4, 'urn:copydesk:story:x', 'ar', 'عنوان', 'نص', 1, $5::jsonb,
             '<p>نص</p>', now())
     RETURNING id`,
    [draft, desk, nextVersion++, nextPosition++, JSON.stringify(NINJS)],
  );
  return id;
}

const endpointInput = (overrides: Partial<NewWebhookEndpoint> = {}): NewWebhookEndpoint => ({
  url: 'https://hooks.example/copydesk',
  secret: `whsec_${randomUUID()}`,
  description: 'wire desk',
  deskIds: null,
  events: ['published', 'corrected'],
  active: true,
  createdBy: null,
  ...overrides,
});

/** An endpoint with `n` deliveries due now, oldest first. */
async function endpointWithDeliveries(n: number): Promise<{ endpointId: string; deliveryIds: string[] }> {
  const endpoint = await repo.createEndpoint(endpointInput());
  const deliveryIds: string[] = [];
  for (let i = 0; i < n; i++) {
    const [{ id }] = await sql<{ id: string }>(
      `INSERT INTO webhook_deliveries (endpoint_id, publication_id, event, next_attempt_at, created_at)
       VALUES ($1, $2, 'published', now() - $3::int * interval '1 second', now() - $3::int * interval '1 second') RETURNING id`,
      [endpoint.id, await newPublication(), n - i],
    );
    deliveryIds.push(id);
  }
  return { endpointId: endpoint.id, deliveryIds };
}

/** Claims everything due (other suites' rows included) and gives it all back as due later. */
async function clearQueue(): Promise<void> {
  await sql(`UPDATE webhook_deliveries SET state = 'failed' WHERE state = 'pending'`);
}

const attempt = (outcome: AttemptResult['outcome'], extra: object = {}): AttemptResult =>
  ({
    startedAt: new Date(),
    durationMs: 12.4,
    statusCode: outcome === 'delivered' ? 204 : 500,
    error: null,
    outcome,
    ...(outcome === 'retry' && { retryInMs: 60_000 }),
    ...extra,
  }) as AttemptResult;

const deliveryRow = async (id: string) =>
  (
    await sql<{ state: string; attempts: number; lease_id: string | null; due: boolean }>(
      `SELECT state, attempts, lease_id, next_attempt_at <= now() AS due FROM webhook_deliveries WHERE id = $1`,
      [id],
    )
  )[0]!;

const attemptCount = async (deliveryId: string) =>
  Number(
    (await sql<{ n: string }>(`SELECT count(*) AS n FROM webhook_attempts WHERE delivery_id = $1`, [deliveryId]))[0]!.n,
  );

beforeAll(async () => {
  ({ database, dispose } = await openMigratedTestDatabase());
  repo = new WebhooksRepository(database.dataSource);
  [{ id: desk }] = await sql<{ id: string }>(`INSERT INTO desks (name) VALUES ($1) RETURNING id`, [randomUUID()]);
  const [{ id: user }] = await sql<{ id: string }>(
    `INSERT INTO users (email, display_name, role, password_hash) VALUES ($1, 'محرر', 'editor', 'x') RETURNING id`,
    [`${randomUUID()}@example.test`],
  );
  [{ id: draft }] = await sql<{ id: string }>(
    `INSERT INTO drafts (desk_id, language, created_by, author_ids) VALUES ($1, 'ar', $2, ARRAY[$2]::uuid[])
     RETURNING id`,
    [desk, user],
  );
});

afterAll(async () => {
  await dispose();
});

describe('webhook endpoints', () => {
  it('creates, reads, changes and deletes an endpoint, its deliveries going with it', async () => {
    const created = await repo.createEndpoint(endpointInput({ description: 'a\u0000b', deskIds: [desk] }));
    expect(created).toEqual({
      id: expect.any(String),
      url: 'https://hooks.example/copydesk',
      secret: expect.stringMatching(/^whsec_/),
      description: 'a\uFFFDb',
      deskIds: [desk],
      events: ['published', 'corrected'],
      active: true,
      createdAt: expect.any(Date),
      updatedAt: expect.any(Date),
      createdBy: null,
    });
    expect(await repo.endpoint(created.id)).toEqual(created);
    expect((await repo.endpoints()).map((e) => e.id)).toContain(created.id);

    const changed = await repo.updateEndpoint(created.id, { deskIds: null, events: ['withdrawn'], active: false });
    expect(changed).toMatchObject({ deskIds: null, events: ['withdrawn'], active: false, url: created.url });
    expect(changed!.updatedAt.getTime()).toBeGreaterThanOrEqual(created.updatedAt.getTime());
    expect(await repo.updateEndpoint(created.id, { description: 'only this' })).toMatchObject({
      description: 'only this',
      events: ['withdrawn'],
    });
    expect(await repo.updateEndpoint(randomUUID(), { active: true })).toBeNull();
    expect(await repo.updateEndpoint('not-a-uuid', { active: true })).toBeNull();

    const { endpointId, deliveryIds } = await endpointWithDeliveries(1);
    expect(await repo.deleteEndpoint(endpointId)).toBe(true);
    expect(await repo.deleteEndpoint(endpointId)).toBe(false);
    expect(await repo.endpoint(endpointId)).toBeNull();
    expect(await sql('SELECT id FROM webhook_deliveries WHERE id = $1', [deliveryIds[0]])).toEqual([]);
  });
});

describe('claimDue', () => {
  it('leases due deliveries oldest first, with their endpoint and publication, counting the attempt', async () => {
    await clearQueue();
    const { endpointId, deliveryIds } = await endpointWithDeliveries(3);
    const endpoint = (await repo.endpoint(endpointId))!;
    const claimed = await repo.claimDue(2, 60_000);
    expect(claimed.map((d) => d.id)).toEqual(deliveryIds.slice(0, 2));
    expect(claimed[0]).toEqual({
      id: deliveryIds[0],
      endpointId,
      event: 'published',
      attempt: 1,
      leaseId: expect.any(String),
      endpoint: { url: endpoint.url, secret: endpoint.secret },
      publication: {
        id: expect.any(String),
        draftId: draft,
        version: expect.any(Number),
        uri: 'urn:copydesk:story:x',
        pubStatus: 'usable',
        ninjs: NINJS,
      },
    });
    expect(claimed[0]!.leaseId).not.toBe(claimed[1]!.leaseId);
    // Leased ones are not due again while the lease lives; the third still is.
    expect((await repo.claimDue(10, 60_000)).map((d) => d.id)).toEqual([deliveryIds[2]]);
    expect(await repo.claimDue(10, 60_000)).toEqual([]);
  });

  it('leaves the deliveries of an inactive endpoint waiting until it is active again', async () => {
    await clearQueue();
    const { endpointId, deliveryIds } = await endpointWithDeliveries(1);
    await repo.updateEndpoint(endpointId, { active: false });
    expect(await repo.claimDue(10, 60_000)).toEqual([]);
    await repo.updateEndpoint(endpointId, { active: true });
    expect((await repo.claimDue(10, 60_000)).map((d) => d.id)).toEqual(deliveryIds);
  });

  it('never gives one delivery to two claimers at once', async () => {
    await clearQueue();
    const { deliveryIds } = await endpointWithDeliveries(12);
    const rounds = await Promise.all(Array.from({ length: 8 }, () => repo.claimDue(3, 60_000)));
    const claimed = rounds.flat().map((d) => d.id);
    expect(new Set(claimed).size).toBe(claimed.length);
    expect(claimed.every((id) => deliveryIds.includes(id))).toBe(true);
    // Whatever SKIP LOCKED passed over is still there for the next round.
    const rest = (await repo.claimDue(20, 60_000)).map((d) => d.id);
    expect([...claimed, ...rest].sort()).toEqual([...deliveryIds].sort());
  });

  it('hands an expired lease to the next claimer; the first holder can then record nothing', async () => {
    await clearQueue();
    const { endpointId, deliveryIds } = await endpointWithDeliveries(1);
    const [first] = await repo.claimDue(1, 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const [second] = await repo.claimDue(1, 60_000);
    expect(second).toMatchObject({ id: deliveryIds[0], attempt: 2 });
    expect(second!.leaseId).not.toBe(first!.leaseId);

    expect(await repo.recordAttempt(first!.id, first!.leaseId, attempt('delivered'))).toBe(false);
    expect(await attemptCount(first!.id)).toBe(0);
    expect(await deliveryRow(first!.id)).toMatchObject({ state: 'pending', lease_id: second!.leaseId });

    expect(await repo.recordAttempt(second!.id, second!.leaseId, attempt('delivered'))).toBe(true);
    expect(await repo.recordAttempt(second!.id, second!.leaseId, attempt('delivered'))).toBe(false);
    const [delivery] = await repo.deliveries(endpointId, { limit: 10 });
    expect(delivery).toMatchObject({
      state: 'delivered',
      attemptCount: 2,
      lastStatus: 204,
      finishedAt: expect.any(Date),
    });
    expect(delivery!.attempts).toEqual([
      {
        id: expect.any(String),
        deliveryId: deliveryIds[0],
        attempt: 2,
        startedAt: expect.any(Date),
        durationMs: 12,
        statusCode: 204,
        error: null,
        outcome: 'delivered',
      },
    ]);
  });
});

describe('recordAttempt', () => {
  it('puts a retry back in the queue after its delay, lease dropped, and a failure out of it', async () => {
    await clearQueue();
    const { endpointId, deliveryIds } = await endpointWithDeliveries(1);
    const [first] = await repo.claimDue(1, 60_000);
    expect(await repo.recordAttempt(first!.id, first!.leaseId, attempt('retry', { error: 'boom\u0000' }))).toBe(true);
    expect(await deliveryRow(first!.id)).toMatchObject({ state: 'pending', lease_id: null, due: false });
    expect(await repo.claimDue(1, 60_000)).toEqual([]);

    await sql(`UPDATE webhook_deliveries SET next_attempt_at = now() WHERE id = $1`, [first!.id]);
    const [second] = await repo.claimDue(1, 60_000);
    expect(second!.attempt).toBe(2);
    expect(
      await repo.recordAttempt(second!.id, second!.leaseId, attempt('failed', { statusCode: null, error: 'timeout' })),
    ).toBe(true);
    const delivery = await repo.delivery(endpointId, deliveryIds[0]!);
    expect(delivery).toMatchObject({ state: 'failed', lastStatus: null, lastError: 'timeout', attemptCount: 2 });
    expect(delivery!.attempts.map((a) => [a.attempt, a.outcome, a.statusCode, a.error])).toEqual([
      [1, 'retry', 500, 'boom\uFFFD'],
      [2, 'failed', null, 'timeout'],
    ]);
    expect(await repo.claimDue(1, 60_000)).toEqual([]);
  });
});

describe('redeliver', () => {
  it('sends a finished delivery again from attempt 1, keeping its log; only through its own endpoint', async () => {
    await clearQueue();
    const { endpointId, deliveryIds } = await endpointWithDeliveries(1);
    const other = await repo.createEndpoint(endpointInput());
    const [claimed] = await repo.claimDue(1, 60_000);
    await repo.recordAttempt(claimed!.id, claimed!.leaseId, attempt('failed'));

    expect(await repo.redeliver(other.id, deliveryIds[0]!)).toBeNull();
    expect(await repo.redeliver(endpointId, randomUUID())).toBeNull();
    const again = await repo.redeliver(endpointId, deliveryIds[0]!);
    expect(again).toMatchObject({ state: 'pending', attemptCount: 0, finishedAt: null });
    expect(again!.attempts).toHaveLength(1);
    const [next] = await repo.claimDue(1, 60_000);
    expect(next).toMatchObject({ id: deliveryIds[0], attempt: 1 });
  });

  it('takes a delivery away from the instance holding it: that attempt is not recorded', async () => {
    await clearQueue();
    const { endpointId, deliveryIds } = await endpointWithDeliveries(1);
    const [held] = await repo.claimDue(1, 60_000);
    await repo.redeliver(endpointId, deliveryIds[0]!);
    expect(await repo.recordAttempt(held!.id, held!.leaseId, attempt('delivered'))).toBe(false);
    expect(await deliveryRow(held!.id)).toMatchObject({ state: 'pending', attempts: 0, lease_id: null, due: true });
  });
});

describe('deliveries', () => {
  it('lists an endpoint’s deliveries newest first, a page at a time, and counts every state', async () => {
    await clearQueue();
    const { endpointId, deliveryIds } = await endpointWithDeliveries(5);
    const pages: string[][] = [];
    let after: { createdAt: Date; id: string } | undefined;
    for (;;) {
      const page = await repo.deliveries(endpointId, { limit: 2, after });
      if (page.length === 0) break;
      pages.push(page.map((d) => d.id));
      after = { createdAt: page.at(-1)!.createdAt, id: page.at(-1)!.id };
    }
    expect(pages.flat()).toEqual([...deliveryIds].reverse());
    expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
    expect(await repo.deliveries(randomUUID(), { limit: 10 })).toEqual([]);

    const counts = await repo.deliveryCounts();
    expect(counts.pending).toBe(5);
    expect(counts.failed).toBeGreaterThan(0);
    expect(Object.keys(counts).sort()).toEqual(['delivered', 'failed', 'pending']);
  });
});
