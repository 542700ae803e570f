import { afterAll, beforeAll, expect, it } from '@jest/globals';
import request from 'supertest';
import { bearer, createDesk, createUser } from '../support/factories.js';
import { eventually } from '../support/raw-collab-client.js';
import { describeWithServices } from '../support/services.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { publishPlainDraft, WEBHOOK_TEST_ENV, WebhookReceiver } from './webhook-harness.js';

const STORIES = 6;

/** Two instances dispatch one outbox: leases and SKIP LOCKED, not timers, decide who sends what. */
describeWithServices(['postgres'], 'webhook delivery on two instances', () => {
  let database: TestDatabase;
  const servers: TestServer[] = [];
  const receivers: WebhookReceiver[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    servers.push(await startTestServer({ database: database.config, env: WEBHOOK_TEST_ENV }));
    servers.push(await startTestServer({ database: database.config, env: WEBHOOK_TEST_ENV }));
  });

  afterAll(async () => {
    await Promise.all(receivers.map((receiver) => receiver.close()));
    for (const server of servers) await server.close();
    await database?.dispose();
  });

  it('delivers every release to every endpoint exactly once as a 2xx, failures retried by either', async () => {
    const [first, second] = servers as [TestServer, TestServer];
    const desk = (await createDesk(first.app)).id;
    const admin = await createUser(first.app, first.url, 'admin');
    const people = {
      reporter: await createUser(first.app, first.url, 'reporter', [desk]),
      editor: await createUser(first.app, first.url, 'editor', [desk]),
    };
    // One receiver refuses every other request, the other answers 200 at once.
    let calls = 0;
    const flaky = new WebhookReceiver([], () => (++calls % 2 === 0 ? 503 : 200));
    const steady = new WebhookReceiver();
    receivers.push(flaky, steady);
    for (const receiver of receivers) {
      await request(second.url)
        .post('/api/admin/webhooks')
        .set(...bearer(admin))
        .send({ url: await receiver.listen(), events: ['published'] })
        .expect(201);
    }

    for (let i = 0; i < STORIES; i++) {
      const server = i % 2 === 0 ? first : second;
      await publishPlainDraft(server.url, people, `Story ${i + 1}`);
    }

    await eventually(() => {
      for (const receiver of receivers) expect(new Set(receiver.deliveredIds()).size).toBe(STORIES);
    }, 20_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const receiver of receivers) {
      const delivered = receiver.deliveredIds();
      expect(delivered).toHaveLength(STORIES);
      expect(new Set(delivered).size).toBe(STORIES);
    }
    expect(flaky.received.length).toBeGreaterThan(STORIES);
  });
});
