import { afterAll, beforeAll, expect, it } from '@jest/globals';
import request from 'supertest';
import { CopydeskClient, type DraftSession } from '#client';
import type { DraftClaim } from '#contracts';
import { extractClaims } from '#domain';
import { ALLIANCE_ARTICLE } from '../fixtures/articles.js';
import { bearer, createDesk, createDraft, createUser, type TestUser } from '../support/factories.js';
import { eventually } from '../support/raw-collab-client.js';
import { describeWithServices } from '../support/services.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const SETTLE = { CLAIMS_SETTLE_MS: '80', CLAIMS_MAX_WAIT_MS: '300' };

describeWithServices(['postgres', 'redis'], 'claims on two instances', () => {
  let first: TestServer;
  let second: TestServer;
  let reporter: TestUser;
  let editor: TestUser;
  const clients: CopydeskClient[] = [];

  const open = async (server: TestServer, user: TestUser, draftId: string): Promise<DraftSession> => {
    const client = new CopydeskClient({ baseUrl: server.url, token: user.token });
    clients.push(client);
    const session = client.openDraft(draftId, { resyncIntervalMs: 0 });
    await session.whenSynced();
    return session;
  };
  const claimsFrom = async (server: TestServer, draftId: string): Promise<DraftClaim[]> =>
    (
      await request(server.url)
        .get(`/api/drafts/${draftId}/claims`)
        .set(...bearer(editor))
        .expect(200)
    ).body;

  beforeAll(async () => {
    first = await startTestServer({ redis: true, env: SETTLE });
    second = await startTestServer({ redis: true, database: first.config.database, env: SETTLE });
    const desk = await createDesk(first.app);
    reporter = await createUser(first.app, first.url, 'reporter', [desk.id], 'مراسلة');
    editor = await createUser(first.app, first.url, 'editor', [desk.id], 'محرر');
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await second.close();
    await first.close();
  });

  it('gives one claim list, without duplicates, to two editors typing at once on different instances', async () => {
    const draftId = await createDraft(first.url, reporter, { body: ALLIANCE_ARTICLE });
    const onFirst = await open(first, reporter, draftId);
    const onSecond = await open(second, editor, draftId);
    const figures = ['12 مليون دولار', '35 في المئة', 'الثلاثاء 10 شباط 2026', '7 ملايين يورو'];
    for (const [i, figure] of figures.entries()) {
      onFirst.body.insert(onFirst.body.length, `\nوقال المتحدث إن الكلفة بلغت ${figure}.`);
      onSecond.body.insert(0, `أضاف المراسل ${i + 2} تقارير. `);
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    await Promise.all([onFirst.flushed(), onSecond.flushed()]);
    await eventually(() => expect(onSecond.body.toString()).toBe(onFirst.body.toString()));
    const finalText = onFirst.body.toString();
    const draft = await request(first.url)
      .get(`/api/drafts/${draftId}`)
      .set(...bearer(editor))
      .expect(200);
    const expected = extractClaims(finalText, { language: 'ar', now: new Date(draft.body.createdAt) }).claims;

    await eventually(async () => {
      const [fromFirst, fromSecond] = await Promise.all([claimsFrom(first, draftId), claimsFrom(second, draftId)]);
      const shape = (claims: DraftClaim[]) => claims.map((claim) => [claim.id, claim.kind, claim.text, claim.start]);
      expect(shape(fromSecond)).toEqual(shape(fromFirst));
      expect(fromFirst.map((claim) => [claim.kind, claim.text, claim.start])).toEqual(
        expected.map((claim) => [claim.kind, claim.text, claim.start]),
      );
      // The sessions on both instances heard the same changes, once each.
      expect([...onFirst.claims.keys()].sort()).toEqual(fromFirst.map((claim) => claim.id).sort());
      expect([...onSecond.claims.keys()].sort()).toEqual(fromFirst.map((claim) => claim.id).sort());
    }, 15_000);
  });
});
