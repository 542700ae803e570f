import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { ReleasesResult } from '../../apps/cli/src/commands/bench/bench-result.js';
import { runCli } from '../support/child-server.js';
import { bearer, createDesk, createUser, TEST_PASSWORD, type TestUser } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/** Receivers on 127.0.0.1 allowed, and the scheduler looking for due releases often. */
const ENV = {
  WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true',
  RELEASE_POLL_MS: '100',
  CLAIMS_SETTLE_MS: '50',
  CLAIMS_MAX_WAIT_MS: '200',
};

/** `copydesk bench --releases`, the built CLI as an operator runs it, against a real server. */
describe('copydesk bench --releases', () => {
  let server: TestServer;
  let reporter: TestUser;
  let editor: TestUser;
  let admin: TestUser;

  const bench = (url: string, ...args: string[]) =>
    runCli(
      [
        'bench',
        ...['--url', url, '--email', reporter.email, '--editor-email', editor.email, '--admin-email', admin.email],
        ...['--password', TEST_PASSWORD, ...args],
      ],
      {},
    );

  const endpoints = async (): Promise<unknown[]> =>
    (
      await request(server.url)
        .get('/api/admin/webhooks')
        .set(...bearer(admin))
        .expect(200)
    ).body;

  beforeAll(async () => {
    server = await startTestServer({ env: ENV });
    const desk = await createDesk(server.app);
    reporter = await createUser(server.app, server.url, 'reporter', [desk.id]);
    editor = await createUser(server.app, server.url, 'editor', [desk.id]);
    admin = await createUser(server.app, server.url, 'admin');
  });
  afterAll(async () => {
    await server.close();
  });

  it('publishes stories and schedules some under an embargo, each delivered once with a valid signature', async () => {
    const run = await bench(server.url, '--releases', '4', '--embargo-ms', '1000', '--json');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as ReleasesResult;
    expect(result.config).toEqual({ rounds: 4, embargoed: 4, embargoMs: 1000 });
    expect(result.rounds).toMatchObject({ published: 4, delivered: 4, lost: 0 });
    for (const figure of [result.rounds.publishMs, result.rounds.deliveryMs, result.rounds.endToEndMs]) {
      expect(figure.count).toBe(4);
    }
    expect(result.rounds.publishMs.p50).toBeGreaterThan(0);
    expect(result.rounds.endToEndMs.p50).toBeGreaterThan(0);

    expect(result.embargo).toMatchObject({ scheduled: 4, delivered: 4, lost: 0, early: 0, mismatched: 0 });
    expect(result.embargo!.withoutPublishedAt).toBe(0);
    // Released at or after the embargo, within a few polls of it; received after the release.
    expect(result.embargo!.releaseLagMs.p50).toBeGreaterThanOrEqual(0);
    expect(result.embargo!.releaseLagMs.max).toBeLessThan(5_000);
    expect(result.embargo!.deliveryLagMs.p50).toBeGreaterThanOrEqual(result.embargo!.releaseLagMs.p50!);

    expect(result.deliveries).toEqual({
      expected: 8,
      received: 8,
      lost: 0,
      unexpected: 0,
      duplicates: 0,
      invalid: {},
      requests: 8,
    });
    // The server's own view: one release lag per scheduled story, one delivered attempt per delivery.
    expect(result.server.releaseLag.count).toBe(4);
    expect(result.server.webhookAttempt.count).toBe(8);
    expect(result.server.attempts).toEqual({ delivered: 8, retry: 0, failed: 0 });
    expect(result.errors).toEqual({});
    // The endpoint was the run's only: it is gone, its deliveries with it.
    expect(await endpoints()).toEqual([]);

    const text = await bench(server.url, '--releases', '2', '--embargo-ms', '0');
    expect(text.code).toBe(0);
    for (const label of ['stories', 'receiver', 'publish', 'delivery', 'end to end', 'deliveries', 'attempts']) {
      expect(text.stdout).toContain(`  ${label}`);
    }
    expect(text.stdout).not.toContain('release lag');
    expect(text.stdout).toMatch(/publish {6}p50 [\d.]+ ms .*\(n=2\)/);
    expect(text.stdout).toMatch(/deliveries {3}2 of 2 received, none lost, no duplicates, invalid none/);
    expect(text.output).toContain('registered as webhook endpoint');
    expect(await endpoints()).toEqual([]);
  });

  it('says how to start the server when it refuses a receiver on 127.0.0.1, and who may not register one', async () => {
    const strict = await startTestServer({ env: { ...ENV, WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'false' } });
    try {
      const desk = await createDesk(strict.app);
      const people = [
        await createUser(strict.app, strict.url, 'reporter', [desk.id]),
        await createUser(strict.app, strict.url, 'editor', [desk.id]),
        await createUser(strict.app, strict.url, 'admin'),
      ];
      const args = (adminEmail: string) => [
        'bench',
        ...['--url', strict.url, '--email', people[0]!.email, '--editor-email', people[1]!.email],
        ...['--admin-email', adminEmail, '--password', TEST_PASSWORD, '--releases', '1'],
      ];
      const refused = await runCli(args(people[2]!.email), {});
      expect(refused.code).toBe(1);
      expect(refused.output).toMatch(/the server refused the bench's webhook receiver http:\/\/127\.0\.0\.1:\d+/);
      expect(refused.output).toContain('not a public address');
      expect(refused.output).toContain('WEBHOOK_ALLOW_PRIVATE_ADDRESSES=true');
      expect(refused.output).not.toMatch(/\n\s+at /);

      const notAdmin = await runCli(args(people[1]!.email), {});
      expect(notAdmin.code).toBe(1);
      expect(notAdmin.output).toContain('may not register webhook endpoints: --admin-email must name an admin');
    } finally {
      await strict.close();
    }
  });

  it('refuses --releases against a server elsewhere: its receiver listens on 127.0.0.1', async () => {
    const remote = await runCli(['bench', '--releases', '2', '--url', 'http://example.com', '--allow-remote'], {});
    expect(remote.code).toBe(2);
    expect(remote.output).toContain('--releases needs the server on this machine');
  });
});
