import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import * as Y from 'yjs';
import { CopydeskClient, type SessionError } from '#client';
import { DOCUMENT_FIELDS, type Ack } from '#contracts';
import { DraftDocumentsRepository } from '#persistence';
import { bearer, createDesk, createUser, type TestUser } from '../support/factories.js';
import { type CollabSocket, eventually, send, SocketPool, whenConnected } from '../support/raw-collab-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/** An update that changes nothing: acked ok while the session may edit, refused with the code once it may not. */
const EMPTY_UPDATE = Y.encodeStateAsUpdate(new Y.Doc());

function typed(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText(DOCUMENT_FIELDS.body).insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

/** Open sessions follow changes to a user's rights, decided again when they change, not only at join. */
describe('access changes reach open sessions', () => {
  let server: TestServer;
  let deskId: string;
  let admin: TestUser;
  let reporter: TestUser;
  const sockets = new SocketPool();
  const open = (user: TestUser) => sockets.open(server.url, user.token);
  const newDraft = async (authorIds?: string[]) => {
    const draft = await request(server.url)
      .post('/api/drafts')
      .set(...bearer(reporter))
      .send({ language: 'ar', body: 'نص' })
      .expect(201);
    if (authorIds) {
      await request(server.url)
        .patch(`/api/drafts/${draft.body.id}`)
        .set(...bearer(reporter))
        .send({ authorIds })
        .expect(200);
    }
    return draft.body.id as string;
  };
  const untilRefused = (socket: CollabSocket, draftId: string, code: string) =>
    eventually(async () => {
      const ack: Ack = await send(socket, 'update', { draftId, update: EMPTY_UPDATE });
      expect(ack).toMatchObject({ ok: false, error: { code } });
    });

  beforeAll(async () => {
    server = await startTestServer();
    deskId = (await createDesk(server.app)).id;
    admin = await createUser(server.app, server.url, 'admin');
    reporter = await createUser(server.app, server.url, 'reporter', [deskId]);
  });
  afterEach(() => {
    sockets.closeAll();
  });
  afterAll(async () => {
    await server.close();
  });

  it('takes a member removed from the desk out of the drafts they had open', async () => {
    const member = await createUser(server.app, server.url, 'editor', [deskId]);
    const draftId = await newDraft();
    const author = await open(reporter);
    const removed = await open(member);
    await send(author, 'join', { draftId });
    const joined = await send(removed, 'join', { draftId });
    expect(joined).toMatchObject({ ok: true, access: 'edit' });
    const left = new Promise<{ sessionId: string }>((resolve) => author.once('presence:leave', resolve));
    const heard: string[] = [];
    removed.on('access', (event) => heard.push(`access ${event.draftId} ${event.access}`));
    const toldItself = new Promise<{ sessionId: string }>((resolve) =>
      removed.once('presence:leave', (event) => {
        heard.push('presence:leave');
        resolve(event);
      }),
    );
    const received: unknown[] = [];
    removed.on('update', (event) => received.push(event));

    await request(server.url)
      .delete(`/api/admin/desks/${deskId}/members/${member.id}`)
      .set(...bearer(admin))
      .expect(204);

    expect((await left).sessionId).toBe(joined.ok && joined.sessionId);
    // The removed session hears it too, about itself: that is how a client learns it was taken out.
    expect((await toldItself).sessionId).toBe(joined.ok && joined.sessionId);
    // Its own leave is all it hears: no `access` event for a draft it may no longer see.
    expect(heard).toEqual(['presence:leave']);
    await untilRefused(removed, draftId, 'NOT_JOINED');
    expect(await send(removed, 'join', { draftId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    // The author's edits no longer reach the removed member's socket.
    expect(await send(author, 'update', { draftId, update: typed('بعد الإزالة') })).toEqual({ ok: true });
    const watcher = await open(reporter);
    await send(watcher, 'join', { draftId });
    // Listening first: the room may hear of an update before its sender's ack.
    const watched = new Promise((resolve) => watcher.once('update', resolve));
    expect(await send(author, 'update', { draftId, update: typed('مرة أخرى') })).toEqual({ ok: true });
    await watched;
    expect(received).toEqual([]);
  });

  it('lets an SDK session learn at once that its user lost the draft, without waiting for a resync', async () => {
    const member = await createUser(server.app, server.url, 'fact_checker', [deskId]);
    const draftId = await newDraft();
    const client = new CopydeskClient({ baseUrl: server.url, token: member.token });
    try {
      const session = client.openDraft(draftId, { resyncIntervalMs: 0 });
      await session.whenSynced();
      expect(session.access).toBe('comment');
      const refused = new Promise<SessionError>((resolve) => session.once('error', resolve));

      await request(server.url)
        .delete(`/api/admin/desks/${deskId}/members/${member.id}`)
        .set(...bearer(admin))
        .expect(204);

      expect(await refused).toMatchObject({ code: 'NOT_FOUND', operation: 'join' });
      expect(session.access).toBeNull();
    } finally {
      await client.close();
    }
  });

  it('refuses the next update of a co-author dropped from the authors, storing nothing', async () => {
    const coAuthor = await createUser(server.app, server.url, 'reporter', [deskId]);
    const draftId = await newDraft([reporter.id, coAuthor.id]);
    const socket = await open(coAuthor);
    expect(await send(socket, 'join', { draftId })).toMatchObject({ ok: true, access: 'edit' });
    expect(await send(socket, 'update', { draftId, update: typed('مشارك') })).toEqual({ ok: true });
    const store = server.app.get(DraftDocumentsRepository);
    const storedBefore = await store.countUpdates(draftId);
    const told = new Promise((resolve) => socket.once('access', resolve));

    await request(server.url)
      .patch(`/api/drafts/${draftId}`)
      .set(...bearer(reporter))
      .send({ authorIds: [reporter.id] })
      .expect(200);

    expect(await told).toEqual({ draftId, access: 'view' });
    await untilRefused(socket, draftId, 'FORBIDDEN');
    expect(await send(socket, 'update', { draftId, update: typed('ممنوع') })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await store.countUpdates(draftId)).toBe(storedBefore);
    // Still a desk member: the draft stays visible, now for viewing.
    expect(await send(socket, 'join', { draftId })).toMatchObject({ ok: true, access: 'view' });
  });

  it('disconnects the sockets of a disabled account, whose reconnect is refused', async () => {
    const user = await createUser(server.app, server.url, 'reporter', [deskId]);
    const socket = await open(user);
    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', resolve));

    await request(server.url)
      .patch(`/api/admin/users/${user.id}`)
      .set(...bearer(admin))
      .send({ disabled: true })
      .expect(200);

    expect(await disconnected).toBe('io server disconnect');
    socket.connect();
    await expect(whenConnected(socket)).rejects.toThrow('unauthorized');
  });
});
