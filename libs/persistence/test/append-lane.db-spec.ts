import { afterAll, afterEach, beforeAll, expect, it } from '@jest/globals';
import pg from 'pg';
import type { QueryRunner } from 'typeorm';
import { DraftDocumentsRepository, openDatabase, runMigrations, type Database } from '#persistence';
import { describeWithServices } from '../../../test/support/services.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';

/** Resolves with `work`, or rejects when it takes longer than `ms`. */
function within<T>(ms: number, work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// A pool of two: the committer's lane and one connection for everything else.
describeWithServices(['postgres'], 'appendUpdates keeps its own connection while commits follow each other', () => {
  let testDb: TestDatabase;
  let database: Database;
  let documents: DraftDocumentsRepository;
  let draftId: string;
  let userId: string;
  const held: QueryRunner[] = [];

  const append = (byte: number) => documents.appendUpdates([{ draftId, data: new Uint8Array([byte]), userId }]);

  /** A connection of the pool taken by an open transaction, as a long reconciliation holds one. */
  const holdOne = async (): Promise<QueryRunner> => {
    const runner = database.dataSource.createQueryRunner();
    held.push(runner);
    await runner.connect();
    await runner.startTransaction();
    await runner.query('SELECT 1');
    return runner;
  };

  beforeAll(async () => {
    testDb = await createTestDatabase();
    if (testDb.config.kind !== 'postgres') throw new Error('a PostgreSQL test database was expected');
    database = await openDatabase({ ...testDb.config, poolSize: 2 });
    await runMigrations(database);
    [{ id: userId }] = await database.dataSource.query(
      `INSERT INTO users (email, display_name, role, password_hash) VALUES ('lane@example.test', 'L', 'reporter', 'x') RETURNING id`,
    );
    const [{ id: deskId }] = await database.dataSource.query(`INSERT INTO desks (name) VALUES ('Desk') RETURNING id`);
    [{ id: draftId }] = await database.dataSource.query(
      `INSERT INTO drafts (desk_id, language, created_by, author_ids) VALUES ($1, 'en', $2, ARRAY[$2]::uuid[]) RETURNING id`,
      [deskId, userId],
    );
  });
  afterEach(async () => {
    for (const runner of held.splice(0)) {
      if (!runner.isReleased) {
        await runner.rollbackTransaction().catch(() => undefined);
        await runner.release();
      }
    }
    await sleep(300); // the lane gives its connection back: the next test starts from an idle pool
  });
  afterAll(async () => {
    await within(5_000, database.close(), 'closing the pool');
    await testDb.dispose();
  });

  beforeAll(() => {
    documents = new DraftDocumentsRepository(database.dataSource);
  });

  it('commits while background work holds the rest of the pool and more waits for it', async () => {
    const [first] = await append(1);
    expect(first).toMatchObject({ ok: true });
    const background = await holdOne();
    // More background work: it waits for a connection (the lane holds the other one). Without the
    // lane it would take that one, and the append below would wait for either to finish.
    const queued = holdOne();
    const [second] = await within(1_000, append(2), 'an append behind a full pool');
    const [third] = await within(1_000, append(3), 'the next append');
    expect([second, third]).toEqual([
      { ok: true, seq: (first as { seq: number }).seq + 1 },
      { ok: true, seq: (first as { seq: number }).seq + 2 },
    ]);
    await background.commitTransaction();
    await background.release();
    await within(2_000, queued, 'the queued work');
  });

  it('gives the connection back once appends stop', async () => {
    await append(4);
    await sleep(400);
    // Both connections can be taken: the lane holds none.
    await within(2_000, Promise.all([holdOne(), holdOne()]), 'taking the whole pool');
  });

  it('takes a fresh connection after its own was cut', async () => {
    await append(5);
    const admin = new pg.Client({ connectionString: (testDb.config as { url: string }).url });
    await admin.connect();
    try {
      // The lane's connection: the pool's other one last ran the previous test's rollback.
      const rows: { pid: number }[] = (
        await admin.query(
          `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
              AND query LIKE 'WITH input AS%'`,
        )
      ).rows;
      expect(rows).toHaveLength(1);
      await admin.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
    } finally {
      await admin.end();
    }
    await sleep(200);
    const [outcome] = await within(5_000, append(6), 'an append after the cut');
    expect(outcome).toMatchObject({ ok: true });
    const [{ count }] = await database.dataSource.query(
      'SELECT count(*)::int AS count FROM draft_updates WHERE draft_id = $1',
      [draftId],
    );
    expect(count).toBe(6);
  });

  it('keeps a connection for each append under way at once (commits overlapping)', async () => {
    const [{ id: otherDraftId }] = await database.dataSource.query(
      `INSERT INTO drafts (desk_id, language, created_by, author_ids)
       SELECT desk_id, 'en', $2, ARRAY[$2]::uuid[] FROM drafts WHERE id = $1 RETURNING id`,
      [draftId, userId],
    );
    const appendOther = () => documents.appendUpdates([{ draftId: otherDraftId, data: new Uint8Array([1]), userId }]);
    await Promise.all([append(7), appendOther()]);
    // Both of the pool's connections are the lane's now: background work waits for one.
    const background = holdOne();
    await sleep(50);
    // From outside the pool, hold the first draft's row: an append to it waits for that lock.
    const admin = new pg.Client({ connectionString: (testDb.config as { url: string }).url });
    await admin.connect();
    try {
      await admin.query('BEGIN');
      await admin.query('SELECT 1 FROM drafts WHERE id = $1 FOR UPDATE', [draftId]);
      const blocked = append(8);
      // The other draft's append has a kept connection of its own. Were only one kept, it would
      // wait for the pool, behind the background work, or for the blocked append's connection.
      const [other] = await within(1_000, appendOther(), 'an append beside a blocked one');
      expect(other).toMatchObject({ ok: true });
      await admin.query('COMMIT');
      expect((await within(1_000, blocked, 'the blocked append, once the row is free'))[0]).toMatchObject({ ok: true });
    } finally {
      await admin.end();
    }
    await within(2_000, background, 'the background work, once the appends stop');
  });
});
