import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import type { AuthUser } from '#auth';
import type { DomainError } from '#domain';
import type {
  DeskEntity,
  DesksRepository,
  NewWebhookEndpoint,
  WebhookDeliveryRecord,
  WebhookEndpointChanges,
  WebhookEndpointRecord,
  WebhooksRepository,
} from '#persistence';
import { AddressPolicy, WebhookEndpointsService, type WebhookDispatcher } from '#publishing';
import { errorCodeOf } from '../../../../test/support/error-code.js';
import { strict } from '../../../../test/support/strict-fake.js';

const NEWS_DESK = randomUUID();

/** Endpoints and one delivery per endpoint in memory, as WebhooksRepository documents them. */
class FakeWebhooks implements Pick<
  WebhooksRepository,
  'createEndpoint' | 'endpoints' | 'endpoint' | 'updateEndpoint' | 'deleteEndpoint' | 'redeliver'
> {
  readonly rows = new Map<string, WebhookEndpointRecord>();
  readonly storedDeliveries = new Map<string, WebhookDeliveryRecord>();

  async createEndpoint(endpoint: NewWebhookEndpoint): Promise<WebhookEndpointRecord> {
    const row = { ...endpoint, id: randomUUID(), createdAt: new Date(), updatedAt: new Date() };
    this.rows.set(row.id, row);
    return row;
  }
  async endpoints(): Promise<WebhookEndpointRecord[]> {
    return [...this.rows.values()];
  }
  async endpoint(id: string): Promise<WebhookEndpointRecord | null> {
    return this.rows.get(id) ?? null;
  }
  async updateEndpoint(id: string, changes: WebhookEndpointChanges): Promise<WebhookEndpointRecord | null> {
    const row = this.rows.get(id);
    return row ? Object.assign(row, changes, { updatedAt: new Date() }) : null;
  }
  async deleteEndpoint(id: string): Promise<boolean> {
    return this.rows.delete(id);
  }
  async redeliver(endpointId: string, deliveryId: string): Promise<WebhookDeliveryRecord | null> {
    const delivery = this.storedDeliveries.get(deliveryId);
    if (!delivery || delivery.endpointId !== endpointId) return null;
    return Object.assign(delivery, { state: 'pending', attemptCount: 0, finishedAt: null });
  }
}

const desks = strict<DesksRepository>('DesksRepository', {
  findById: async (id: string) => (id === NEWS_DESK ? ({ id, name: 'News' } as DeskEntity) : null),
});
const names: Record<string, string[]> = { 'hooks.example': ['93.184.215.14'], 'intranet.example': ['10.1.1.1'] };
const policy = new AddressPolicy({ allowPrivateAddresses: false, resolve: async (host) => names[host] ?? [] });

function serviceWith(webhooks = new FakeWebhooks()) {
  let nudges = 0;
  const dispatcher = strict<WebhookDispatcher>('WebhookDispatcher', { nudge: () => void nudges++ });
  const service = new WebhookEndpointsService(
    strict<WebhooksRepository>('WebhooksRepository', webhooks),
    desks,
    policy,
    dispatcher,
  );
  return { service, webhooks, nudges: () => nudges };
}

const user = (role: AuthUser['role']): AuthUser => ({
  id: randomUUID(),
  email: `${role}@example.test`,
  displayName: role,
  role,
  deskIds: new Set([NEWS_DESK]),
});
const admin = user('admin');

describe('WebhookEndpointsService', () => {
  it('creates an endpoint with a fresh secret, shown in that answer only', async () => {
    const { service } = serviceWith();
    const created = await service.create(admin, {
      url: 'https://hooks.example/in',
      events: ['withdrawn', 'published', 'published'],
      deskIds: [NEWS_DESK.toUpperCase(), NEWS_DESK],
    });
    expect(created).toMatchObject({
      url: 'https://hooks.example/in',
      events: ['published', 'withdrawn'],
      deskIds: [NEWS_DESK],
      description: '',
      active: true,
      createdBy: admin.id,
      secret: expect.stringMatching(/^whsec_/),
      secretHint: `whsec_…${created.secret.slice(-4)}`,
    });
    const shown = [await service.get(admin, created.id), ...(await service.list(admin))];
    for (const view of shown) expect(JSON.stringify(view)).not.toContain(created.secret);
  });

  it('lists every bad field at once', async () => {
    const { service } = serviceWith();
    let error: DomainError | undefined;
    await service
      .create(admin, {
        url: 'https://intranet.example/in',
        events: ['published', 'retracted'],
        deskIds: [NEWS_DESK, randomUUID()],
        description: 'x'.repeat(501),
      })
      .catch((e: DomainError) => (error = e));
    expect(error).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringMatching(/^Invalid webhook endpoint/),
    });
    expect((error!.details.fields as { field: string }[]).map((f) => f.field)).toEqual([
      'events',
      'description',
      'url',
      'deskIds',
    ]);
  });

  it('lets only admins in', async () => {
    const { service } = serviceWith();
    for (const role of ['reporter', 'fact_checker', 'editor'] as const) {
      expect(await errorCodeOf(() => service.list(user(role)))).toBe('FORBIDDEN');
      expect(
        await errorCodeOf(() => service.create(user(role), { url: 'https://hooks.example/', events: ['published'] })),
      ).toBe('FORBIDDEN');
    }
  });

  it('changes only what is sent, and rotates the secret on request', async () => {
    const { service } = serviceWith();
    const created = await service.create(admin, { url: 'https://hooks.example/in', events: ['published'] });
    const paused = await service.update(admin, created.id, { active: false });
    expect(paused).toMatchObject({ active: false, url: created.url, events: ['published'], deskIds: null });
    expect('secret' in paused).toBe(false);
    const rotated = await service.update(admin, created.id, { rotateSecret: true });
    expect('secret' in rotated && rotated.secret).toMatch(/^whsec_/);
    expect('secret' in rotated && rotated.secret).not.toBe(created.secret);
    expect(await errorCodeOf(() => service.update(admin, created.id, { url: 'ftp://hooks.example/' }))).toBe(
      'VALIDATION_FAILED',
    );
    expect(await errorCodeOf(() => service.update(admin, randomUUID(), { active: true }))).toBe('NOT_FOUND');
    await service.remove(admin, created.id);
    expect(await errorCodeOf(() => service.remove(admin, created.id))).toBe('NOT_FOUND');
  });

  it('redelivers only through the delivery’s own endpoint, and looks for it at once', async () => {
    const { service, webhooks, nudges } = serviceWith();
    const endpoint = await service.create(admin, { url: 'https://hooks.example/in', events: ['published'] });
    const other = await service.create(admin, { url: 'https://hooks.example/other', events: ['published'] });
    const deliveryId = randomUUID();
    webhooks.storedDeliveries.set(deliveryId, {
      id: deliveryId,
      endpointId: endpoint.id,
      publicationId: randomUUID(),
      draftId: randomUUID(),
      version: 1,
      event: 'published',
      state: 'failed',
      attemptCount: 12,
      nextAttemptAt: new Date(),
      lastStatus: 500,
      lastError: null,
      createdAt: new Date(),
      finishedAt: new Date(),
      attempts: [],
    });
    expect(await errorCodeOf(() => service.redeliver(admin, other.id, deliveryId))).toBe('NOT_FOUND');
    expect(nudges()).toBe(0);
    expect(await service.redeliver(admin, endpoint.id, deliveryId)).toMatchObject({
      id: deliveryId,
      state: 'pending',
      attemptCount: 0,
      nextAttemptAt: expect.any(String),
      finishedAt: null,
    });
    expect(nudges()).toBe(1);
  });
});
