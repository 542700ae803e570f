import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import request from 'supertest';
import { LOGIN_BACKOFF } from '#domain';
import { createUser, TEST_PASSWORD, type TestUser } from '../support/factories.js';
import { describeWithServices } from '../support/services.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const FREE = LOGIN_BACKOFF.pair.freeFailures;

/**
 * An address in 2001:db8::/32 (RFC 3849) with a /64 of its own: Redis outlives a test run, and
 * counts keyed by a fixed address would carry over into the next one.
 */
const freshAddress = () =>
  `2001:db8:${[0, 0, 0].map(() => randomInt(0x10000).toString(16)).join(':')}::${randomInt(1, 0x10000).toString(16)}`;

describeWithServices(['postgres', 'redis'], 'login throttling across two instances on one Redis', () => {
  let first: TestServer;
  let second: TestServer;
  let owner: TestUser;

  const login = (server: TestServer, password: string, from: string) =>
    request(server.url).post('/api/auth/login').set('X-Forwarded-For', from).send({ email: owner.email, password });

  beforeAll(async () => {
    first = await startTestServer({ redis: true, env: { TRUST_PROXY: 'loopback' } });
    second = await startTestServer({ redis: true, database: first.config.database, env: { TRUST_PROXY: 'loopback' } });
    owner = await createUser(first.app, first.url, 'reporter');
  });
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  it('spends one budget whichever instance an attempt reaches', async () => {
    const attacker = freshAddress();
    const statuses: number[] = [];
    for (let n = 0; n < FREE; n++) {
      statuses.push((await login(n % 2 === 0 ? first : second, 'not the password', attacker)).status);
    }
    expect(statuses).toEqual(Array(FREE).fill(401));
    // Counting apart, each instance would still have free failures to give; counting together, at
    // most one of these (if the first wait has just run out) is checked.
    const more = await Promise.all(
      Array.from({ length: 6 }, (_, n) => login(n % 2 === 0 ? first : second, 'not the password', attacker)),
    );
    expect(more.filter((response) => response.status === 401).length).toBeLessThanOrEqual(1);
    const refused = await login(second, TEST_PASSWORD, attacker).expect(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });

  it('holds when the attempts reach both instances at once', async () => {
    const attacker = freshAddress();
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, n) => login(n % 2 === 0 ? first : second, 'not the password', attacker)),
    );
    expect(responses.filter((response) => response.status === 401)).toHaveLength(FREE);
    expect(responses.filter((response) => response.status === 429)).toHaveLength(30 - FREE);
  });

  it('lets the owner in from another address on either instance, and a success there clears only that pair', async () => {
    const attacker = freshAddress();
    await Promise.all(Array.from({ length: 2 * FREE }, () => login(first, 'not the password', attacker)));
    await login(second, 'not the password', attacker).expect(429);

    const home = freshAddress();
    await login(second, TEST_PASSWORD, home).expect(200);
    await login(first, TEST_PASSWORD, freshAddress()).expect(200);
    // The attacker's pair is still counted: of three at once, one at most finds a wait over.
    const again = await Promise.all([first, second, first].map((server) => login(server, 'guess', attacker)));
    expect(again.filter((response) => response.status === 429).length).toBeGreaterThanOrEqual(2);
  });
});
