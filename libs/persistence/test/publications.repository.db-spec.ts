import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  PublicationsRepository,
  ReviewsRepository,
  type Database,
  type NewPublication,
  type ReviewDraftRow,
  type TransitionWrite,
} from '#persistence';
import { openMigratedTestDatabase } from '../../../test/support/test-database.js';

let database: Database;
let dispose: () => Promise<void>;
let reviews: ReviewsRepository;
let publications: PublicationsRepository;
let editor: string;
let desk: string;

const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> =>
  database.dataSource.query(text, params);

async function approvedDraft(): Promise<string> {
  const [{ id }] = await sql<{ id: string }>(
    `INSERT INTO drafts (desk_id, language, created_by, author_ids, review_state, embargo_until)
     VALUES ($1, 'ar', $2, ARRAY[$2]::uuid[], 'approved', null) RETURNING id`,
    [desk, editor],
  );
  return id;
}

const version = (draft: ReviewDraftRow, at: Date, publishedBy: string | null = null): NewPublication => ({
  version: (draft.latestPublication?.version ?? 0) + 1,
  event: draft.latestPublication ? 'corrected' : 'published',
  pubStatus: 'usable',
  uri: `urn:copydesk:story:${draft.id}`,
  language: 'ar',
  headline: 'عنوان',
  body: 'نص',
  seq: draft.headSeq,
  ninjs: { uri: `urn:copydesk:story:${draft.id}` },
  html: '<div dir="rtl" lang="ar"><p>نص</p></div>',
  embargoedUntil: draft.embargoUntil,
  firstCreated: draft.latestPublication?.firstCreated ?? at,
  publishedAt: at,
  publishedBy,
  note: null,
});

/** Publishes now, or schedules until `embargoUntil` (with the kept copy the release will publish). */
const publish =
  (embargoUntil: Date | null) =>
  (draft: ReviewDraftRow): TransitionWrite => ({
    reviewState: embargoUntil ? 'scheduled' : 'published',
    approvedSeq: 1,
    approvedHash: 'hash',
    embargoUntil,
    reason: null,
    event: { actorId: editor, action: 'publish' },
    revision: {
      kind: 'published',
      seq: 1,
      textHash: 'hash',
      headline: 'عنوان',
      body: 'نص',
      claims: [],
      createdBy: editor,
    },
    publication: embargoUntil ? null : version(draft, new Date(), editor),
  });

const release = (draft: ReviewDraftRow, now: Date): TransitionWrite | null =>
  draft.reviewState !== 'scheduled'
    ? null
    : {
        reviewState: 'published',
        approvedSeq: draft.approvedSeq,
        approvedHash: draft.approvedHash,
        embargoUntil: draft.embargoUntil,
        reason: null,
        event: { actorId: null, action: 'release' },
        revision: null,
        publication: version(draft, now),
      };

beforeAll(async () => {
  ({ database, dispose } = await openMigratedTestDatabase());
  reviews = new ReviewsRepository(database.dataSource);
  publications = new PublicationsRepository(database.dataSource);
  [{ id: editor }] = await sql<{ id: string }>(
    `INSERT INTO users (email, display_name, role, password_hash) VALUES ($1, 'محررة', 'editor', 'x') RETURNING id`,
    [`${randomUUID()}@example.test`],
  );
  [{ id: desk }] = await sql<{ id: string }>(`INSERT INTO desks (name) VALUES ($1) RETURNING id`, [randomUUID()]);
});
afterAll(async () => dispose());

