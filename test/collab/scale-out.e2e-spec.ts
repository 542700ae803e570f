import { afterAll, beforeAll, expect, it } from '@jest/globals';
import request from 'supertest';
import * as Y from 'yjs';
import { DraftDocumentsRepository } from '#persistence';
import { bearer, createDesk, createUser, type TestUser } from '../support/factories.js';
import { eventually, RawEditor, send, SocketPool } from '../support/raw-collab-client.js';
import { describeWithServices } from '../support/services.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

describeWithServices(['postgres', 'redis'], 'two server instances on one PostgreSQL and Redis', () => {
  let first: TestServer;
  let second: TestServer;
  let alice: TestUser;
  let bob: TestUser;
  let deskId: string;
  const sockets = new SocketPool();

  const open = (server: TestServer, user: TestUser) => sockets.open(server.url, user.token);

  beforeAll(async () => {
    first = await startTestServer({ redis: true, env: { COLLAB_TEXT_SYNC_DEBOUNCE_MS: '20' } });
    second = await startTestServer({
      redis: true,
      database: first.config.database,
      env: { COLLAB_TEXT_SYNC_DEBOUNCE_MS: '20' },
    });
    const desk = await createDesk(first.app);
    deskId = desk.id;
    alice = await createUser(first.app, first.url, 'reporter', [desk.id], 'عليا');
    bob = await createUser(first.app, first.url, 'editor', [desk.id], 'Bob');
  });
  afterAll(async () => {
    sockets.closeAll();
    await second.close();
    await first.close();
  });

  it('converges clients on different instances and stores each update once', async () => {
    const draft = await request(first.url)
      .post('/api/drafts')
      .set(...bearer(alice))
      .send({ language: 'ar', body: 'البداية' })
      .expect(201);
    const store = first.app.get(DraftDocumentsRepository);
    const initial = await store.countUpdates(draft.body.id);

    const onFirst = new RawEditor(await open(first, alice), draft.body.id);
    const onSecond = new RawEditor(await open(second, bob), draft.body.id);
    await Promise.all([onFirst.join(), onSecond.join()]);
    for (let i = 0; i < 30; i++) {
      onFirst.body.insert(onFirst.body.length, ` أ${i}`);
      onSecond.body.insert(0, `b${i} `);
      if (i % 5 === 0) await new Promise((resolve) => setTimeout(resolve, 3));
    }
    await Promise.all([onFirst.flushed(), onSecond.flushed()]);
    const acked = [...onFirst.acks, ...onSecond.acks];
    expect(acked).toHaveLength(60);
    expect(acked.every((ack) => ack.ok)).toBe(true);

    await eventually(() => expect(onSecond.body.toString()).toBe(onFirst.body.toString()));
    expect(await store.countUpdates(draft.body.id)).toBe(initial + 60);

    // A client joining either instance later gets the same document: both servers' Y.Docs hold every update.
    for (const server of [first, second]) {
      const late = new RawEditor(await open(server, alice), draft.body.id);
      await late.join();
      expect(late.body.toString()).toBe(onFirst.body.toString());
    }
    await eventually(async () => {
      const rest = await request(second.url)
        .get(`/api/drafts/${draft.body.id}`)
        .set(...bearer(bob))
        .expect(200);
      expect(rest.body.body).toBe(onFirst.body.toString());
    });
  });

  it('takes a session on the other instance out of a draft when its user leaves the desk', async () => {
    const admin = await createUser(first.app, first.url, 'admin');
    const carol = await createUser(first.app, first.url, 'editor', [deskId], 'Carol');
    const draft = await request(first.url)
      .post('/api/drafts')
      .set(...bearer(alice))
      .send({ language: 'ar', body: 'نص' })
      .expect(201);
    const onSecond = await open(second, carol);
    expect(await send(onSecond, 'join', { draftId: draft.body.id })).toMatchObject({ ok: true, access: 'edit' });

    await request(first.url)
      .delete(`/api/admin/desks/${deskId}/members/${carol.id}`)
      .set(...bearer(admin))
      .expect(204);

    const empty = Y.encodeStateAsUpdate(new Y.Doc());
    await eventually(async () =>
      expect(await send(onSecond, 'update', { draftId: draft.body.id, update: empty })).toMatchObject({
        ok: false,
        error: { code: 'NOT_JOINED' },
      }),
    );
  });
});
