import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { verifyWebhookSignature, type WebhookDeliveryView, type WebhookPayload } from '#publishing';
import { bearer, createDesk, createUser, type TestUser } from '../support/factories.js';
import { freePort } from '../support/free-port.js';
import { eventually } from '../support/raw-collab-client.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { publishPlainDraft, WEBHOOK_TEST_ENV, WebhookReceiver, type Received } from './webhook-harness.js';

describe('webhook delivery of releases', () => {
  let database: TestDatabase;
  let server: TestServer;
  let desk: string;
  let admin: TestUser;
  let reporter: TestUser;
  let editor: TestUser;
  const receivers: WebhookReceiver[] = [];

  const publishDraft = (headline: string) => publishPlainDraft(server.url, { reporter, editor }, headline);

  async function createEndpoint(url: string): Promise<{ id: string; secret: string }> {
    const created = await request(server.url)
      .post('/api/admin/webhooks')
      .set(...bearer(admin))
      .send({ url, events: ['published', 'corrected'], deskIds: [desk], description: 'wire' })
      .expect(201);
    return created.body;
  }

  const deliveriesOf = async (endpointId: string): Promise<WebhookDeliveryView[]> =>
    (
      await request(server.url)
        .get(`/api/admin/webhooks/${endpointId}/deliveries`)
        .set(...bearer(admin))
        .expect(200)
    ).body.items;

  const startServer = () => startTestServer({ database: database.config, env: WEBHOOK_TEST_ENV });

  beforeAll(async () => {
    database = await createTestDatabase();
    server = await startServer();
    desk = (await createDesk(server.app)).id;
    admin = await createUser(server.app, server.url, 'admin');
    reporter = await createUser(server.app, server.url, 'reporter', [desk]);
    editor = await createUser(server.app, server.url, 'editor', [desk]);
  });

  afterAll(async () => {
    await Promise.all(receivers.map((receiver) => receiver.close()));
    await server?.close();
    await database?.dispose();
  });

  it('lets admins manage endpoints, refusing bad URLs, and shows the secret only once', async () => {
    const refused = await request(server.url)
      .post('/api/admin/webhooks')
      .set(...bearer(admin))
      .send({
        url: 'ftp://hooks.example/in',
        events: ['published'],
        deskIds: [desk, '00000000-0000-4000-8000-000000000000'],
      })
      .expect(400);
    expect(refused.body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [
        { field: 'url', messages: ['must be an http or https URL'] },
        { field: 'deskIds', messages: [expect.stringMatching(/^no such desk/)] },
      ],
    });
    await request(server.url)
      .post('/api/admin/webhooks')
      .set(...bearer(admin))
      .send({ url: 'https://hooks.example/in', events: [] })
      .expect(400);
    await request(server.url)
      .post('/api/admin/webhooks')
      .set(...bearer(admin))
      .send({ url: 'https://hooks.example/in', events: ['published'], deskIds: [] })
      .expect(400);
    await request(server.url)
      .post('/api/admin/webhooks')
      .set(...bearer(editor))
      .send({ url: 'https://hooks.example/in', events: ['published'] })
      .expect(403);
    await request(server.url)
      .get('/api/admin/webhooks')
      .set(...bearer(editor))
      .expect(403);

    const created = await request(server.url)
      .post('/api/admin/webhooks')
      .set(...bearer(admin))
      .send({ url: 'http://127.0.0.1:9/in', events: ['withdrawn', 'published', 'published'] })
      .expect(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      url: 'http://127.0.0.1:9/in',
      description: '',
      deskIds: null,
      events: ['published', 'withdrawn'],
      active: true,
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{43}=$/),
      secretHint: expect.stringMatching(/^whsec_…/),
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      createdBy: admin.id,
    });
    const { id, secret } = created.body;
    const listed = await request(server.url)
      .get('/api/admin/webhooks')
      .set(...bearer(admin))
      .expect(200);
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    expect(listed.body.find((e: { id: string }) => e.id === id)).toMatchObject({
      secretHint: `whsec_…${secret.slice(-4)}`,
    });

    const changed = await request(server.url)
      .patch(`/api/admin/webhooks/${id}`)
      .set(...bearer(admin))
      .send({ active: false, deskIds: [desk] })
      .expect(200);
    expect(changed.body).toMatchObject({ active: false, deskIds: [desk] });
    expect(changed.body.secret).toBeUndefined();
    const rotated = await request(server.url)
      .patch(`/api/admin/webhooks/${id}`)
      .set(...bearer(admin))
      .send({ rotateSecret: true })
      .expect(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(secret);
    await request(server.url)
      .patch(`/api/admin/webhooks/${id}`)
      .set(...bearer(admin))
      .send({ url: null })
      .expect(400);

    await request(server.url)
      .delete(`/api/admin/webhooks/${id}`)
      .set(...bearer(admin))
      .expect(204);
    await request(server.url)
      .get(`/api/admin/webhooks/${id}`)
      .set(...bearer(admin))
      .expect(404);
    await request(server.url)
      .get(`/api/admin/webhooks/${id}/deliveries`)
      .set(...bearer(admin))
      .expect(404);

    // The security log has every change, by whom, and never a secret.
    const log = await request(server.url)
      .get('/api/admin/security-events')
      .query({ userId: admin.id, limit: 100 })
      .set(...bearer(admin))
      .expect(200);
    const changes = (log.body.items as { kind: string; actorId: string; details: Record<string, unknown> }[])
      .filter((event) => event.kind.startsWith('webhook_endpoint_') && event.details.endpointId === id)
      .reverse();
    expect(changes.map((event) => [event.kind, event.actorId])).toEqual([
      ['webhook_endpoint_created', admin.id],
      ['webhook_endpoint_changed', admin.id],
      ['webhook_endpoint_changed', admin.id],
      ['webhook_endpoint_deleted', admin.id],
    ]);
    expect(changes[1]!.details).toMatchObject({ changed: ['active', 'deskIds'], secretRotated: false });
    expect(changes[2]!.details).toMatchObject({ changed: [], secretRotated: true });
    expect(JSON.stringify(log.body)).not.toContain(secret);
    expect(JSON.stringify(log.body)).not.toContain(rotated.body.secret);
  });

  it('refuses loopback and private receivers unless the operator allows them', async () => {
    const strict = await startTestServer({ env: { ...WEBHOOK_TEST_ENV, WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'false' } });
    try {
      const strictAdmin = await createUser(strict.app, strict.url, 'admin');
      for (const url of [
        'http://127.0.0.1:8080/in',
        'http://localhost:8080/in',
        'http://[::1]/in',
        'http://10.0.0.8/in',
      ]) {
        const refused = await request(strict.url)
          .post('/api/admin/webhooks')
          .set(...bearer(strictAdmin))
          .send({ url, events: ['published'] })
          .expect(400);
        expect(refused.body.error.fields).toEqual([
          { field: 'url', messages: [expect.stringMatching(/which is not a public address$/)] },
        ]);
      }
    } finally {
      await strict.close();
    }
  });

  it('retries a receiver that answers 500 until it answers 200, then never sends that delivery again', async () => {
    const receiver = new WebhookReceiver([500, 500, 500]);
    receivers.push(receiver);
    const endpoint = await createEndpoint(await receiver.listen());
    const draftId = await publishDraft('Harbour plan heard');

    await eventually(async () => {
      const [delivery] = await deliveriesOf(endpoint.id);
      expect(delivery).toMatchObject({ state: 'delivered', attemptCount: 4, lastStatus: 200 });
    });
    const [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery).toMatchObject({
      event: 'published',
      publication: { draftId, version: 1 },
      nextAttemptAt: null,
      finishedAt: expect.any(String),
    });
    expect(delivery!.attempts.map((a) => [a.attempt, a.statusCode, a.outcome])).toEqual([
      [1, 500, 'retry'],
      [2, 500, 'retry'],
      [3, 500, 'retry'],
      [4, 200, 'delivered'],
    ]);
    expect(delivery!.attempts.every((a) => a.durationMs >= 0 && a.error === null)).toBe(true);

    // Several polls later: still exactly one 2xx, after the three refusals.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(receiver.received.map((r) => r.status)).toEqual([500, 500, 500, 200]);

    // The same bytes every time; each attempt signed anew and valid under the secret shown at creation.
    expect(new Set(receiver.received.map((r) => r.body)).size).toBe(1);
    for (const { headers, body } of receiver.received) {
      expect(headers).toMatchObject({
        'content-type': 'application/json',
        'user-agent': 'Copydesk-Webhooks',
        'webhook-id': delivery!.id,
      });
      expect(verifyWebhookSignature(endpoint.secret, headers, body)).toMatchObject({ valid: true, id: delivery!.id });
    }
    const payload = JSON.parse(receiver.received[0]!.body) as WebhookPayload;
    expect(payload).toEqual({
      id: delivery!.id,
      event: 'published',
      publication: {
        id: delivery!.publication.id,
        draftId,
        version: 1,
        uri: expect.stringContaining(draftId),
        pubStatus: 'usable',
      },
      item: expect.objectContaining({ uri: payload.publication.uri, pubStatus: 'usable', language: 'en' }),
    });

    const metrics = (await request(server.url).get('/metrics').expect(200)).text;
    expect(metrics).toMatch(/^copydesk_webhook_attempts_total\{outcome="retry"\} [3-9]/m);
    expect(metrics).toMatch(/^copydesk_webhook_deliveries_finished_total\{state="delivered"\} [1-9]/m);
    expect(metrics).toMatch(/^copydesk_webhook_deliveries_queued \d+$/m);
    expect(metrics).toMatch(/^copydesk_webhook_attempt_seconds_count [4-9]/m);

    // Redelivery: sent again as it was, from attempt 1, the log kept; only through its own endpoint.
    const other = await createEndpoint('http://127.0.0.1:9/other');
    await request(server.url)
      .post(`/api/admin/webhooks/${other.id}/deliveries/${delivery!.id}/redeliver`)
      .set(...bearer(admin))
      .expect(404);
    const again = await request(server.url)
      .post(`/api/admin/webhooks/${endpoint.id}/deliveries/${delivery!.id}/redeliver`)
      .set(...bearer(admin))
      .expect(202);
    expect(again.body).toMatchObject({ id: delivery!.id, state: 'pending', attemptCount: 0 });
    await eventually(async () => {
      const [redelivered] = await deliveriesOf(endpoint.id);
      expect(redelivered).toMatchObject({ state: 'delivered', attemptCount: 1 });
      expect(redelivered!.attempts).toHaveLength(5);
    });
    expect(receiver.received).toHaveLength(5);
    expect(receiver.received[4]!.body).toBe(receiver.received[0]!.body);
    await request(server.url)
      .delete(`/api/admin/webhooks/${other.id}`)
      .set(...bearer(admin))
      .expect(204);
  });

  it('keeps a delivery for a receiver that is down across a restart, and sends it once it is back', async () => {
    const port = await freePort();
    const endpoint = await createEndpoint(`http://127.0.0.1:${port}/hooks/copydesk`);
    const draftId = await publishDraft('Harbour plan adopted');
    await eventually(async () => {
      const [delivery] = await deliveriesOf(endpoint.id);
      expect(delivery).toMatchObject({
        state: 'pending',
        lastStatus: null,
        lastError: expect.stringMatching(/ECONNREFUSED/),
      });
      expect(delivery!.attemptCount).toBeGreaterThanOrEqual(2);
    });

    await server.close();
    const receiver = new WebhookReceiver();
    receivers.push(receiver);
    await receiver.listen(port);
    server = await startServer();

    await eventually(async () => {
      const [delivery] = await deliveriesOf(endpoint.id);
      expect(delivery).toMatchObject({ state: 'delivered', lastStatus: 200, publication: { draftId } });
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.received).toHaveLength(1);
    const [{ headers, body }] = receiver.received as [Received];
    expect(verifyWebhookSignature(endpoint.secret, headers, body).valid).toBe(true);
    expect(JSON.parse(body)).toMatchObject({ event: 'published', publication: { draftId, version: 1 } });
  });
});

