import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { LOGIN_BACKOFF } from '#domain';
import { bearer, createUser, TEST_PASSWORD, type TestUser } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const FREE = LOGIN_BACKOFF.pair.freeFailures;

/** A documentation address (RFC 5737) no other suite uses, fresh for every test. */
let lastOctet = 0;
const nextAddress = () => `203.0.113.${++lastOctet}`;

function login(server: TestServer, email: string, password: string, from?: string) {
  const call = request(server.url).post('/api/auth/login');
  if (from) call.set('X-Forwarded-For', from);
  return call.send({ email, password });
}

/** The status of each of `count` attempts made one after another. */
async function attemptsInTurn(count: number, attempt: () => Promise<request.Response>): Promise<request.Response[]> {
  const responses: request.Response[] = [];
  for (let n = 0; n < count; n++) responses.push(await attempt());
  return responses;
}

const statuses = (responses: request.Response[]) => responses.map((response) => response.status);

/**
 * `count` attempts at once, right after the free failures. However slow the machine, at most one
 * of them can find the wait over: sent one by one, a slow machine could let a wait pass between two.
 */
async function attemptsAtOnce(count: number, attempt: () => Promise<request.Response>): Promise<number[]> {
  return statuses(await Promise.all(Array.from({ length: count }, attempt))).sort();
}

