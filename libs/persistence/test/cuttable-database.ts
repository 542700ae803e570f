import { DEFAULT_DATABASE_TIMEOUTS, type DatabaseTimeouts } from '#config';
import { openDatabase, runMigrations, type Database } from '#persistence';
import { TcpProxy } from '../../../test/support/tcp-proxy.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';

/**
 * A fresh migrated PostgreSQL database with one writer on one desk, reached directly (to set up
 * and to look) and through a proxy the test can cut (the connection under test).
 */
export class CuttableDatabase {
  private proxied: Database | null = null;

  private constructor(
    private readonly testDb: TestDatabase,
    /** Cut, deafen or freeze it to make the proxied connection misbehave. */
    readonly proxy: TcpProxy,
    readonly direct: Database,
    readonly userId: string,
    readonly deskId: string,
  ) {}

  static async open(): Promise<CuttableDatabase> {
    const testDb = await createTestDatabase();
    if (testDb.config.kind !== 'postgres') throw new Error('needs PostgreSQL');
    const direct = await openDatabase(testDb.config);
    await runMigrations(direct);
    const [{ id: userId }]: { id: string }[] = await direct.dataSource.query(
      `INSERT INTO users (email, display_name, role, password_hash) VALUES ('w@example.test', 'كاتب', 'reporter', 'x') RETURNING id`,
    );
    const [{ id: deskId }]: { id: string }[] = await direct.dataSource.query(
      `INSERT INTO desks (name) VALUES ('Desk') RETURNING id`,
    );
    const url = new URL(testDb.config.url);
    const proxy = new TcpProxy(url.hostname, Number(url.port || 5432));
    await proxy.start();
    return new CuttableDatabase(testDb, proxy, direct, userId!, deskId!);
  }

  /** A database through the proxy: one connection, open and warm before the network misbehaves. */
  async openProxied(timeouts: Partial<DatabaseTimeouts>): Promise<Database> {
    if (this.testDb.config.kind !== 'postgres') throw new Error('needs PostgreSQL');
    const url = new URL(this.testDb.config.url);
    url.hostname = '127.0.0.1';
    url.port = String(this.proxy.port);
    this.proxied = await openDatabase({
      kind: 'postgres',
      url: url.toString(),
      poolSize: 1,
      timeouts: { ...DEFAULT_DATABASE_TIMEOUTS, ...timeouts },
    });
    await this.proxied.dataSource.query('SELECT 1');
    return this.proxied;
  }

  /** After each test: the proxied database closed, the proxy passing traffic again. */
  async reset(): Promise<void> {
    await this.proxy.cut();
    await this.proxied?.close().catch(() => undefined);
    this.proxied = null;
    await this.proxy.restore();
  }

  async close(): Promise<void> {
    await this.proxy.cut();
    await this.direct.close();
    await this.testDb.dispose();
  }
}