describe('webhook delivery right after a release', () => {
  let server: TestServer;
  const receiver = new WebhookReceiver();

  // The dispatcher polls only every ten minutes here: a delivery that arrives came from the nudge.
  beforeAll(async () => {
    server = await startTestServer({ env: { ...WEBHOOK_TEST_ENV, WEBHOOK_POLL_MS: '600000' } });
  });
  afterAll(async () => {
    await receiver.close();
    await server.close();
  });

  it('sends the deliveries of a release as soon as it commits, not at the next poll', async () => {
    const desk = (await createDesk(server.app)).id;
    const admin = await createUser(server.app, server.url, 'admin');
    const reporter = await createUser(server.app, server.url, 'reporter', [desk]);
    const editor = await createUser(server.app, server.url, 'editor', [desk]);
    const url = await receiver.listen();
    await request(server.url)
      .post('/api/admin/webhooks')
      .set(...bearer(admin))
      .send({ url, events: ['published'], deskIds: [desk] })
      .expect(201);
    // The dispatcher's first look (at start) is over before anything is due.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const draftId = await publishPlainDraft(server.url, { reporter, editor }, 'Harbour plan approved');
    await eventually(() => expect(receiver.deliveredIds()).toHaveLength(1), 5_000);
    expect(JSON.parse(receiver.received[0]!.body)).toMatchObject({
      event: 'published',
      publication: { draftId, version: 1 },
    });
  });
});