describe('login throttling (docs/security.md, Login throttling)', () => {
  // The test client stands in for a proxy on the loopback: it names the client's address.
  let server: TestServer;
  let owner: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    server = await startTestServer({ env: { TRUST_PROXY: 'loopback' } });
    owner = await createUser(server.app, server.url, 'reporter');
    admin = await createUser(server.app, server.url, 'admin');
  });
  afterAll(async () => {
    await server.close();
  });

  it('answers 200 wrong passwords from one address with 429 and Retry-After, and lets the owner in from another', async () => {
    const attacker = nextAddress();
    const started = Date.now();
    const responses = await attemptsInTurn(200, () => login(server, owner.email, 'not the password', attacker));
    const seconds = (Date.now() - started) / 1000;

    const checked = responses.filter((response) => response.status === 401);
    const throttled = responses.filter((response) => response.status === 429);
    expect(checked.length + throttled.length).toBe(200);
    // The free failures, then one more each time a wait has passed: 1 s, 2 s, 4 s... so in `seconds`
    // no more than log2(seconds + 1) + 1 more (the 200 attempts take a second or two).
    expect(statuses(responses.slice(0, FREE))).toEqual(Array(FREE).fill(401));
    expect(checked.length).toBeLessThanOrEqual(FREE + Math.floor(Math.log2(seconds + 1)) + 1);
    expect(throttled.length).toBeGreaterThan(180);
    for (const response of throttled) {
      const retryAfter = Number(response.headers['retry-after']);
      expect(Number.isInteger(retryAfter) && retryAfter >= 1).toBe(true);
      expect(response.body).toEqual({
        error: {
          code: 'RATE_LIMITED',
          message: expect.stringContaining(`${retryAfter} s`),
          retryAfterSeconds: retryAfter,
          requestId: expect.any(String),
        },
      });
    }

    // The attacker cannot use the wait to try the right password either (tried while more than a
    // second of the wait is left, so no slowness of the machine lets it run out first)...
    let lastWrong = responses.at(-1)!;
    while (!(lastWrong.status === 429 && Number(lastWrong.headers['retry-after']) >= 2)) {
      lastWrong = await login(server, owner.email, 'not the password', attacker);
    }
    expect((await login(server, owner.email, TEST_PASSWORD, attacker)).status).toBe(429);
    // ...while the owner signs in from elsewhere, and may still mistype there.
    const elsewhere = nextAddress();
    expect((await login(server, owner.email, 'a typo', elsewhere)).status).toBe(401);
    const signedIn = await login(server, owner.email, TEST_PASSWORD, elsewhere).expect(200);
    expect(signedIn.body.user.id).toBe(owner.id);

    // The security log has a line per wait the attacker ran into, not one per refused attempt.
    const admin = await createUser(server.app, server.url, 'admin');
    const log = await request(server.url)
      .get('/api/admin/security-events')
      .query({ kind: 'login_throttled', limit: 100 })
      .set(...bearer(admin))
      .expect(200);
    const lines = (log.body.items as { details: { email: string }; clientAddress: string }[]).filter(
      (event) => event.details.email === owner.email,
    );
    expect(lines.length).toBeGreaterThanOrEqual(1);
    expect(lines.length).toBeLessThanOrEqual(checked.length - FREE + 2);
    expect(lines[0]).toMatchObject({ clientAddress: attacker, details: { scope: 'pair' } });
  });

  it('lets only the free failures through when forty wrong passwords arrive at once', async () => {
    const user = await createUser(server.app, server.url, 'reporter');
    const from = nextAddress();
    const responses = await Promise.all(
      Array.from({ length: 40 }, () => login(server, user.email, 'not the password', from)),
    );
    expect(responses.filter((response) => response.status === 401)).toHaveLength(FREE);
    expect(responses.filter((response) => response.status === 429)).toHaveLength(40 - FREE);
  });

  it('makes each further attempt wait twice as long as the one before', async () => {
    const user = await createUser(server.app, server.url, 'reporter');
    const from = nextAddress();
    await attemptsInTurn(FREE, () => login(server, user.email, 'not the password', from));
    const first = await login(server, user.email, 'not the password', from).expect(429);
    expect(first.headers['retry-after']).toBe('1');
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const admitted = Date.now();
    await login(server, user.email, 'not the password', from).expect(401);
    const second = await login(server, user.email, 'not the password', from).expect(429);
    // The wait began when the admitted attempt arrived (after `admitted`) and lasts 2 s: what is
    // left of it, rounded up, and what has passed since add up to at least that.
    expect(Number(second.headers['retry-after']) * 1000 + (Date.now() - admitted)).toBeGreaterThanOrEqual(2_000);
  });

  it('starts the count afresh after a successful sign-in', async () => {
    const user = await createUser(server.app, server.url, 'reporter');
    const from = nextAddress();
    const wrong = () => login(server, user.email, 'not the password', from);
    expect(statuses(await attemptsInTurn(FREE - 1, wrong))).toEqual(Array(FREE - 1).fill(401));
    await login(server, user.email, TEST_PASSWORD, from).expect(200);
    expect(statuses(await attemptsInTurn(FREE, wrong))).toEqual(Array(FREE).fill(401));
    expect((await attemptsAtOnce(3, wrong)).filter((status) => status === 429).length).toBeGreaterThanOrEqual(2);
  });

  it('does not count refused bodies, and throttles an unknown email like a known one', async () => {
    const from = nextAddress();
    for (let n = 0; n < FREE + 2; n++) {
      await login(server, 'nobody@example.test', '', from).expect(400);
    }
    const guess = () => login(server, 'nobody@example.test', 'guess', from);
    expect(statuses(await attemptsInTurn(FREE, guess))).toEqual(Array(FREE).fill(401));
    expect((await attemptsAtOnce(3, guess)).filter((status) => status === 429).length).toBeGreaterThanOrEqual(2);
  });

  it('throttles guesses of the current password on a password change like guesses at the login form', async () => {
    const victim = await createUser(server.app, server.url, 'reporter');
    const thief = nextAddress();
    const change = (currentPassword: string) =>
      request(server.url)
        .post('/api/auth/password')
        .set(...bearer(victim))
        .set('X-Forwarded-For', thief)
        .send({ currentPassword, newPassword: 'a new and rather long passphrase' });
    const guesses = await attemptsInTurn(FREE, () => change('guess'));
    expect(statuses(guesses)).toEqual(Array(FREE).fill(400));
    // Past the free failures, even the right password waits: the wait comes before any check.
    const throttled = await change(TEST_PASSWORD).expect(429);
    expect(throttled.body.error.code).toBe('RATE_LIMITED');
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    const log = await request(server.url)
      .get('/api/admin/security-events')
      .query({ kind: 'password_change_throttled' })
      .set(...bearer(admin))
      .expect(200);
    expect(log.body.items).toEqual([
      expect.objectContaining({
        actorId: victim.id,
        clientAddress: thief,
        details: expect.objectContaining({ email: victim.email }),
      }),
    ]);
  });
});

describe('client addresses without TRUST_PROXY', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('ignores X-Forwarded-For: a client cannot buy fresh budgets by naming other addresses', async () => {
    const user = await createUser(server.app, server.url, 'reporter');
    const wrong = () => login(server, user.email, 'not the password', nextAddress());
    expect(statuses(await attemptsInTurn(FREE, wrong))).toEqual(Array(FREE).fill(401));
    expect((await attemptsAtOnce(3, wrong)).filter((status) => status === 429).length).toBeGreaterThanOrEqual(2);
  });
});
