import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { CopydeskClient } from '#client';
import type { DraftView, ReviewEvent, ReviewHistory } from '#contracts';
import { bearer, createDraft } from '../support/factories.js';
import { eventually } from '../support/raw-collab-client.js';
import { describeWithServices } from '../support/services.js';
import { expectValidNinjs } from '../../libs/publishing/test/ninjs-schema.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { act, checkAndApprove, createNewsroom, publicationsOf, type Newsroom } from './release-harness.js';

/** Every instance looks for due releases this often, so the tests wait little past an embargo. */
const ENV = { CLAIMS_SETTLE_MS: '50', CLAIMS_MAX_WAIT_MS: '200', RELEASE_POLL_MS: '50' };

async function approvedDraft(server: TestServer, room: Newsroom, headline: string): Promise<string> {
  const draftId = await createDraft(server.url, room.reporter, { headline, body: 'نص الخبر المحظور نشره حتى موعده.' });
  await act(server.url, room.reporter, draftId, 'submit').expect(200);
  await checkAndApprove(server.url, room, draftId);
  return draftId;
}

const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function releaseTransitions(server: TestServer, room: Newsroom, draftId: string) {
  const review = await request(server.url)
    .get(`/api/drafts/${draftId}/review`)
    .set(...bearer(room.editor))
    .expect(200);
  return (
    review.body.history as { action: string; actorId: string | null; actorName: string | null; to: string }[]
  ).filter((entry) => entry.action === 'release');
}

/** Embargoed releases (docs/publishing.md, "Embargo"): the database decides, not a timer. */
describeWithServices(['postgres', 'redis'], 'embargo with two instances', () => {
  let first: TestServer;
  let second: TestServer;
  let room: Newsroom;

  beforeAll(async () => {
    first = await startTestServer({ redis: true, env: ENV });
    second = await startTestServer({ redis: true, env: ENV, database: first.config.database });
    room = await createNewsroom(first);
  });
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  it('releases at its time exactly once, and never a draft reopened or withdrawn before it', async () => {
    const [released, reopened, withdrawn] = await Promise.all([
      approvedDraft(first, room, 'خبر بموعد نشر'),
      approvedDraft(first, room, 'خبر أعيد فتحه'),
      approvedDraft(first, room, 'خبر سُحب قبل موعده'),
    ]);
    const embargoUntil = inMs(1_500);
    for (const draftId of [released, reopened, withdrawn]) {
      const scheduled = await act(second.url, room.editor, draftId, 'publish', { embargoUntil }).expect(200);
      expect(scheduled.body).toMatchObject({ state: 'scheduled', embargoUntil, publication: null });
    }
    await act(first.url, room.editor, reopened, 'reopen').expect(200);
    await act(second.url, room.editor, withdrawn, 'withdraw', { reason: 'ألغي الحدث' }).expect(200);
    expect(await publicationsOf(first.url, room.editor, released)).toEqual([]);

    await eventually(async () => {
      const review = await request(first.url)
        .get(`/api/drafts/${released}/review`)
        .set(...bearer(room.editor));
      expect(review.body.state).toBe('published');
    }, 15_000);
    // Both instances keep looking; give them several more rounds to release it again if they could.
    await sleep(500);
    const versions = await publicationsOf(second.url, room.editor, released);
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({
      version: 1,
      event: 'published',
      publishedBy: null,
      embargoedUntil: embargoUntil,
    });
    expectValidNinjs(versions[0]!.ninjs);
    expect(versions[0]!.ninjs).toMatchObject({ embargoedUntil: embargoUntil, pubStatus: 'usable' });
    expect(versions[0]!.publishedAt >= embargoUntil).toBe(true);
    expect(await releaseTransitions(first, room, released)).toEqual([
      expect.objectContaining({ action: 'release', actorId: null, actorName: null, to: 'published' }),
    ]);

    for (const draftId of [reopened, withdrawn]) {
      expect(await publicationsOf(first.url, room.editor, draftId)).toEqual([]);
      expect(await releaseTransitions(first, room, draftId)).toEqual([]);
    }
    const states = await Promise.all(
      [reopened, withdrawn].map(
        async (draftId) =>
          (
            await request(first.url)
              .get(`/api/drafts/${draftId}/review`)
              .set(...bearer(room.editor))
          ).body.state,
      ),
    );
    expect(states).toEqual(['in_review', 'withdrawn']);
  });
});

