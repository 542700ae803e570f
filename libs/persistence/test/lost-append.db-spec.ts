import { afterAll, afterEach, beforeAll, expect, it } from '@jest/globals';
import type { DatabaseTimeouts } from '#config';
import { DomainError } from '#domain';
import { CommitOutcomeUnknownError, DraftDocumentsRepository, type UpdateToStore } from '#persistence';
import { isStorageUnavailable } from '../src/database/storage-errors.js';
import { describeWithServices } from '../../../test/support/services.js';
import { CuttableDatabase } from './cuttable-database.js';

const MISSING_DRAFT = '00000000-0000-4000-8000-000000000000';

/** What the repository threw on an outage: DomainError UNAVAILABLE; resolves to the driver's error under it. */
function outageCause(error: unknown): unknown {
  expect(error).toBeInstanceOf(DomainError);
  expect(error).toMatchObject({ code: 'UNAVAILABLE' });
  return (error as Error).cause;
}

/** Polls until `check` holds, or fails at the deadline. */
async function until(check: () => Promise<boolean>, deadlineMs = 5_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describeWithServices(['postgres'], 'appendUpdates when the connection fails mid-commit', () => {
  let db: CuttableDatabase;

  const openProxied = async (timeouts: Partial<DatabaseTimeouts> = {}): Promise<DraftDocumentsRepository> =>
    new DraftDocumentsRepository((await db.openProxied({ statementMs: 500, queryMs: 1_000, ...timeouts })).dataSource);

  const newDraft = async (reviewState = 'draft'): Promise<string> => {
    const [{ id }] = await db.direct.dataSource.query(
      `INSERT INTO drafts (desk_id, language, created_by, author_ids, review_state)
       VALUES ($1, 'ar', $2, ARRAY[$2]::uuid[], $3) RETURNING id`,
      [db.deskId, db.userId, reviewState],
    );
    return id;
  };

  const storedSeqs = async (draftId: string): Promise<number[]> =>
    (await db.direct.dataSource.query('SELECT seq FROM draft_updates WHERE draft_id = $1 ORDER BY seq', [draftId])).map(
      (row: { seq: string }) => Number(row.seq),
    );

  const update = (draftId: string, byte: number): UpdateToStore => ({
    draftId,
    data: new Uint8Array([byte, byte, byte]),
    userId: db.userId,
  });

  beforeAll(async () => {
    db = await CuttableDatabase.open();
  });
  afterEach(async () => {
    await db.reset();
  });
  afterAll(async () => {
    await db.close();
  });

  it('reports the stored seqs, LOCKED and NOT_FOUND when the commit succeeded but its reply was lost', async () => {
    const store = await openProxied();
    const [open, other, locked] = [await newDraft(), await newDraft(), await newDraft('approved')];
    await db.direct.dataSource.query('INSERT INTO draft_updates (draft_id, seq, data) VALUES ($1, 1, $2)', [
      open,
      Buffer.from([9]),
    ]);
    await db.direct.dataSource.query('UPDATE drafts SET head_seq = 1 WHERE id = $1', [open]);

    db.proxy.deafen();
    const outcomes = await store.appendUpdates([
      update(open, 1),
      update(locked, 2),
      update(other, 3),
      update(MISSING_DRAFT, 4),
      update(open, 5),
    ]);

    expect(outcomes).toEqual([
      { ok: true, seq: 2 },
      { ok: false, reason: 'LOCKED' },
      { ok: true, seq: 1 },
      { ok: false, reason: 'NOT_FOUND' },
      { ok: true, seq: 3 },
    ]);
    expect(await storedSeqs(open)).toEqual([1, 2, 3]);
    expect(await storedSeqs(other)).toEqual([1]);
    expect(await storedSeqs(locked)).toEqual([]);
  });

  it('keeps looking while the database is unreachable, and finds the batch once it is back', async () => {
    const store = await openProxied({ queryMs: 30_000, statementMs: 0 });
    const draftId = await newDraft();

    db.proxy.deafen();
    const appending = store.appendUpdates([update(draftId, 1), update(draftId, 2)]);
    await until(async () => (await storedSeqs(draftId)).length === 2);
    await db.proxy.cut();
    await new Promise((resolve) => setTimeout(resolve, 400));
    await db.proxy.restore();

    expect(await appending).toEqual([
      { ok: true, seq: 1 },
      { ok: true, seq: 2 },
    ]);
  });

  it('throws as before when the statement never reached the server', async () => {
    const store = await openProxied();
    const draftId = await newDraft();

    db.proxy.freeze();
    const error = await store.appendUpdates([update(draftId, 1)]).then(
      () => null,
      (failure: unknown) => failure,
    );

    const cause = outageCause(error);
    expect(isStorageUnavailable(cause)).toBe(true);
    expect(cause).not.toBeInstanceOf(CommitOutcomeUnknownError);
    expect(await storedSeqs(draftId)).toEqual([]);
  });

  it('says the outcome is unknown, still as unavailable, when the database stays out of reach', async () => {
    const store = await openProxied({ queryMs: 30_000, statementMs: 0, connectMs: 300 });
    const draftId = await newDraft();

    db.proxy.deafen();
    const appending = store.appendUpdates([update(draftId, 1)]).then(
      () => null,
      (failure: unknown) => failure,
    );
    await until(async () => (await storedSeqs(draftId)).length === 1);
    await db.proxy.cut();
    const error = await appending;

    expect(outageCause(error)).toBeInstanceOf(CommitOutcomeUnknownError);
  }, 20_000);

  it('throws a clean SQL failure at once, without looking anything up', async () => {
    const store = await openProxied({ lockMs: 200 });
    const draftId = await newDraft();
    const holder = db.direct.dataSource.createQueryRunner();
    await holder.startTransaction();
    try {
      await holder.query('SELECT 1 FROM drafts WHERE id = $1 FOR UPDATE', [draftId]);
      const error = await store.appendUpdates([update(draftId, 1)]).then(
        () => null,
        (failure: unknown) => failure,
      );
      expect(outageCause(error)).toMatchObject({ code: '55P03' });
    } finally {
      await holder.rollbackTransaction();
      await holder.release();
    }
    expect(await storedSeqs(draftId)).toEqual([]);
  });
});
