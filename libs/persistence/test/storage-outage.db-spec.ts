import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { QueryFailedError } from 'typeorm';
import { DomainError } from '#domain';
import {
  DatabaseHealth,
  DraftDocumentsRepository,
  DraftsRepository,
  UsersRepository,
  type Database,
} from '#persistence';
import { isStorageUnavailable } from '../src/database/storage-errors.js';
import { describeWithServices } from '../../../test/support/services.js';
import { CuttableDatabase } from './cuttable-database.js';
import { openMigratedTestDatabase } from '../../../test/support/test-database.js';

const MISSING_DESK = '00000000-0000-4000-8000-000000000000';

/** What `work` rejected with; fails the test when it resolves. */
async function rejection(work: Promise<unknown>): Promise<unknown> {
  return work.then(
    (value) => {
      throw new Error(`expected a failure, got ${JSON.stringify(value)}`);
    },
    (error: unknown) => error,
  );
}

/** DomainError UNAVAILABLE, with the driver's outage kept as its cause. */
function expectUnavailable(error: unknown): void {
  expect(error).toBeInstanceOf(DomainError);
  expect(error).toMatchObject({ code: 'UNAVAILABLE', message: 'Storage is unavailable; retry shortly' });
  const cause = (error as Error).cause;
  expect(cause).toBeDefined();
  expect(cause).not.toBeInstanceOf(DomainError);
  expect(isStorageUnavailable(cause)).toBe(true);
}

async function seed(database: Database): Promise<{ userId: string; deskId: string }> {
  const [{ id: userId }]: { id: string }[] = await database.dataSource.query(
    `INSERT INTO users (email, display_name, role, password_hash) VALUES ('w@example.test', 'كاتب', 'reporter', 'x') RETURNING id`,
  );
  const [{ id: deskId }]: { id: string }[] = await database.dataSource.query(
    `INSERT INTO desks (name) VALUES ('Desk') RETURNING id`,
  );
  return { userId: userId!, deskId: deskId! };
}

describe('failures that are not outages leave persistence unchanged', () => {
  let database: Database;
  let dispose: () => Promise<void>;
  let userId: string;
  let deskId: string;

  beforeAll(async () => {
    ({ database, dispose } = await openMigratedTestDatabase());
    ({ userId, deskId } = await seed(database));
  });
  afterAll(async () => {
    await dispose();
  });

  it('passes a unique violation from appendUpdates through as the driver reported it', async () => {
    const drafts = new DraftsRepository(database.dataSource);
    const documents = new DraftDocumentsRepository(database.dataSource);
    const draft = await drafts.insert({
      deskId,
      language: 'ar',
      headline: '',
      body: '',
      searchText: '',
      createdBy: userId,
      initialUpdate: null,
    });
    // A row the head does not count: the next append numbers its update 1 again.
    await database.dataSource.query('INSERT INTO draft_updates (draft_id, seq, data) VALUES ($1, 1, $2)', [
      draft.id,
      Buffer.from([1]),
    ]);

    const error = await rejection(documents.appendUpdates([{ draftId: draft.id, data: new Uint8Array([2]), userId }]));

    expect(error).toBeInstanceOf(QueryFailedError);
    expect(error).toMatchObject({ code: '23505' });
    expect(await documents.countUpdates(draft.id)).toBe(1);
  });

  it('passes a foreign-key violation from a transaction through unchanged', async () => {
    const drafts = new DraftsRepository(database.dataSource);
    const error = await rejection(
      drafts.insert({
        deskId: MISSING_DESK,
        language: 'en',
        headline: 'h',
        body: 'b',
        searchText: 'h b',
        createdBy: userId,
        initialUpdate: new Uint8Array([1]),
      }),
    );
    expect(error).toBeInstanceOf(QueryFailedError);
    expect(error).toMatchObject({ code: '23503' });
  });
});

describeWithServices(['postgres'], 'a storage outage leaves persistence as DomainError UNAVAILABLE', () => {
  let db: CuttableDatabase;
  const blankDraft = () => ({
    deskId: db.deskId,
    language: 'ar' as const,
    headline: '',
    body: '',
    searchText: '',
    createdBy: db.userId,
    initialUpdate: null,
  });
  const openProxied = () => db.openProxied({ connectMs: 1_000, queryMs: 2_000, lockMs: 300 });

  beforeAll(async () => {
    db = await CuttableDatabase.open();
  });
  afterEach(async () => {
    await db.reset();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('when the connection is cut, from reads, transactions, appends and the health ping alike; serves again once it is back', async () => {
    const database = await openProxied();
    const users = new UsersRepository(database.dataSource);
    const drafts = new DraftsRepository(database.dataSource);
    const documents = new DraftDocumentsRepository(database.dataSource);
    const health = new DatabaseHealth(database.dataSource);
    const draft = await drafts.insert(blankDraft());

    await db.proxy.cut();
    expectUnavailable(await rejection(users.findById(db.userId)));
    expectUnavailable(await rejection(health.ping()));
    expectUnavailable(await rejection(documents.loadDocument(draft.id)));
    expectUnavailable(
      await rejection(documents.appendUpdates([{ draftId: draft.id, data: new Uint8Array([1]), userId: db.userId }])),
    );
    expectUnavailable(
      await rejection(
        drafts.insert({
          deskId: db.deskId,
          language: 'en',
          headline: '',
          body: '',
          searchText: '',
          createdBy: db.userId,
          initialUpdate: null,
        }),
      ),
    );

    await db.proxy.restore();
    await health.ping();
    expect(await users.findById(db.userId)).toMatchObject({ id: db.userId });
    expect(await documents.countUpdates(draft.id)).toBe(0);
  }, 20_000);

  it('when the server gives up waiting for a lock (lock_timeout)', async () => {
    const database = await openProxied();
    const drafts = new DraftsRepository(database.dataSource);
    const draft = await drafts.insert(blankDraft());
    const holder = db.direct.dataSource.createQueryRunner();
    await holder.startTransaction();
    try {
      await holder.query('SELECT 1 FROM drafts WHERE id = $1 FOR UPDATE', [draft.id]);
      const error = await rejection(drafts.updateMetadata(draft.id, { language: 'en' }));
      expectUnavailable(error);
      expect((error as Error).cause).toMatchObject({ code: '55P03' });
    } finally {
      await holder.rollbackTransaction();
      await holder.release();
    }
  });
});