describe('embargo across a restart', () => {
  let testDb: TestDatabase;
  let server: TestServer | undefined;

  beforeAll(async () => {
    testDb = await createTestDatabase();
  });
  afterAll(async () => {
    await server?.close();
    await testDb.dispose();
  });

  it('releases once the server is back when it was down at the embargo time', async () => {
    server = await startTestServer({ env: ENV, database: testDb.config });
    const room = await createNewsroom(server);
    const draftId = await approvedDraft(server, room, 'خبر ينتظر عودة الخادم');
    const embargoUntil = inMs(1_000);
    await act(server.url, room.editor, draftId, 'publish', { embargoUntil }).expect(200);
    await server.close();
    server = undefined;
    // Down across the embargo time: nothing in memory carries the release over.
    await sleep(Math.max(0, Date.parse(embargoUntil) - Date.now()) + 700);
    server = await startTestServer({ env: ENV, database: testDb.config });
    const restarted = server;
    await eventually(async () => {
      expect(await publicationsOf(restarted.url, room.editor, draftId)).toHaveLength(1);
    }, 15_000);
    const [version] = await publicationsOf(restarted.url, room.editor, draftId);
    expect(version).toMatchObject({ version: 1, event: 'published', publishedBy: null, embargoedUntil: embargoUntil });
    expectValidNinjs(version!.ninjs);
    expect(Date.parse(version!.publishedAt) - Date.parse(embargoUntil)).toBeGreaterThanOrEqual(700);
    expect(await releaseTransitions(restarted, room, draftId)).toHaveLength(1);
    // The scheduler's lag is measured: the release came late by the downtime, and nothing is left due.
    const metrics = (await request(restarted.url).get('/metrics').expect(200)).text;
    expect(metrics).toMatch(/^copydesk_release_lag_seconds_count 1$/m);
    expect(Number(/^copydesk_release_lag_seconds_sum (\S+)$/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(0.7);
    expect(metrics).toMatch(/^copydesk_releases_due 0$/m);
    expect(metrics).toMatch(/^copydesk_release_overdue_seconds 0$/m);
  });
});

describe('embargo timing', () => {
  let server: TestServer;

  // The poll is ten minutes: a release on time comes from planning its look for the embargo.
  beforeAll(async () => {
    server = await startTestServer({ env: { ...ENV, RELEASE_POLL_MS: '600000' } });
  });
  afterAll(async () => server.close());

  it('releases at the embargo time, not at the next poll', async () => {
    const room = await createNewsroom(server);
    const draftId = await approvedDraft(server, room, 'خبر في موعده');
    const client = new CopydeskClient({ baseUrl: server.url, token: room.reporter.token });
    try {
      const session = client.openDraft(draftId, { resyncIntervalMs: 0 });
      await session.whenSynced();
      const heard: ReviewEvent[] = [];
      session.on('review', (event) => heard.push(event));
      const embargoUntil = inMs(800);
      await act(server.url, room.editor, draftId, 'publish', { embargoUntil }).expect(200);
      await eventually(async () => {
        expect(await publicationsOf(server.url, room.editor, draftId)).toHaveLength(1);
      }, 10_000);
      const [version] = await publicationsOf(server.url, room.editor, draftId);
      expect(version!.publishedAt >= embargoUntil).toBe(true);
      expect(version).toMatchObject({ publishedBy: null, publishedByName: null, embargoedUntil: embargoUntil });
      // The room heard it scheduled, then released by the scheduler: no name, and no embargo once it is out.
      await eventually(() => expect(heard.map((event) => event.state)).toEqual(['scheduled', 'published']));
      expect(heard[0]).toMatchObject({ by: room.editor.id, byName: 'رئيسة التحرير', embargoUntil });
      expect(heard[1]).toMatchObject({ by: 'scheduler', byName: null, embargoUntil: null });
      expect(session.review).toMatchObject({ state: 'published', embargoUntil: null });
    } finally {
      await client.close();
    }
  });

  it('tells whoever opens a scheduled draft when it will be released, and nothing once reopened', async () => {
    const room = await createNewsroom(server);
    const draftId = await approvedDraft(server, room, 'خبر مجدول');
    const embargoUntil = inMs(3_600_000);
    await act(server.url, room.editor, draftId, 'publish', { embargoUntil }).expect(200);
    const seen = async () => {
      const [draft, listed, history] = await Promise.all([
        request(server.url)
          .get(`/api/drafts/${draftId}`)
          .set(...bearer(room.reporter))
          .expect(200),
        request(server.url)
          .get('/api/drafts')
          .query({ state: 'scheduled' })
          .set(...bearer(room.checker))
          .expect(200),
        request(server.url)
          .get(`/api/drafts/${draftId}/review`)
          .set(...bearer(room.reporter))
          .expect(200),
      ]);
      const item = (listed.body.items as DraftView[]).find((entry) => entry.id === draftId);
      return { draft: (draft.body as DraftView).review, listed: item?.review, history: history.body as ReviewHistory };
    };
    const scheduled = await seen();
    expect(scheduled.draft).toEqual({ state: 'scheduled', revision: expect.any(Number), embargoUntil });
    expect(scheduled.listed).toEqual(scheduled.draft);
    expect(scheduled.history).toMatchObject(scheduled.draft);

    // Joining says so too, and a reopen tells the room the embargo is gone.
    const client = new CopydeskClient({ baseUrl: server.url, token: room.reporter.token });
    try {
      const session = client.openDraft(draftId, { resyncIntervalMs: 0 });
      await session.whenSynced();
      expect(session.review).toEqual(scheduled.draft);
      const heard: ReviewEvent[] = [];
      session.on('review', (event) => heard.push(event));
      await act(server.url, room.editor, draftId, 'reopen').expect(200);
      await eventually(() => expect(heard).toHaveLength(1));
      expect(heard[0]).toMatchObject({ state: 'in_review', embargoUntil: null, byName: 'رئيسة التحرير' });
    } finally {
      await client.close();
    }
    const reopened = await seen();
    expect(reopened.draft).toMatchObject({ state: 'in_review', embargoUntil: null });
    expect(reopened.listed).toBeUndefined();
    expect(reopened.history).toMatchObject({ state: 'in_review', embargoUntil: null });
    expect(reopened.history.history.at(-1)).toMatchObject({ action: 'reopen', actorName: 'رئيسة التحرير' });
  });
});
