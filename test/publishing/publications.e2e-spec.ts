import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { CopydeskClient } from '#client';
import type { Publication, PublicationFeedPage } from '#contracts';
import { expectValidNinjs } from '../../libs/publishing/test/ninjs-schema.js';
import { bearer, createDesk, createDraft, createUser, type TestUser } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { act, checkAndApprove, createNewsroom, publicationsOf, type Newsroom } from './release-harness.js';

/** 12 March 2026 was a Thursday, so the date agrees with its weekday; “شام إف إم” is a name, not a quote. */
const HEADLINE = 'مجلس بلدية حلب يقرّ موازنة العام المقبل';
const BODY = [
  'أقرّ مجلس بلدية حلب، في جلسته التي عُقدت الخميس 12 آذار 2026، موازنة العام المقبل بزيادة 15% عن موازنة العام الماضي.',
  '',
  'وقال رئيس المجلس لإذاعة “شام إف إم” إن الموازنة «تضع الخدمات قبل أي شيء آخر».',
].join('\n');

/** Releases over real HTTP, socket.io and the database (docs/publishing.md). */
describe('publications', () => {
  let server: TestServer;
  let room: Newsroom;
  let outsider: TestUser;
  const clients: CopydeskClient[] = [];

  const feed = async (user: TestUser, query: Record<string, string | number> = {}): Promise<PublicationFeedPage> =>
    (
      await request(server.url)
        .get('/api/publications')
        .query(query)
        .set(...bearer(user))
        .expect(200)
    ).body;

  /** Draft written, submitted, checked and approved: ready to publish. */
  const approvedDraft = async (fields: { headline: string; body: string; language?: 'ar' | 'en' }) => {
    const draftId = await createDraft(server.url, room.reporter, fields);
    await act(server.url, room.reporter, draftId, 'submit').expect(200);
    await checkAndApprove(server.url, room, draftId);
    return draftId;
  };

  beforeAll(async () => {
    server = await startTestServer({ env: { CLAIMS_SETTLE_MS: '50', CLAIMS_MAX_WAIT_MS: '200' } });
    room = await createNewsroom(server);
    const otherDesk = await createDesk(server.app);
    outsider = await createUser(server.app, server.url, 'editor', [otherDesk.id], 'محرر من قسم آخر');
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await server.close();
  });

  it('publishes an Arabic story, corrects it as version 2 of the same uri, and withdraws it as a canceled version 3', async () => {
    const draftId = await approvedDraft({ headline: HEADLINE, body: BODY });

    const published = await act(server.url, room.editor, draftId, 'publish').expect(200);
    expect(published.body).toMatchObject({ state: 'published', publication: { version: 1, event: 'published' } });
    const [first] = await publicationsOf(server.url, room.reporter, draftId);
    expectValidNinjs(first!.ninjs);
    expect(first).toMatchObject({
      draftId,
      deskId: room.deskId,
      version: 1,
      event: 'published',
      pubStatus: 'usable',
      language: 'ar',
      headline: HEADLINE,
      publishedBy: room.editor.id,
      // Anyone who may read the version sees who published it, by name.
      publishedByName: 'رئيسة التحرير',
      embargoedUntil: null,
      uri: `urn:copydesk:story:${draftId}`,
    });
    expect(first!.ninjs).toMatchObject({
      uri: first!.uri,
      version: '1',
      language: 'ar',
      pubStatus: 'usable',
      firstCreated: first!.publishedAt,
      versionCreated: first!.publishedAt,
      headlines: [{ role: 'main', value: HEADLINE }],
      by: 'هبة الأحمد',
    });
    expect(first!.ninjs).not.toHaveProperty('embargoedUntil');
    const bodyHtml = (first!.ninjs.bodies as { value: string }[])[0]!.value;
    expect(bodyHtml.startsWith('<div dir="rtl" lang="ar"><p>أقرّ مجلس بلدية حلب')).toBe(true);
    expect(bodyHtml).toContain('<p>وقال رئيس المجلس لإذاعة “شام إف إم”');
    expect(first!.html).toBe(`<h1 dir="rtl" lang="ar">${HEADLINE}</h1>${bodyHtml}`);

    // A correction: reopened for edits, the figure fixed live, checked again, published as version 2.
    await act(server.url, room.editor, draftId, 'correct').expect(200);
    const client = new CopydeskClient({ baseUrl: server.url, token: room.reporter.token });
    clients.push(client);
    const session = client.openDraft(draftId, { resyncIntervalMs: 0 });
    await session.whenSynced();
    const at = session.body.toString().indexOf('15%');
    session.doc.transact(() => {
      session.body.delete(at, 2);
      session.body.insert(at, '18');
    });
    await session.flushed();
    await checkAndApprove(server.url, room, draftId);
    const corrected = await act(server.url, room.editor, draftId, 'publish', { reason: 'تصحيح نسبة الزيادة' });
    expect(corrected.status).toBe(200);
    expect(corrected.body.publication).toMatchObject({ version: 2, event: 'corrected' });

    const withdrawn = await act(server.url, room.editor, draftId, 'withdraw', { reason: 'طلب المصدر سحب الخبر' });
    expect(withdrawn.body).toMatchObject({ state: 'withdrawn', publication: { version: 3, event: 'withdrawn' } });

    const versions = await publicationsOf(server.url, room.checker, draftId);
    expect(versions.map((version) => [version.version, version.event, version.pubStatus])).toEqual([
      [3, 'withdrawn', 'canceled'],
      [2, 'corrected', 'usable'],
      [1, 'published', 'usable'],
    ]);
    for (const version of versions) expectValidNinjs(version.ninjs);
    const [third, second] = versions as [Publication, Publication];
    expect(new Set(versions.map((version) => version.ninjs.uri))).toEqual(new Set([first!.uri]));
    expect(second.ninjs).toMatchObject({
      version: '2',
      firstCreated: first!.publishedAt,
      versionCreated: second.publishedAt,
      edNote: 'تصحيح نسبة الزيادة',
    });
    expect(second.publishedAt > first!.publishedAt).toBe(true);
    expect(second.html).toContain('بزيادة 18% عن موازنة');
    expect(third.ninjs).toMatchObject({ version: '3', pubStatus: 'canceled', edNote: 'طلب المصدر سحب الخبر' });
    // The canceled version names what it takes down: the text of the version before it.
    expect(third.html).toBe(second.html);

    const one = await request(server.url)
      .get(`/api/drafts/${draftId}/publications/2`)
      .set(...bearer(room.reporter))
      .expect(200);
    expect(one.body).toEqual(second);
    const byId = await request(server.url)
      .get(`/api/publications/${third.id}`)
      .set(...bearer(room.editor))
      .expect(200);
    expect(byId.body).toEqual(third);
  });

  it('escapes everything a reporter types: no markup of theirs reaches the HTML', async () => {
    const headline = 'Council <b>vote</b> & "budget"';
    const body = `Read <script>alert("x")</script> & <img src=x onerror=alert('y')> now.\n\nSecond <p>paragraph</p>`;
    const draftId = await approvedDraft({ headline, body, language: 'en' });
    await act(server.url, room.editor, draftId, 'publish').expect(200);
    const [release] = await publicationsOf(server.url, room.reporter, draftId);
    expectValidNinjs(release!.ninjs);
    expect(release!.html).toBe(
      '<h1 dir="ltr" lang="en">Council &lt;b&gt;vote&lt;/b&gt; &amp; &quot;budget&quot;</h1>' +
        '<div dir="ltr" lang="en"><p>Read &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; ' +
        '&lt;img src=x onerror=alert(&#39;y&#39;)&gt; now.</p><p>Second &lt;p&gt;paragraph&lt;/p&gt;</p></div>',
    );
    expect(release!.ninjs.headlines).toEqual([{ role: 'main', contentType: 'text/plain', value: headline }]);
  });

  it('lists the feed newest first across the desks of the caller, page by page, and from a position on', async () => {
    const before = await feed(room.editor);
    const draftId = await approvedDraft({ headline: 'خبر للتغذية', body: 'نص قصير بلا أرقام.' });
    await act(server.url, room.editor, draftId, 'publish').expect(200);

    const latest = await feed(room.reporter, { since: before.head });
    expect(latest.items.map((item) => [item.draftId, item.version])).toEqual([[draftId, 1]]);
    expect(latest.head).toBe(latest.items[0]!.position);
    expect(latest.head).toBeGreaterThan(before.head);
    expect((await feed(room.reporter, { since: latest.head })).items).toEqual([]);

    const all: Publication[] = [];
    let cursor: string | null = null;
    do {
      const page: PublicationFeedPage = await feed(room.checker, { limit: 2, ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(2);
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    const positions = all.map((item) => item.position);
    expect(positions).toEqual([...positions].sort((a, b) => b - a));
    expect(all.length).toBe(latest.head);
    expect(all.every((item) => item.deskId === room.deskId)).toBe(true);

    // Someone on another desk sees none of it, not even by asking for this desk or by id.
    expect((await feed(outsider)).items).toEqual([]);
    expect((await feed(outsider, { deskId: room.deskId })).items).toEqual([]);
    await request(server.url)
      .get(`/api/publications/${all[0]!.id}`)
      .set(...bearer(outsider))
      .expect(404);
    await request(server.url)
      .get(`/api/drafts/${draftId}/publications`)
      .set(...bearer(outsider))
      .expect(404);
    await request(server.url)
      .get(`/api/drafts/${draftId}/publications/1`)
      .set(...bearer(outsider))
      .expect(404);
  });

  it('refuses what it must, releasing nothing', async () => {
    const draftId = await approvedDraft({ headline: 'خبر مرفوض النشر', body: 'نص قصير بلا أرقام.' });
    const byReporter = await act(server.url, room.reporter, draftId, 'publish').expect(403);
    expect(byReporter.body.error.code).toBe('FORBIDDEN');
    const past = await act(server.url, room.editor, draftId, 'publish', {
      embargoUntil: new Date(Date.now() - 60_000).toISOString(),
    }).expect(400);
    expect(past.body.error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ field: 'embargoUntil' }] });
    const notADate = await act(server.url, room.editor, draftId, 'publish', { embargoUntil: 'tomorrow' }).expect(400);
    expect(notADate.body.error.code).toBe('VALIDATION_FAILED');
    expect(await publicationsOf(server.url, room.editor, draftId)).toEqual([]);
    const review = await request(server.url)
      .get(`/api/drafts/${draftId}/review`)
      .set(...bearer(room.editor));
    expect(review.body.state).toBe('approved');

    for (const since of ['abc', '-1', '1.5', '99999999999999999999']) {
      const bad = await request(server.url)
        .get('/api/publications')
        .query({ since })
        .set(...bearer(room.editor));
      expect([bad.status, bad.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    }
    const badCursor = await request(server.url)
      .get('/api/publications')
      .query({ cursor: 'x' })
      .set(...bearer(room.editor));
    expect([badCursor.status, badCursor.body.error.code]).toEqual([400, 'INVALID_CURSOR']);
    await request(server.url)
      .get('/api/publications')
      .query({ deskId: 'not-a-uuid' })
      .set(...bearer(room.editor))
      .expect(400);
    await request(server.url)
      .get(`/api/drafts/${draftId}/publications/1`)
      .set(...bearer(room.editor))
      .expect(404);
    await request(server.url)
      .get(`/api/drafts/${draftId}/publications/abc`)
      .set(...bearer(room.editor))
      .expect(400);
    await request(server.url)
      .get('/api/publications/not-a-uuid')
      .set(...bearer(room.editor))
      .expect(404);
    await request(server.url).get('/api/publications').expect(401);
  });
});
