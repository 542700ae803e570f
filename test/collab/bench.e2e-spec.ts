import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type {
  ClaimsResult,
  HistoryResult,
  IdleResult,
  LoadResult,
} from '../../apps/cli/src/commands/bench/bench-result.js';
import { runCli } from '../support/child-server.js';
import { createDesk, createUser, TEST_PASSWORD, type TestUser } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/** `copydesk bench`, the built CLI as an operator runs it, against a real server. */
describe('copydesk bench', () => {
  let server: TestServer;
  let user: TestUser;

  const bench = async (...args: string[]) => {
    const common = ['--url', server.url, '--email', user.email, '--password', TEST_PASSWORD, '--seed', '11'];
    return runCli(['bench', ...common, ...args], {});
  };

  beforeAll(async () => {
    server = await startTestServer({
      env: { COLLAB_MAX_CONNECTIONS_PER_USER: '200', CLAIMS_SETTLE_MS: '50', CLAIMS_MAX_WAIT_MS: '200' },
    });
    const desk = await createDesk(server.app);
    user = await createUser(server.app, server.url, 'reporter', [desk.id]);
  });
  afterAll(async () => {
    await server.close();
  });

  it('types, times propagation and durable acks, and checks that every client converged', async () => {
    const run = await bench(
      ...['--editors', '4', '--rate', '5', '--viewers', '6', '--drafts', '2', '--shards', '2', '--duration', '2'],
      '--timeline',
      '--json',
    );
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as LoadResult & { benchNice: number };
    expect(result.setup).toMatchObject({ clients: 10, failed: 0 });
    expect(result.throughput.sent).toBeGreaterThanOrEqual(30);
    expect(result.throughput.acked).toBe(result.throughput.sent);
    expect(result.throughput.unacked).toBe(0);
    expect(result.durableAckMs.count).toBe(result.throughput.sent);
    // Inside the server, the same acks, counted by its histogram.
    expect(result.serverAckMs.count).toBe(result.throughput.sent);
    // Every stored update went out once, in as many room emits or fewer (merged).
    expect(result.fanout?.updates).toBe(result.throughput.acked);
    expect(result.fanout?.roomEmits).toBeGreaterThan(0);
    expect(result.fanout?.roomEmits).toBeLessThanOrEqual(result.throughput.acked);
    // Each stored update was in one group commit (none failed here), and queued for it once.
    expect(result.commits?.batches).toBeGreaterThan(0);
    // (--json prints figures to three decimals.)
    expect(Math.round(result.commits!.batches * result.commits!.meanUpdates!)).toBe(result.throughput.acked);
    expect(result.commits?.waitMs.count).toBe(result.throughput.acked);
    expect(result.commits?.commitMs.count).toBe(result.commits?.batches);
    expect(result.propagationMs.count).toBeGreaterThan(0);
    expect(result.propagationMs.lost).toBe(0);
    expect(result.propagationMs.p50).toBeLessThanOrEqual(result.propagationMs.max!);
    // Second by second: every ack and every propagation once, in the seconds of the typing.
    const { timeline } = result;
    const total = (seconds: { count: number }[]) => seconds.reduce((sum, s) => sum + s.count, 0);
    expect(total(timeline!.durableAckMs)).toBe(result.durableAckMs.count);
    expect(total(timeline!.propagationMs)).toBe(result.propagationMs.count);
    for (const seconds of [timeline!.durableAckMs, timeline!.propagationMs]) {
      const numbers = seconds.map((s) => s.second);
      expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
      expect(Math.max(...numbers)).toBeLessThanOrEqual(2);
      expect(numbers).toContain(0);
    }
    expect(result.errors).toEqual({});
    expect(result.convergence).toMatchObject({ ok: true, drafts: 2, clients: 10, mismatches: [] });
    expect(result.rss.afterBytes).toBeGreaterThan(0);
    expect(result.benchNice).toBeGreaterThanOrEqual(0);
  });

  it('prints the figures as text', async () => {
    const run = await bench('--editors', '2', '--viewers', '2', '--duration', '1', '--timeline');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ +0 s +\d+\.\d ms \/ /m);
    for (const label of [
      'throughput',
      'propagation',
      'durable ack',
      'server ack',
      'fan-out',
      'commits',
      'server RSS',
      'convergence',
      'timeline',
    ]) {
      expect(run.stdout).toContain(`  ${label}`);
    }
    expect(run.stdout).toMatch(/convergence {2}ok: 4 clients over 1 draft\(s\) agree/);
  });

  it('holds idle sessions and reports the server’s memory', async () => {
    const run = await bench('--idle', '12', '--drafts', '3', '--duration', '1', '--max-rss-mb', '100000', '--json');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as IdleResult;
    expect(result.setup).toMatchObject({ clients: 12, failed: 0 });
    expect(result.stillJoined).toBe(12);
    expect(result.rss.peakBytes).toBeGreaterThan(0);
  });

  it('times fresh joins of a draft with a stored history', async () => {
    const run = await bench('--history', '80', '--rate', '40', '--joins', '3', '--json');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as HistoryResult;
    expect(result.append).toMatchObject({ acked: 80, unacked: 0 });
    expect(result.freshJoin.samplesMs).toHaveLength(3);
    expect(result.freshJoin.bytes).toBeGreaterThan(0);
    expect(result.errors).toEqual({});
  });

  it('times edits of figures in an Arabic draft until the claims event, and the server’s reconciliations', async () => {
    const run = await bench('--claims', '3', '--settle', '50', '--text-length', '1500', '--json');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as ClaimsResult;
    expect(result.config).toMatchObject({ rounds: 3, settleMs: 50 });
    expect(result.config.textLength).toBeGreaterThanOrEqual(1500);
    expect(result.draft.extracted).toBeGreaterThan(0);
    expect(result.draft.listed).toBe(result.draft.extracted);
    expect(result.draft.figures).toBeGreaterThanOrEqual(3);
    expect(result.rounds).toEqual({ edited: 3, arrived: 3, lost: 0 });
    expect(result.eventMs.count).toBe(3);
    expect(result.events).toBeGreaterThanOrEqual(3);
    // One settled burst per round, each one reconciliation in the server's histograms.
    expect(result.server.reconcile.count).toBeGreaterThanOrEqual(3);
    expect(result.server.extract.count).toBe(result.server.reconcile.count);
    expect(result.server.extract.meanMs).toBeGreaterThan(0);
    expect(result.extractorMs.median).toBeGreaterThan(0);
    expect(result.errors).toEqual({});

    const text = await bench('--claims', '2', '--settle', '50', '--text-length', '1000');
    expect(text.code).toBe(0);
    for (const label of ['draft', 'rounds', 'edit→event', 'reconcile', 'extract', 'extractor', 'errors']) {
      expect(text.stdout).toContain(`  ${label}`);
    }
    expect(text.stdout).toMatch(/rounds {7}2 of 2 digit edits came back/);
    expect(text.stdout).toMatch(/edit→event {3}p50 [\d.]+ ms .*\(n=2\)/);
  });

  it('refuses a remote URL unless asked, and says why the sign-in failed', async () => {
    const remote = await runCli(['bench', '--url', 'http://example.com'], {});
    expect(remote.code).toBe(2);
    expect(remote.output).toContain('not a loopback address');
    const wrong = await runCli(['bench', '--url', server.url, '--email', user.email, '--password', 'nope'], {});
    expect(wrong.code).toBe(1);
    expect(wrong.output).toContain('INVALID_CREDENTIALS');
  });
});
