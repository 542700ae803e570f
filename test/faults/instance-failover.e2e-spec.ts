import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { CopydeskClient, DraftSession } from '#client';
import { killHard, startChildServer, stopGracefully, type ChildServer } from '../support/child-server.js';
import { FailoverProxy } from '../support/failover-proxy.js';
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

/**
 * Two instances behind one address that fails over; clients edit through the first while it is
 * SIGKILLed. Their SDK reconnects through the same address to the second instance, re-joins, and
 * sends whatever that instance lacks; every update the SDK reported acked must be in the final
 * document, and every client must hold the same text. A third client works on the second
 * instance directly the whole time, so the survivor is live editing when the others arrive.
 */
describeWithServices(['postgres', 'redis'], 'fault: an instance is killed while clients edit through it', () => {
  let testDb: TestDatabase;
  let first: ChildServer;
  let second: ChildServer;
  let proxy: FailoverProxy;
  let warnings: Map<string, number>;
  const clients: CopydeskClient[] = [];
  /** Stopped in afterAll too, so that a failed test leaves nothing typing. */
  let running: TypingLoad | undefined;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    if (testDb.config.kind !== 'postgres') throw new Error('needs PostgreSQL');
    const env = { ...FAULT_ENV, DATABASE_URL: testDb.config.url, REDIS_URL: process.env.REDIS_URL! };
    await prepareDemoDatabase(env);
    [first, second] = await Promise.all([startChildServer(env), startChildServer(env)]);
    warnings = watchWarnings(second);
    proxy = new FailoverProxy(
      [first, second].map((server) => ({ host: '127.0.0.1', port: Number(new URL(server.url).port) })),
    );
    await proxy.start();
  }, 30_000);
  afterAll(async () => {
    running?.stop();
    await Promise.allSettled(clients.map((client) => client.close()));
    await proxy?.close();
    // The killed one is gone already (stopGracefully would wait for an exit that has happened).
    const alive = [first, second].filter((server) => server && server.process.signalCode === null);
    await Promise.allSettled(alive.map((server) => stopGracefully(server)));
    await testDb?.dispose();
  });

  it('moves the clients of a killed instance to the other one without losing an acked update', async () => {
    const startedAt = Date.now();
    const sign = async (url: string, email: string) => {
      const client = await signIn(url, email);
      clients.push(client);
      return client;
    };
    const [proxiedReporter, proxiedEditor, direct] = await Promise.all([
      sign(proxy.url, REPORTER),
      sign(proxy.url, EDITOR),
      sign(second.url, EDITOR),
    ]);
    const draft = await proxiedReporter!.createDraft({ language: 'en', body: '' });
    const sessions: DraftSession[] = [proxiedReporter!, proxiedEditor!, direct!].map((client) =>
      openSession(client, draft.id),
    );
    await Promise.all(sessions.map((session) => session.whenSynced()));
    const load = new TypingLoad(
      [
        { name: 'via-proxy-1', session: sessions[0]! },
        { name: 'via-proxy-2', session: sessions[1]! },
        { name: 'direct', session: sessions[2]! },
      ],
      { intervalMs: 15, maxPerTypist: 400 },
    );
    running = load;
    // Unacked local updates when a proxied session lost its server, and when it had re-joined the
    // other one: what the SDK then had to send there.
    const pendingAtDisconnect: number[] = [];
    const pendingAtRejoin: number[] = [];
    for (const session of sessions) {
      session.on('connection', (state) => state === 'disconnected' && pendingAtDisconnect.push(session.pendingUpdates));
      session.on('synced', ({ resync }) => resync && pendingAtRejoin.push(session.pendingUpdates));
    }

    load.start();
    // Before the kill: the proxied clients are on the first instance and their edits reach the second.
    await eventually(() => {
      expect(load.failureSummary()).toBe('none');
      expect(load.ackedCount).toBeGreaterThanOrEqual(90);
      expect(sessions[2]!.body.toString().includes('[via-proxy-1.5]')).toBe(true);
    });
    expect(proxy.connections[0]).toBeGreaterThan(0);
    expect(proxy.connections[1]).toBe(0);
    const ackedBeforeKill = load.ackedCount;
    await killHard(first);
    const killedAt = Date.now();
    // Their sockets come back through the same address, now to the second instance, and acks resume.
    await eventually(() => {
      expect(proxy.connections[1]).toBeGreaterThanOrEqual(2);
      for (const session of sessions) expect(session.isJoined).toBe(true);
      for (const name of ['via-proxy-1', 'via-proxy-2']) expect(load.firstAckAfter(killedAt, name)).not.toBeNull();
    }, 15_000);
    // Exactly the two proxied sessions lost their connection; they came back holding edits the survivor lacked.
    expect(pendingAtDisconnect).toHaveLength(2);
    expect(pendingAtRejoin.length).toBeGreaterThanOrEqual(2);
    expect(pendingAtRejoin.reduce((sum, pending) => sum + pending, 0)).toBeGreaterThan(0);
    // Some more load on the survivor (about 50 markers a typist), then everything pending must go through.
    const typedAtRecovery = load.typed.length;
    await eventually(() => expect(load.typed.length).toBeGreaterThanOrEqual(typedAtRecovery + 150));
    load.stop();
    await within(Promise.all(sessions.map((session) => session.flushed())), 20_000, 'flushing every session');
    const flushedAt = Date.now();

    expect(load.untracked).toEqual([]);
    expect(load.unacked()).toEqual([]);
    await expectAckedUpdatesKept({
      servers: [second],
      token: direct!.token!,
      draftId: draft.id,
      sessions,
      load,
      rest: direct!,
    });
    const convergedAt = Date.now();

    printFigures('instance killed', {
      typed: load.typed.length,
      acked: load.ackedCount,
      lost: 0,
      ackedBeforeKill,
      proxiedAckedAgainAfterKillMs: Math.max(
        ...['via-proxy-1', 'via-proxy-2'].map((name) => load.firstAckAfter(killedAt, name)! - killedAt),
      ),
      pendingAtDisconnect,
      pendingAtRejoin,
      readBackAndConvergedAfterFlushMs: convergedAt - flushedAt,
      durationMs: Date.now() - startedAt,
      proxyConnections: proxy.connections,
      sdk: load.failureSummary(),
      survivorWarnings: Object.fromEntries(warnings),
    });
  });
});
