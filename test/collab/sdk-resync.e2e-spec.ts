/** An SDK session typing faster than the server's rate limit loses nothing: it re-joins and catches up by itself. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { CopydeskClient, type RetryingEvent, type SessionError } from '#client';
import { bearer, createDesk, createDraft, createUser, type TestUser } from '../support/factories.js';
import { eventually } from '../support/raw-collab-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const KEYSTROKES = 300;

describe('an SDK session whose burst is partly refused RATE_LIMITED', () => {
  let server: TestServer;
  let reporter: TestUser;
  let coAuthor: TestUser;

  beforeAll(async () => {
    server = await startTestServer({
      env: { COLLAB_UPDATES_PER_SECOND: '5', COLLAB_UPDATE_BURST: '10', COLLAB_TEXT_SYNC_DEBOUNCE_MS: '20' },
    });
    const desk = await createDesk(server.app);
    reporter = await createUser(server.app, server.url, 'reporter', [desk.id]);
    coAuthor = await createUser(server.app, server.url, 'editor', [desk.id]);
  });
  afterAll(async () => {
    await server.close();
  });

  it('stores every keystroke in order once flushed() resolves', async () => {
    const draftId = await createDraft(server.url, reporter, { language: 'en', headline: 'Burst', body: '' });
    const typist = new CopydeskClient({ baseUrl: server.url, token: reporter.token });
    const reader = new CopydeskClient({ baseUrl: server.url, token: coAuthor.token });
    try {
      // No periodic resync: the session must recover from the refusals by itself.
      const typing = typist.openDraft(draftId, { resyncIntervalMs: 0 });
      const watching = reader.openDraft(draftId, { resyncIntervalMs: 0 });
      await Promise.all([typing.whenSynced(), watching.whenSynced()]);
      const retrying: RetryingEvent[] = [];
      const errors: SessionError[] = [];
      typing.on('retrying', (event) => retrying.push(event));
      typing.on('error', (error) => errors.push(error));

      const expected = Array.from({ length: KEYSTROKES }, (_, i) => (i % 36).toString(36)).join('');
      for (const char of expected) typing.body.insert(typing.body.length, char); // one transaction each
      await typing.flushed();

      expect(retrying.map((event) => event.code)).toContain('RATE_LIMITED');
      expect(errors).toEqual([]);
      expect(typing.pendingUpdates).toBe(0);
      expect(typing.body.toString()).toBe(expected);
      await eventually(() => expect(watching.body.toString()).toBe(expected));
      await eventually(async () => {
        const rest = await request(server.url)
          .get(`/api/drafts/${draftId}`)
          .set(...bearer(coAuthor))
          .expect(200);
        expect(rest.body.body).toBe(expected);
      });
      // A late joiner gets the same text from the stored document.
      const late = new CopydeskClient({ baseUrl: server.url, token: coAuthor.token });
      try {
        const fresh = late.openDraft(draftId, { resyncIntervalMs: 0 });
        await fresh.whenSynced();
        expect(fresh.body.toString()).toBe(expected);
      } finally {
        await late.close();
      }
    } finally {
      await Promise.all([typist.close(), reader.close()]);
    }
  });
});
