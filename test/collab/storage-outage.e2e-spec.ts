import { afterAll, beforeAll, expect, it } from '@jest/globals';
import request from 'supertest';
import * as Y from 'yjs';
import { DraftDocumentsRepository } from '#persistence';
import { DOCUMENT_FIELDS } from '#contracts';
import { bearer, createDesk, createUser, type TestUser } from '../support/factories.js';
import { connectSocket, eventually, send, whenConnected, type CollabSocket } from '../support/raw-collab-client.js';
import { describeWithServices } from '../support/services.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

describeWithServices(['postgres'], 'when PostgreSQL becomes unreachable', () => {
  let direct: TestServer;
  let proxied: TestServer;
  let proxy: TcpProxy;
  let reporter: TestUser;
  let socket: CollabSocket;
  let draftId: string;

  beforeAll(async () => {
    // One server with a direct connection sets up the data; the one under test reaches the
    // same database only through a proxy the test can cut.
    direct = await startTestServer();
    if (direct.config.database.kind !== 'postgres') throw new Error('needs PostgreSQL');
    const url = new URL(direct.config.database.url);
    proxy = new TcpProxy(url.hostname, Number(url.port || 5432));
    await proxy.start();
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    proxied = await startTestServer({
      database: { ...direct.config.database, url: url.toString(), poolSize: 2 },
      env: { COLLAB_IDLE_UNLOAD_MS: '600000' },
    });
    const desk = await createDesk(direct.app);
    reporter = await createUser(direct.app, direct.url, 'reporter', [desk.id]);
    draftId = (
      await request(direct.url)
        .post('/api/drafts')
        .set(...bearer(reporter))
        .send({ language: 'ar', body: 'قبل' })
        .expect(201)
    ).body.id;
    socket = connectSocket(proxied.url, reporter.token);
    await whenConnected(socket);
    expect(await send(socket, 'join', { draftId })).toMatchObject({ ok: true });
  });
  afterAll(async () => {
    socket?.disconnect();
    await proxy.restore().catch(() => undefined);
    await proxied?.close();
    await direct?.close();
    await proxy.cut();
  });

  it('answers UNAVAILABLE, stores nothing, and serves again by itself once the database is back', async () => {
    const store = direct.app.get(DraftDocumentsRepository);
    const countBefore = await store.countUpdates(draftId);
    const doc = new Y.Doc();
    doc.getText(DOCUMENT_FIELDS.body).insert(0, 'أثناء الانقطاع ');
    const update = Y.encodeStateAsUpdate(doc);

    await proxy.cut();
    expect(await send(socket, 'update', { draftId, update })).toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE' },
    });
    const rest = await request(proxied.url)
      .get(`/api/drafts/${draftId}`)
      .set(...bearer(reporter));
    expect([401, 503]).toContain(rest.status);
    expect(rest.body.error.code).toMatch(/UNAVAILABLE|UNAUTHORIZED/);
    // A new connection cannot have its token checked: refused as retryable, not as a bad token.
    const newcomer = connectSocket(proxied.url, reporter.token);
    const refusal = await new Promise<Error>((resolve) => newcomer.once('connect_error', resolve));
    newcomer.disconnect();
    expect(refusal.message).toBe('unavailable');
    const ready = await request(proxied.url).get('/health/ready').expect(503);
    expect(ready.body.checks.database).toBe('down');
    expect(await store.countUpdates(draftId)).toBe(countBefore);

    await proxy.restore();
    await eventually(async () => {
      expect(await send(socket, 'update', { draftId, update })).toEqual({ ok: true });
    }, 15_000);
    expect(await store.countUpdates(draftId)).toBe(countBefore + 1);
    await request(proxied.url).get('/health/ready').expect(200);
  });
});
