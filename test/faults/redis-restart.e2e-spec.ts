import { afterAll, beforeAll, expect, it } from '@jest/globals';
import request from 'supertest';
import type { CopydeskClient, DraftSession } from '#client';
import { describeWithBinaries } from '../support/binaries.js';
import { startChildServer, stopGracefully, type ChildServer } from '../support/child-server.js';
import { PrivateRedis } from '../support/private-redis.js';
import { eventually } from '../support/raw-collab-client.js';
import { describeWithServices } from '../support/services.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
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

/** How long Redis stays down. */
const OUTAGE_MS = 1_000;

/**
 * Two instances on one database, with clients on both editing one draft, while Redis (the relay
 * between the instances) is killed and started again empty. Storage is untouched, so edits keep
 * being stored; what Redis lost must be made up for afterwards, until every client holds the
 * same text. The Redis server is the suite's own, so the shared one is never touched.
 */
describeWithBinaries(
  ['redis-server'],
  'fault: Redis restarts under load with two instances',
  () => {
    let testDb: TestDatabase;
    let redis: PrivateRedis;
    let first: ChildServer;
    let second: ChildServer;
    const warnings: Map<string, number>[] = [];
    const clients: CopydeskClient[] = [];
    /** Stopped in afterAll too, so that a failed test leaves nothing typing. */
    let running: TypingLoad | undefined;

    beforeAll(async () => {
      [testDb, redis] = await Promise.all([createTestDatabase(), PrivateRedis.create()]);
      if (testDb.config.kind !== 'postgres') throw new Error('needs PostgreSQL');
      const env = { ...FAULT_ENV, DATABASE_URL: testDb.config.url, REDIS_URL: redis.url };
      await prepareDemoDatabase(env);
      [first, second] = await Promise.all([startChildServer(env), startChildServer(env)]);
      warnings.push(watchWarnings(first), watchWarnings(second));
    }, 30_000);
    afterAll(async () => {
      running?.stop();
      await Promise.allSettled(clients.map((client) => client.close()));
      await redis?.start().catch(() => undefined);
      await Promise.allSettled([first, second].filter(Boolean).map((server) => stopGracefully(server)));
      await redis?.kill();
      await testDb?.dispose();
    });

    it('keeps storing while Redis is gone, and every client converges on every acked update', async () => {
      const startedAt = Date.now();
      const sign = async (server: ChildServer, email: string) => {
        const client = await signIn(server.url, email);
        clients.push(client);
        return client;
      };
      const onFirst = await Promise.all([sign(first, REPORTER), sign(first, EDITOR)]);
      const onSecond = await Promise.all([sign(second, REPORTER), sign(second, EDITOR)]);
      const draft = await onFirst[0]!.createDraft({ language: 'en', body: '' });
      const sessions: DraftSession[] = [...onFirst, ...onSecond].map((client) => openSession(client, draft.id));
      await Promise.all(sessions.map((session) => session.whenSynced()));
      const load = new TypingLoad(
        sessions.map((session, index) => ({ name: `${index < 2 ? 'a' : 'b'}${index}`, session })),
        { intervalMs: 15, maxPerTypist: 400 },
      );

      running = load;
      load.start();
      // Before the fault the relay works: a client on the second instance sees the first's markers.
      await eventually(() => {
        expect(load.failureSummary()).toBe('none');
        expect(load.ackedCount).toBeGreaterThanOrEqual(120);
        expect(sessions[3]!.body.toString().includes('[a0.5]')).toBe(true);
      });
      const ackedBeforeFault = load.ackedCount;
      await redis.kill();
      const downAt = Date.now();
      // Both instances notice; then the outage lasts its set time.
      await eventually(async () => {
        for (const server of [first, second]) {
          const ready = await request(server.url).get('/health/ready');
          expect(ready.body.checks).toMatchObject({ redis: 'down' });
        }
      });
      // The fault bites: without the relay, the second instance learns of the first's updates only
      // from the gaps its own commits reveal in the sequence numbers, filled from the store a moment
      // later, so for a while the freshest acked ones have not reached its clients. How many at a
      // given instant depends on timing, so the whole outage is watched and the most counted.
      let stranded = 0;
      const watchFrom = Date.now();
      while (Date.now() - downAt < OUTAGE_MS || Date.now() - watchFrom < OUTAGE_MS / 2) {
        const onSecondText = sessions[3]!.body.toString();
        const missing = load
          .ackedMarkers()
          .filter((marker) => marker.startsWith('[a') && !onSecondText.includes(marker));
        stranded = Math.max(stranded, missing.length);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(stranded).toBeGreaterThan(0);
      // Storage is PostgreSQL: editing goes on without the relay.
      const ackedWhileDown = load.ackedCount - ackedBeforeFault;
      expect(ackedWhileDown).toBeGreaterThan(0);
      const restartAt = Date.now();
      await redis.start();
      // Both instances find Redis again by themselves.
      await eventually(async () => {
        for (const server of [first, second]) {
          const ready = await request(server.url).get('/health/ready');
          expect(ready.body.checks).toMatchObject({ redis: 'ok' });
        }
      }, 15_000);
      const readyAt = Date.now();
      // Some more load with the relay back (about 50 markers a typist), then everything pending must go through.
      const typedWhenReady = load.typed.length;
      await eventually(() => expect(load.typed.length).toBeGreaterThanOrEqual(typedWhenReady + 200));
      load.stop();
      await within(Promise.all(sessions.map((session) => session.flushed())), 20_000, 'flushing every session');
      const flushedAt = Date.now();

      expect(load.untracked).toEqual([]);
      expect(load.unacked()).toEqual([]);
      await expectAckedUpdatesKept({
        servers: [first, second],
        token: onFirst[0]!.token!,
        draftId: draft.id,
        sessions,
        load,
        rest: onSecond[1]!,
      });
      const convergedAt = Date.now();

      printFigures('redis restart', {
        typed: load.typed.length,
        acked: load.ackedCount,
        lost: 0,
        ackedBeforeFault,
        ackedWhileRedisDown: ackedWhileDown,
        mostStrandedOnSecondWhileDown: stranded,
        downMs: restartAt - downAt,
        instancesReadyAfterStartMs: readyAt - restartAt,
        readBackAndConvergedAfterFlushMs: convergedAt - flushedAt,
        durationMs: Date.now() - startedAt,
        sdk: load.failureSummary(),
        serverWarnings: warnings.map((tally) => Object.fromEntries(tally)),
      });
    });
  },
  (name, body) => describeWithServices(['postgres'], name, body),
);
