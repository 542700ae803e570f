/**
 * The SDK when the server ends its sign-in (docs/protocol.md, What the SDK does): it asks the
 * application for a new token (`onSessionEnded`), reconnects with it and sends what was typed
 * meanwhile; without an answer it stays signed out, the document usable offline, until `login`.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { CopydeskClient, type SessionEndedInfo, type SessionError } from '#client';
import { bearer, createDesk, createDraft, createUser, TEST_PASSWORD, type TestUser } from '../support/factories.js';
import { eventually } from '../support/raw-collab-client.js';
import { tokenExpiringAt } from '../support/session-end.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

describe('an SDK client whose sign-in ends', () => {
  let server: TestServer;
  let reporter: TestUser;

  const freshToken = async () =>
    (
      await request(server.url)
        .post('/api/auth/login')
        .send({ email: reporter.email, password: TEST_PASSWORD })
        .expect(200)
    ).body.accessToken as string;
  const storedBody = async (draftId: string) =>
    (
      await request(server.url)
        .get(`/api/drafts/${draftId}`)
        .set(...bearer(reporter))
        .expect(200)
    ).body.body as string;

  beforeAll(async () => {
    server = await startTestServer({ env: { COLLAB_TEXT_SYNC_DEBOUNCE_MS: '20' } });
    const desk = await createDesk(server.app);
    reporter = await createUser(server.app, server.url, 'reporter', [desk.id]);
  });
  afterAll(async () => {
    await server.close();
  });

  it('asks the application for a new token when its token expires, and syncs what was typed meanwhile', async () => {
    const draftId = await createDraft(server.url, reporter, { language: 'en', headline: 'h', body: 'start' });
    const asked: SessionEndedInfo[] = [];
    let answer: (token: string) => void = () => undefined;
    const client = new CopydeskClient({
      baseUrl: server.url,
      token: tokenExpiringAt(reporter.token, Math.floor(Date.now() / 1000) + 2),
      onSessionEnded: (ended) => {
        asked.push(ended);
        // The application signs the user in again; meanwhile the writer keeps typing.
        return new Promise<string>((resolve) => (answer = resolve));
      },
    });
    try {
      const session = client.openDraft(draftId, { resyncIntervalMs: 0 });
      await session.whenSynced();
      const errors: SessionError[] = [];
      session.on('error', (error) => errors.push(error));
      await eventually(() => expect(asked).toEqual([{ code: 'SESSION_EXPIRED', message: expect.any(String) }]), 5_000);
      expect(errors.map((error) => error.code)).toEqual(['SESSION_EXPIRED']);
      expect(client.connected).toBe(false);

      session.body.insert(session.body.length, ' typed while signed out');
      answer(await freshToken());

      await eventually(async () => expect(await storedBody(draftId)).toBe('start typed while signed out'));
      expect(client.connected).toBe(true);
    } finally {
      await client.close();
    }
  });

  it('without an answer, stays signed out after a revocation until login, then catches up', async () => {
    const draftId = await createDraft(server.url, reporter, { language: 'en', headline: 'h', body: 'start' });
    const token = await freshToken();
    const client = new CopydeskClient({ baseUrl: server.url, token });
    try {
      const session = client.openDraft(draftId, { resyncIntervalMs: 0 });
      await session.whenSynced();
      const ended = new Promise<SessionError>((resolve) => session.once('error', resolve));

      await request(server.url)
        .post('/api/auth/logout')
        .set(...bearer({ token }))
        .expect(204);

      expect(await ended).toMatchObject({ code: 'SESSION_REVOKED', operation: 'connect' });
      session.body.insert(session.body.length, ' offline');
      // No reconnect with a token the server refuses: it stays down.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(client.connected).toBe(false);

      await client.login(reporter.email, TEST_PASSWORD);
      await eventually(async () => expect(await storedBody(draftId)).toBe('start offline'));
    } finally {
      await client.close();
    }
  });

  it('lists, revokes and signs out through the REST helpers', async () => {
    const client = new CopydeskClient({ baseUrl: server.url });
    const other = new CopydeskClient({ baseUrl: server.url });
    await client.login(reporter.email, TEST_PASSWORD);
    await other.login(reporter.email, TEST_PASSWORD);
    const listed = await client.listSessions();
    const mine = listed.find((s) => s.current)!;
    const theirs = (await other.listSessions()).find((s) => s.current)!;
    expect(listed.map((s) => s.id)).toEqual(expect.arrayContaining([mine.id, theirs.id]));
    await client.revokeSession(theirs.id);
    await expect(other.me()).rejects.toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
    await expect(client.changePassword('wrong password', 'whatever')).rejects.toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
    });
    await client.logout();
    expect(client.token).toBeNull();
    await expect(client.me()).rejects.toMatchObject({ status: 401 });
  });
});
