import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { CopydeskClient, DraftSession } from '#client';
import { describeWithBinaries } from '../support/binaries.js';
import { startChildServer, stopGracefully, type ChildServer } from '../support/child-server.js';
import { PrivatePostgres } from '../support/private-postgres.js';
import { eventually } from '../support/raw-collab-client.js';
import { TypingLoad } from '../support/typing-load.js';
import {
  EDITOR,
  expectAckedUpdatesKept,
  FAULT_ENV,
  openSession,
  prepareDemoDatabase,
  printFigures,
  REPORTER,
  signIn,
  watchWarnings,
  within,
} from './fault-harness.js';

/** How long the database stays down once every client has seen an update refused. */
const OUTAGE_MS = 1_000;

/**
 * The database crashes under a steady editing load and comes back: the server answers
 * UNAVAILABLE meanwhile, the SDK keeps the edits and sends them again, and nothing that was
 * acked is missing afterwards. The cluster is the suite's own, so the shared PostgreSQL that
 * other suites use is never touched.
 *
 * It goes down with `pg_ctl stop -m immediate` and comes back with `start`, rather than
 * `restart -m fast`: that is a crash as far as the server and the data can tell (backends killed
 * mid-commit without a goodbye, no shutdown checkpoint, WAL replay on start), so "acked means
 * committed" is tested where it matters; and the outage lasts as long as the test decides, long
 * enough for every client to be refused, where a fast restart can fall between two commits.
 */
describeWithBinaries(['postgres'], 'fault: PostgreSQL crashes and restarts under load', () => {
  let postgres: PrivatePostgres;
  let server: ChildServer;
  let warnings: Map<string, number>;
  const clients: CopydeskClient[] = [];
  /** Stopped in afterAll too, so that a failed test leaves nothing typing. */
  let running: TypingLoad | undefined;

  beforeAll(async () => {
    postgres = await PrivatePostgres.create();
    // No Redis: one instance, whatever REDIS_URL the test run has.
    const env = { ...FAULT_ENV, DATABASE_URL: postgres.url(), REDIS_URL: '' };
    await prepareDemoDatabase(env);
    server = await startChildServer(env);
    warnings = watchWarnings(server);
  }, 30_000);
  afterAll(async () => {
    running?.stop();
    // A test that failed half-way may leave the database down: the server shuts down cleanly only with it.
    if (postgres && !postgres.isRunning) await postgres.start().catch(() => undefined);
    await Promise.allSettled(clients.map((client) => client.close()));
    if (server) await stopGracefully(server);
    await postgres?.dispose();
  });

  it('refuses updates UNAVAILABLE while the database is down, then stores every one', async () => {
    const startedAt = Date.now();
    const sign = async (email: string) => {
      const client = await signIn(server.url, email);
      clients.push(client);
      return client;
    };
    const [reporter, editor, reporterElsewhere] = await Promise.all([sign(REPORTER), sign(EDITOR), sign(REPORTER)]);
    const draft = await reporter!.createDraft({ language: 'en', body: '' });
    const sessions: DraftSession[] = [reporter!, editor!, reporterElsewhere!].map((client) =>
      openSession(client, draft.id),
    );
    await Promise.all(sessions.map((session) => session.whenSynced()));
    const load = new TypingLoad(
      sessions.map((session, index) => ({ name: `t${index}`, session })),
      { intervalMs: 15, maxPerTypist: 600 },
    );

    running = load;
    load.start();
    await eventually(() => {
      expect(load.failureSummary()).toBe('none');
      expect(load.ackedCount).toBeGreaterThanOrEqual(90);
    });
    const ackedBeforeCrash = load.ackedCount;
    const downAt = Date.now();
    await postgres.stop('immediate');
    // Every client has an update refused: none of them is told "stored" for something that is not.
    // (A commit whose reply the crash cut off holds every ack for up to 5 s while the server tries to
    // learn whether it was stored: hence the longer deadline.)
    await eventually(() => {
      for (const { name } of load.typists) expect(load.failuresWith('UNAVAILABLE', name).length).toBeGreaterThan(0);
    }, 15_000);
    const ackedWhileDown = load.ackedCount;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, OUTAGE_MS - (Date.now() - downAt))));
    // Acks that were on the wire when the database died may land; nothing is acked after that.
    expect(load.ackedCount).toBe(ackedWhileDown);
    const restartAt = Date.now();
    await postgres.start();
    const upAt = Date.now();
    const typedWhenUp = load.typed.length;
    await eventually(() => expect(load.ackedCount).toBeGreaterThan(ackedWhileDown), 20_000);
    // Some more load once storage is back (about 50 markers a typist), then everything pending must go through.
    await eventually(() => expect(load.typed.length).toBeGreaterThanOrEqual(typedWhenUp + 150));
    load.stop();
    await within(Promise.all(sessions.map((session) => session.flushed())), 20_000, 'flushing every session');

    expect(load.untracked).toEqual([]);
    expect(load.unacked()).toEqual([]);
    await expectAckedUpdatesKept({
      servers: [server],
      token: reporter!.token!,
      draftId: draft.id,
      sessions,
      load,
      rest: editor!,
    });

    printFigures('postgres restart', {
      typed: load.typed.length,
      acked: load.ackedCount,
      lost: 0,
      ackedBeforeCrash,
      downMs: restartAt - downAt,
      firstUnavailableMs: load.typists.map(({ name }) => load.failuresWith('UNAVAILABLE', name)[0]!.at - downAt),
      startupMs: upAt - restartAt,
      firstAckAfterStartMs: load.firstAckAfter(restartAt)! - restartAt,
      allAckingAfterStartMs:
        Math.max(...load.typists.map(({ name }) => load.firstAckAfter(restartAt, name)!)) - restartAt,
      durationMs: Date.now() - startedAt,
      sdk: load.failureSummary(),
      serverWarnings: Object.fromEntries(warnings),
    });
  });
});