describe('PublicationsRepository and releases', () => {
  it('releases a due job once however many release it at the same time, and keeps no pending job', async () => {
    const draftId = await approvedDraft();
    await reviews.transition(draftId, publish(new Date(Date.now() + 200)));
    expect(await reviews.dueReleases(10)).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 250));
    const [job] = (await reviews.dueReleases(100)).filter((due) => due.draftId === draftId);
    expect(job).toMatchObject({ draftId, revision: 1 });
    const results = await Promise.all(Array.from({ length: 8 }, () => reviews.release(job!, release)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await publications.ofDraft(draftId)).toHaveLength(1);
    expect(await sql(`SELECT state FROM release_jobs WHERE draft_id = $1`, [draftId])).toEqual([{ state: 'released' }]);
    // A claim of a job already released finds nothing to do.
    expect(await reviews.release(job!, release)).toBeNull();
  });

  it('names who published a version, the same in every read; the scheduler has no name', async () => {
    const byEditor = await approvedDraft();
    const written = (await reviews.transition(byEditor, publish(null)))!.publication!;
    expect(written).toMatchObject({ publishedBy: editor, publishedByName: 'محررة' });
    expect(await publications.ofDraft(byEditor)).toEqual([written]);
    expect(await publications.version(byEditor, 1)).toEqual(written);
    expect(await publications.byId(written.id)).toEqual(written);
    const { items } = await publications.feed({
      deskIds: [desk],
      after: written.position - 1,
      before: null,
      limit: 50,
    });
    expect(items.find((item) => item.id === written.id)).toEqual(written);

    const byScheduler = await approvedDraft();
    await reviews.transition(byScheduler, publish(new Date(Date.now() + 100)));
    await new Promise((resolve) => setTimeout(resolve, 150));
    const [job] = (await reviews.dueReleases(100)).filter((due) => due.draftId === byScheduler);
    const released = (await reviews.release(job!, release))!.publication!;
    expect(released).toMatchObject({ publishedBy: null, publishedByName: null });
    expect(await publications.ofDraft(byScheduler)).toEqual([released]);
  });

  it('cancels the pending job of a scheduled draft that is reopened', async () => {
    const draftId = await approvedDraft();
    await reviews.transition(draftId, publish(new Date(Date.now() + 60_000)));
    await reviews.transition(draftId, () => ({
      reviewState: 'in_review',
      approvedSeq: null,
      approvedHash: null,
      embargoUntil: null,
      reason: null,
      event: { actorId: editor, action: 'reopen' },
      revision: null,
    }));
    expect(await sql(`SELECT state FROM release_jobs WHERE draft_id = $1`, [draftId])).toEqual([{ state: 'canceled' }]);
    expect(await publications.ofDraft(draftId)).toEqual([]);
  });

  it('numbers concurrent releases in the feed in commit order: one position each, none skipped', async () => {
    const drafts = await Promise.all(Array.from({ length: 10 }, () => approvedDraft()));
    const headBefore = (await publications.feed({ deskIds: [desk], after: null, before: null, limit: 1 })).head;
    await Promise.all(drafts.map((draftId) => reviews.transition(draftId, publish(null))));
    const { items, head } = await publications.feed({ deskIds: [desk], after: headBefore, before: null, limit: 50 });
    expect(head).toBe(headBefore + 10);
    expect(items.map((item) => item.position)).toEqual(Array.from({ length: 10 }, (_, i) => head - i));
    expect(new Set(items.map((item) => item.draftId))).toEqual(new Set(drafts));
    expect((await publications.feed({ deskIds: [randomUUID()], after: null, before: null, limit: 50 })).items).toEqual(
      [],
    );
  });

  it('writes the webhook deliveries in the release transaction, for the endpoints that want it', async () => {
    const [wanting, otherDesk, otherEvent, inactive, everyDesk] = await Promise.all(
      [
        [[desk], ['published'], true],
        [[randomUUID()], ['published'], true],
        [[desk], ['withdrawn'], true],
        [[desk], ['published'], false],
        [null, ['published', 'corrected'], true],
      ].map(async ([deskIds, events, active]) => {
        const [{ id }] = await sql<{ id: string }>(
          `INSERT INTO webhook_endpoints (url, secret, desk_ids, events, active)
           VALUES ('https://receiver.example/hook', 'whsec_x', $1::uuid[], $2::text[], $3) RETURNING id`,
          [deskIds, events, active],
        );
        return id;
      }),
    );
    const draftId = await approvedDraft();
    const result = await reviews.transition(draftId, publish(null));
    const deliveries = await sql<{ endpoint_id: string; event: string; state: string }>(
      `SELECT endpoint_id, event, state FROM webhook_deliveries WHERE publication_id = $1 ORDER BY endpoint_id`,
      [result!.publication!.id],
    );
    expect(deliveries).toEqual(
      [wanting, everyDesk].sort().map((endpoint_id) => ({ endpoint_id, event: 'published', state: 'pending' })),
    );
    expect([otherDesk, otherEvent, inactive].some((id) => deliveries.some((d) => d.endpoint_id === id))).toBe(false);
    await sql(`DELETE FROM webhook_endpoints`);
  });

  it('refuses to change or remove a publication, even for the application', async () => {
    const draftId = await approvedDraft();
    await reviews.transition(draftId, publish(null));
    await expect(sql(`UPDATE publications SET headline = 'x' WHERE draft_id = $1`, [draftId])).rejects.toThrow(
      /append-only: UPDATE/,
    );
    await expect(sql(`DELETE FROM publications WHERE draft_id = $1`, [draftId])).rejects.toThrow(/append-only: DELETE/);
  });
});
