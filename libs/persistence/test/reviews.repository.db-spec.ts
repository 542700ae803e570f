import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DomainError } from '#domain';
import {
  DraftDocumentsRepository,
  ReviewsRepository,
  type Database,
  type NewRevision,
  type ReviewDraftRow,
  type TransitionWrite,
} from '#persistence';
import { openMigratedTestDatabase, testDatabaseMode } from '../../../test/support/test-database.js';

let database: Database;
let dispose: () => Promise<void>;
let repo: ReviewsRepository;
let reporter: string;
let editor: string;
let desk: string;

const onPostgres = testDatabaseMode() === 'postgres' ? it : it.skip;

const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> =>
  database.dataSource.query(text, params);

async function newUser(role: string): Promise<string> {
  const [{ id }] = await sql<{ id: string }>(
    `INSERT INTO users (email, display_name, role, password_hash) VALUES ($1, $2, $3, 'x') RETURNING id`,
    [`${randomUUID()}@example.test`, role, role],
  );
  return id;
}

async function newDraft(reviewState = 'draft'): Promise<string> {
  const [{ id }] = await sql<{ id: string }>(
    `INSERT INTO drafts (desk_id, language, created_by, author_ids, review_state)
     VALUES ($1, 'ar', $2, ARRAY[$2]::uuid[], $3) RETURNING id`,
    [desk, reporter, reviewState],
  );
  return id;
}

const revisionRow = (draftId: string, overrides: Partial<NewRevision> = {}): NewRevision => ({
  draftId,
  kind: 'submitted',
  seq: 3,
  textHash: 'hash-3',
  headline: 'عنوان',
  body: 'نص',
  claims: [{ id: randomUUID(), status: 'verified' }],
  createdBy: reporter,
  ...overrides,
});

/** Approves a draft that is in review, pinning seq 7; refuses (null) from any other state. */
const approveFromReview = (draft: ReviewDraftRow): TransitionWrite | null =>
  draft.reviewState !== 'in_review'
    ? null
    : {
        reviewState: 'approved',
        approvedSeq: 7,
        approvedHash: 'hash-7',
        embargoUntil: null,
        reason: 'looks good',
        event: { actorId: editor, action: 'approve', revision: 7, details: { gate: 'passed' } },
        revision: {
          kind: 'approved',
          seq: 7,
          textHash: 'hash-7',
          headline: 'h',
          body: 'b',
          claims: [],
          createdBy: editor,
        },
      };

async function draftState(draftId: string) {
  const [row] = await sql<{ review_state: string; review_revision: number; approved_seq: string | null }>(
    'SELECT review_state, review_revision, approved_seq FROM drafts WHERE id = $1',
    [draftId],
  );
  return row!;
}

