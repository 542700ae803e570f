import { afterAll, afterEach, beforeAll, expect, it } from '@jest/globals';
import { DEFAULT_DATABASE_TIMEOUTS, type DatabaseConfig, type DatabaseTimeouts } from '#config';
import { openDatabase, type Database } from '#persistence';
import { isStorageUnavailable, provesRollback } from '../src/database/storage-errors.js';
import { describeWithServices } from '../../../test/support/services.js';
import { TcpProxy } from '../../../test/support/tcp-proxy.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';

/** Resolves to what the promise settled with and how long it took. */
async function settle(promise: Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const started = Date.now();
  try {
    await promise;
    return { error: null, ms: Date.now() - started };
  } catch (error) {
    return { error, ms: Date.now() - started };
  }
}

describeWithServices(['postgres'], 'PostgreSQL timeouts and keepalive', () => {
  let testDb: TestDatabase;
  let proxy: TcpProxy;
  let opened: Database[] = [];

  /** Opens the test database through the proxy, with the given timeouts over the defaults. */
  const openProxied = async (timeouts: Partial<DatabaseTimeouts>, poolSize = 1): Promise<Database> => {
    if (testDb.config.kind !== 'postgres') throw new Error('needs PostgreSQL');
    const url = new URL(testDb.config.url);
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    const config: DatabaseConfig = {
      kind: 'postgres',
      url: url.toString(),
      poolSize,
      timeouts: { ...DEFAULT_DATABASE_TIMEOUTS, ...timeouts },
    };
    const database = await openDatabase(config);
    opened.push(database);
    return database;
  };

  beforeAll(async () => {
    testDb = await createTestDatabase();
    if (testDb.config.kind !== 'postgres') throw new Error('needs PostgreSQL');
    const url = new URL(testDb.config.url);
    proxy = new TcpProxy(url.hostname, Number(url.port || 5432));
    await proxy.start();
  });
  afterEach(async () => {
    await proxy.cut();
    await Promise.all(opened.map((database) => database.close().catch(() => undefined)));
    opened = [];
    await proxy.restore();
  });
  afterAll(async () => {
    await proxy.cut();
    await testDb.dispose();
  });

  it('sets the server-side timeouts on every session', async () => {
    const database = await openProxied({ statementMs: 1234, lockMs: 567, idleInTransactionMs: 8900, queryMs: 5000 });
    const show = async (name: string) => {
      const [row] = await database.dataSource.query(`SHOW ${name}`);
      return row[name];
    };
    expect(await show('statement_timeout')).toBe('1234ms');
    expect(await show('lock_timeout')).toBe('567ms');
    expect(await show('idle_in_transaction_session_timeout')).toBe('8900ms');
  });

  it('leaves a timeout set to 0 to the server', async () => {
    const database = await openProxied({ statementMs: 0, lockMs: 0 });
    const [row] = await database.dataSource.query('SHOW statement_timeout');
    expect(row.statement_timeout).toBe('0');
  });

  it('fails a query on a silently stalled connection within the query timeout, then serves on a fresh one', async () => {
    const database = await openProxied({ queryMs: 800 });
    await database.dataSource.query('SELECT 1');
    proxy.freeze();
    const stalled = await settle(database.dataSource.query('SELECT 1'));
    expect(stalled.error).toBeTruthy();
    expect(isStorageUnavailable(stalled.error)).toBe(true);
    expect(stalled.ms).toBeGreaterThanOrEqual(700);
    expect(stalled.ms).toBeLessThan(3_000);
    // The only pooled connection was the stalled one: it must have been dropped, not reused.
    const next = await settle(database.dataSource.query('SELECT 1 AS one'));
    expect(next.error).toBeNull();
    expect(next.ms).toBeLessThan(700);
  });

  it('gives up connecting to a server that never answers within the connect timeout', async () => {
    const database = await openProxied({ connectMs: 500 });
    // Lose the pooled connection (the pool notices and forgets it), so the next query connects anew.
    await proxy.cut();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await proxy.restore();
    proxy.stall();
    const { error, ms } = await settle(database.dataSource.query('SELECT 1'));
    expect(isStorageUnavailable(error)).toBe(true);
    expect(ms).toBeGreaterThanOrEqual(450);
    expect(ms).toBeLessThan(3_000);
  });

  it('reports a statement timeout as unavailable, and as a clean rollback', async () => {
    const database = await openProxied({ statementMs: 200, queryMs: 5_000 });
    const { error } = await settle(database.dataSource.query('SELECT pg_sleep(3)'));
    expect(error).toMatchObject({ code: '57014' });
    expect(isStorageUnavailable(error)).toBe(true);
    expect(provesRollback(error)).toBe(true);
  });

  it('reports a lock timeout as unavailable', async () => {
    const database = await openProxied({ lockMs: 200 }, 2);
    await database.dataSource.query('CREATE TABLE IF NOT EXISTS lock_probe (id int)');
    const holder = database.dataSource.createQueryRunner();
    await holder.startTransaction();
    try {
      await holder.query('LOCK TABLE lock_probe IN ACCESS EXCLUSIVE MODE');
      const { error } = await settle(database.dataSource.query('SELECT * FROM lock_probe'));
      expect(error).toMatchObject({ code: '55P03' });
      expect(isStorageUnavailable(error)).toBe(true);
    } finally {
      await holder.rollbackTransaction();
      await holder.release();
    }
  });

  it('closes a session left idle inside a transaction, and reports it as unavailable', async () => {
    const database = await openProxied({ idleInTransactionMs: 300 }, 2);
    const runner = database.dataSource.createQueryRunner();
    await runner.startTransaction();
    await new Promise((resolve) => setTimeout(resolve, 800));
    const { error } = await settle(runner.query('SELECT 1'));
    await runner.release();
    expect(isStorageUnavailable(error)).toBe(true);
    // The pool replaces the closed session.
    expect(await database.dataSource.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });
});
