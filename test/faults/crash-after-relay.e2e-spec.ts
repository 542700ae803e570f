import { afterAll, beforeAll, expect, it } from '@jest/globals';
import pg from 'pg';
import type { CopydeskClient, DraftSession } from '#client';
import { killHard, startChildServer, stopGracefully, type ChildServer } from '../support/child-server.js';
import { FailoverProxy } from '../support/failover-proxy.js';
import { eventually } from '../support/raw-collab-client.js';
import { describeWithServices } from '../support/services.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import {
  EDITOR,
  FAULT_ENV,
  openSession,
  prepareDemoDatabase,
  readByFreshJoin,
  REPORTER,
  signIn,
  within,
} from './fault-harness.js';

const CHECKER = 'checker@copydesk.local';

/**
 * A single instance (no Redis: updates go to the room before their commit) dies while the commit
 * of an update its room already has is held back by the database (the test holds the draft's row
 * lock). The update was never acked, and the store never got it; the sessions that hold it bring
 * it back when they re-join the instance that takes over, and every session ends on the stored
 * text (docs/architecture.md, "Relaying before the commit").
 */
describeWithServices(
  ['postgres'],
  'fault: an instance dies after sending an update to the room, before its commit',
  () => {
    let testDb: TestDatabase;
    let first: ChildServer;
    let second: ChildServer;
    let proxy: FailoverProxy;
    const clients: CopydeskClient[] = [];

    beforeAll(async () => {
      testDb = await createTestDatabase();
      if (testDb.config.kind !== 'postgres') throw new Error('needs PostgreSQL');
      // One instance at a time, without Redis (the run's REDIS_URL would turn early relay off).
      const env = { ...FAULT_ENV, DATABASE_URL: testDb.config.url, REDIS_URL: '' };
      await prepareDemoDatabase(env);
      [first, second] = await Promise.all([startChildServer(env), startChildServer(env)]);
      proxy = new FailoverProxy(
        [first, second].map((server) => ({ host: '127.0.0.1', port: Number(new URL(server.url).port) })),
      );
      await proxy.start();
    }, 30_000);
    afterAll(async () => {
      await Promise.allSettled(clients.map((client) => client.close()));
      await proxy?.close();
      const alive = [first, second].filter((server) => server && server.process.signalCode === null);
      await Promise.allSettled(alive.map((server) => stopGracefully(server)));
      await testDb?.dispose();
    });

    const databaseUrl = () => (testDb.config.kind === 'postgres' ? testDb.config.url : '');

    /** Holds every commit of the draft back: the append waits for the draft's row lock. */
    async function holdCommits(draftId: string): Promise<() => Promise<void>> {
      const blocker = new pg.Client({ connectionString: databaseUrl() });
      await blocker.connect();
      await blocker.query('BEGIN');
      await blocker.query('SELECT 1 FROM drafts WHERE id = $1 FOR UPDATE', [draftId]);
      return async () => {
        await blocker.query('ROLLBACK');
        await blocker.end();
      };
    }

    const type = (session: DraftSession, text: string) => session.body.insert(session.body.length, text);

    it('stores the relayed update from the copies of the sessions that got it, even with its writer gone', async () => {
      const sign = async (email: string) => {
        const client = await signIn(proxy.url, email);
        clients.push(client);
        return client;
      };
      const [reporter, editor, checker] = await Promise.all([sign(REPORTER), sign(EDITOR), sign(CHECKER)]);
      const draft = await reporter!.createDraft({ language: 'ar', body: 'مسودة' });
      const [writing, editing, viewing] = [reporter!, editor!, checker!].map((client) => openSession(client, draft.id));
      await Promise.all([writing, editing, viewing].map((session) => session!.whenSynced()));
      expect(viewing!.access).toBe('comment');
      // One stored edit first: the draft is known to take updates, so the next goes to the room early.
      type(writing!, ' أولى');
      await within(writing!.flushed(), 5_000, 'the first edit');

      const release = await holdCommits(draft.id);
      type(writing!, ' معلّقة');
      await eventually(() => {
        for (const session of [editing!, viewing!]) expect(session.body.toString()).toBe('مسودة أولى معلّقة');
      });
      // Not acked: its commit is still waiting for the row lock.
      expect(writing!.pendingUpdates).toBe(1);
      // Its writer goes away for good, then the instance dies; the database lets the commit go too late.
      await reporter!.close();
      await killHard(first);
      await release();

      // The editor's SDK reconnects through the same address to the second instance, re-joins, and
      // sends what that instance lacks: the relayed update, which it holds like everything else.
      await eventually(async () => {
        expect(await readByFreshJoin(second.url, editor!.token!, draft.id)).toBe('مسودة أولى معلّقة');
      }, 15_000);
      await eventually(() => {
        for (const session of [editing!, viewing!]) {
          expect(session.isJoined).toBe(true);
          expect(session.body.toString()).toBe('مسودة أولى معلّقة');
        }
      }, 15_000);
      // Stored once: the second instance's log has it a single time.
      const reader = new pg.Client({ connectionString: databaseUrl() });
      await reader.connect();
      try {
        const { rows } = await reader.query<{ head_seq: string }>('SELECT head_seq FROM drafts WHERE id = $1', [
          draft.id,
        ]);
        expect(Number(rows[0]!.head_seq)).toBe(3);
      } finally {
        await reader.end();
      }
    });
  },
);