const count = async (table: 'review_events' | 'draft_revisions', draftId: string) =>
  Number((await sql<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE draft_id = $1`, [draftId]))[0]!.n);

/** Resolves once `n` sessions of this database wait on a lock (PostgreSQL); fails after 5 s. */
async function waitersOnLocks(n: number, failure: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const [row] = await sql<{ waiting: number }>(
      `SELECT count(*)::int AS waiting FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    if (row!.waiting >= n) return;
    if (Date.now() > deadline) throw new Error(failure);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

beforeAll(async () => {
  ({ database, dispose } = await openMigratedTestDatabase());
  repo = new ReviewsRepository(database.dataSource);
  reporter = await newUser('reporter');
  editor = await newUser('editor');
  [{ id: desk }] = await sql<{ id: string }>(`INSERT INTO desks (name) VALUES ($1) RETURNING id`, [randomUUID()]);
});

afterAll(async () => {
  await dispose();
});

describe('the review schema', () => {
  it('refuses to change, remove or truncate the log and the revisions, even for the application', async () => {
    const draftId = await newDraft();
    const event = await repo.appendEvent(null, { draftId, actorId: reporter, kind: 'transition', action: 'submit' });
    await repo.addRevision(null, revisionRow(draftId));
    for (const table of ['review_events', 'draft_revisions']) {
      await expect(sql(`UPDATE ${table} SET draft_id = draft_id WHERE draft_id = $1`, [draftId])).rejects.toThrow(
        /append-only: UPDATE/,
      );
      await expect(sql(`DELETE FROM ${table} WHERE draft_id = $1`, [draftId])).rejects.toThrow(/append-only: DELETE/);
      await expect(sql(`TRUNCATE ${table}`)).rejects.toThrow(/append-only: TRUNCATE/);
      await expect(sql(`TRUNCATE drafts CASCADE`)).rejects.toThrow(/append-only: TRUNCATE/);
      expect(await count(table as 'review_events', draftId)).toBe(1);
    }
    expect((await repo.events(draftId)).map((e) => e.id)).toEqual([event.id]);
  });

  it('keeps the history when its draft would go: the draft cannot be deleted', async () => {
    const draftId = await newDraft();
    await repo.appendEvent(null, { draftId, actorId: null, kind: 'transition', action: 'release' });
    await expect(sql('DELETE FROM drafts WHERE id = $1', [draftId])).rejects.toThrow();
    expect(await count('review_events', draftId)).toBe(1);
  });

  it('gives drafts no approval and no embargo until a transition sets them', async () => {
    const draftId = await newDraft();
    expect(await sql('SELECT approved_seq, approved_hash, embargo_until FROM drafts WHERE id = $1', [draftId])).toEqual(
      [{ approved_seq: null, approved_hash: null, embargo_until: null }],
    );
  });
});

describe('appendEvent and events', () => {
  it('stores every field and lists oldest first, filtered by actor, a page at a time', async () => {
    const draftId = await newDraft();
    const other = await newDraft();
    const claimId = randomUUID();
    const first = await repo.appendEvent(null, {
      draftId,
      actorId: reporter,
      kind: 'transition',
      action: 'submit',
      fromState: 'draft',
      toState: 'in_review',
      revision: 12,
      reason: 'ready\u0000now',
      details: { note: 'x\u0000' },
    });
    expect(first).toEqual({
      id: expect.any(String),
      draftId,
      at: expect.any(Date),
      actorId: reporter,
      actorName: 'reporter',
      kind: 'transition',
      action: 'submit',
      fromState: 'draft',
      toState: 'in_review',
      revision: 12,
      reason: 'ready\uFFFDnow',
      claimId: null,
      details: { note: 'x\uFFFD' },
    });
    const appended = [first];
    for (let i = 0; i < 5; i++) {
      appended.push(
        await repo.appendEvent(null, {
          draftId,
          actorId: i % 2 === 0 ? editor : null,
          kind: i % 2 === 0 ? 'verdict' : 'finding_dismissed',
          claimId,
        }),
      );
    }
    await repo.appendEvent(null, { draftId: other, actorId: editor, kind: 'verdict' });
    await expect(repo.appendEvent(null, { draftId, actorId: null, kind: 'nonsense' as 'verdict' })).rejects.toThrow();

    const all = await repo.events(draftId);
    expect(all.map((e) => e.id)).toEqual(appended.map((e) => e.id));
    // Read back as appended, with the actor's name joined in (none for the scheduler).
    expect(all).toEqual(appended);
    expect(all.map((e) => e.actorName)).toEqual(['reporter', 'editor', null, 'editor', null, 'editor']);
    for (let i = 1; i < all.length; i++) expect(all[i]!.at.getTime()).toBeGreaterThan(all[i - 1]!.at.getTime());
    expect((await repo.events(draftId, { actorId: editor })).map((e) => e.id)).toEqual(
      [appended[1], appended[3], appended[5]].map((e) => e!.id),
    );

    const pages: string[][] = [];
    let after: { at: Date; id: string } | undefined;
    for (;;) {
      const page = await repo.events(draftId, { limit: 4, after });
      if (page.length === 0) break;
      pages.push(page.map((e) => e.id));
      after = { at: page.at(-1)!.at, id: page.at(-1)!.id };
    }
    expect(pages.map((p) => p.length)).toEqual([4, 2]);
    expect(pages.flat()).toEqual(appended.map((e) => e.id));
    expect(await repo.events('not-a-uuid')).toEqual([]);
    expect(await repo.events(draftId, { actorId: 'nope' })).toEqual([]);
  });
});

describe('revisions', () => {
  it('numbers each draft’s revisions from 1 and lists them without their text', async () => {
    const a = await newDraft();
    const b = await newDraft();
    const first = await repo.addRevision(null, revisionRow(a, { body: 'a\u0000b' }));
    await repo.addRevision(null, revisionRow(b));
    const second = await repo.addRevision(null, revisionRow(a, { kind: 'approved', seq: 9, textHash: 'h9' }));
    expect([first.number, second.number]).toEqual([1, 2]);
    expect(await repo.revisions(a)).toEqual([
      {
        number: 1,
        kind: 'submitted',
        seq: 3,
        textHash: 'hash-3',
        createdAt: expect.any(Date),
        createdBy: reporter,
        createdByName: 'reporter',
      },
      {
        number: 2,
        kind: 'approved',
        seq: 9,
        textHash: 'h9',
        createdAt: expect.any(Date),
        createdBy: reporter,
        createdByName: 'reporter',
      },
    ]);
    expect(first).toEqual((await repo.revisions(a))[0]);
    const byNobody = await repo.addRevision(null, revisionRow(b, { createdBy: null }));
    expect(byNobody).toMatchObject({ number: 2, createdBy: null, createdByName: null });
    expect((await repo.revisions(b)).map((r) => r.number)).toEqual([1, 2]);
    const full = await repo.revision(a, 1);
    expect(full).toMatchObject({
      draftId: a,
      number: 1,
      createdByName: 'reporter',
      headline: 'عنوان',
      body: 'a\uFFFDb',
      claims: [{ status: 'verified' }],
    });
    expect(await repo.revision(a, 3)).toBeNull();
    expect(await repo.revision(a, 0)).toBeNull();
    await expect(repo.addRevision(null, revisionRow(randomUUID()))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('numbers concurrent copies apart', async () => {
    const draftId = await newDraft();
    const added = await Promise.all(Array.from({ length: 8 }, () => repo.addRevision(null, revisionRow(draftId))));
    expect(added.map((r) => r.number).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('adds within the caller’s transaction, and goes with its rollback', async () => {
    const draftId = await newDraft();
    await expect(
      database.dataSource.transaction(async (tx) => {
        await repo.addRevision(tx, revisionRow(draftId));
        await repo.appendEvent(tx, { draftId, actorId: reporter, kind: 'transition' });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await count('draft_revisions', draftId)).toBe(0);
    expect(await count('review_events', draftId)).toBe(0);
  });
});

describe('transition', () => {
  it('writes the draft, the event and the revision together', async () => {
    const draftId = await newDraft('in_review');
    let seen: ReviewDraftRow | undefined;
    const result = await repo.transition(draftId, (draft) => {
      seen = draft;
      return approveFromReview(draft);
    });
    expect(seen).toEqual({
      id: draftId,
      reviewState: 'in_review',
      reviewRevision: 0,
      headSeq: 0,
      approvedSeq: null,
      approvedHash: null,
      embargoUntil: null,
      deskId: desk,
      authorIds: [reporter],
      latestPublication: null,
    });
    expect(result!.draft).toMatchObject({
      reviewState: 'approved',
      reviewRevision: 1,
      approvedSeq: 7,
      approvedHash: 'hash-7',
      embargoUntil: null,
    });
    expect(result!.event).toMatchObject({
      kind: 'transition',
      action: 'approve',
      actorId: editor,
      actorName: 'editor',
      fromState: 'in_review',
      toState: 'approved',
      revision: 7,
      reason: 'looks good',
      details: { gate: 'passed' },
    });
    expect(result!.revision).toMatchObject({
      number: 1,
      kind: 'approved',
      seq: 7,
      textHash: 'hash-7',
      createdByName: 'editor',
    });
    expect(await draftState(draftId)).toEqual({ review_state: 'approved', review_revision: 1, approved_seq: '7' });
    expect(await repo.events(draftId)).toEqual([result!.event]);
    expect(await repo.revisions(draftId)).toEqual([result!.revision]);

    const embargo = new Date(Date.now() + 3_600_000);
    embargo.setMilliseconds(0);
    const scheduled = await repo.transition(draftId, (draft) => ({
      reviewState: 'scheduled',
      approvedSeq: draft.approvedSeq,
      approvedHash: draft.approvedHash,
      embargoUntil: embargo,
      reason: null,
      event: { actorId: editor, action: 'publish' },
      revision: {
        kind: 'published',
        seq: 7,
        textHash: 'hash-7',
        headline: 'h',
        body: 'b',
        claims: [],
        createdBy: editor,
      },
    }));
    expect(scheduled!.draft).toMatchObject({ reviewState: 'scheduled', reviewRevision: 2, embargoUntil: embargo });
    expect(scheduled!.revision).toMatchObject({ number: 2, kind: 'published' });
    expect(scheduled!.publication).toBeNull();
    expect(await count('draft_revisions', draftId)).toBe(2);
    expect(await count('review_events', draftId)).toBe(2);
    // The release waits in its job, naming the copy it will publish.
    expect(await sql(`SELECT run_at, revision, state FROM release_jobs WHERE draft_id = $1`, [draftId])).toEqual([
      { run_at: embargo, revision: 2, state: 'pending' },
    ]);
  });

  it('writes nothing when apply throws or refuses, or the draft does not exist', async () => {
    const draftId = await newDraft('in_review');
    const conflict = new DomainError('CONFLICT', 'no');
    await expect(
      repo.transition(draftId, () => {
        throw conflict;
      }),
    ).rejects.toBe(conflict);
    expect(await repo.transition(draftId, () => null)).toBeNull();
    expect(await draftState(draftId)).toEqual({ review_state: 'in_review', review_revision: 0, approved_seq: null });
    expect(await count('review_events', draftId)).toBe(0);
    expect(await count('draft_revisions', draftId)).toBe(0);
    let called = false;
    expect(
      await repo.transition(randomUUID(), (d) => {
        called = true;
        return approveFromReview(d);
      }),
    ).toBeNull();
    expect(called).toBe(false);
  });

  it('writes nothing when a write fails after apply', async () => {
    const draftId = await newDraft('in_review');
    await expect(
      repo.transition(draftId, (draft) => ({
        ...approveFromReview(draft)!,
        revision: { ...approveFromReview(draft)!.revision!, kind: 'bogus' as 'approved' },
      })),
    ).rejects.toThrow();
    expect(await draftState(draftId)).toEqual({ review_state: 'in_review', review_revision: 0, approved_seq: null });
    expect(await count('review_events', draftId)).toBe(0);
  });

  onPostgres('serialises concurrent transitions: exactly one of 20 approves', async () => {
    const draftId = await newDraft('in_review');
    const results = await Promise.all(Array.from({ length: 20 }, () => repo.transition(draftId, approveFromReview)));
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    expect(await draftState(draftId)).toEqual({ review_state: 'approved', review_revision: 1, approved_seq: '7' });
    expect(await count('review_events', draftId)).toBe(1);
    expect(await count('draft_revisions', draftId)).toBe(1);
  });

  onPostgres('holds appendUpdates until it commits, which then sees the draft locked', async () => {
    const documents = new DraftDocumentsRepository(database.dataSource);
    const draftId = await newDraft('in_review');
    // Another session holds the log so the transition waits, its draft row locked, before it commits.
    const blocker = database.dataSource.createQueryRunner();
    await blocker.connect();
    let transitioned = false;
    let appended = false;
    try {
      await blocker.startTransaction();
      await blocker.query('LOCK TABLE review_events IN SHARE MODE');
      const transition = repo.transition(draftId, approveFromReview).then((r) => ((transitioned = true), r));
      await waitersOnLocks(1, 'the transition never waited');
      const append = documents
        .appendUpdates([{ draftId, data: new Uint8Array([1, 2, 3]), userId: reporter }])
        .then((r) => ((appended = true), r));
      await waitersOnLocks(2, 'appendUpdates never waited for the transition');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect([transitioned, appended]).toEqual([false, false]);
      await blocker.commitTransaction();
      expect((await transition)!.draft.reviewState).toBe('approved');
      expect(await append).toEqual([{ ok: false, reason: 'LOCKED' }]);
    } finally {
      if (blocker.isTransactionActive) await blocker.rollbackTransaction();
      await blocker.release();
    }
    expect(await documents.countUpdates(draftId)).toBe(0);
  });
});
