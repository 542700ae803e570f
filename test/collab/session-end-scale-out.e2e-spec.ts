import { afterAll, afterEach, beforeAll, expect, it } from '@jest/globals';
import request from 'supertest';
import { bearer, createDesk, createUser, TEST_PASSWORD, type TestUser } from '../support/factories.js';
import { send, SocketPool } from '../support/raw-collab-client.js';
import { describeWithServices } from '../support/services.js';
import { claimsOf, tokenExpiringAt, whenEnded, type SessionEnd } from '../support/session-end.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/**
 * Issue 14, "what this must show" 3: a socket whose sign-in session ends (signed out elsewhere,
 * the password changed, the account disabled, the token expired) is closed within a second, on
 * either of two instances, told why first; REST then refuses its token.
 */
describeWithServices(['postgres', 'redis'], 'sign-in sessions ending under two instances', () => {
  let first: TestServer;
  let second: TestServer;
  let admin: TestUser;
  let deskId: string;
  const sockets = new SocketPool();

  /** Another sign-in of the same user: a second session, its own token. */
  const signInAgain = async (user: TestUser, server: TestServer): Promise<string> => {
    const login = await request(server.url)
      .post('/api/auth/login')
      .send({ email: user.email, password: user.password })
      .expect(200);
    return login.body.accessToken as string;
  };
  /** The revocation happened once its HTTP call answered: the socket must be gone within a second of that. */
  const expectEndedWithinASecond = (end: SessionEnd, revokedAt: number, code: string) => {
    expect(end.event?.code).toBe(code);
    expect(end.reason).toBe('io server disconnect');
    expect(end.at - revokedAt).toBeLessThan(1_000);
  };
  const expectRefused = async (token: string) => {
    for (const server of [first, second]) {
      const response = await request(server.url)
        .get('/api/me')
        .set(...bearer({ token }))
        .expect(401);
      expect(response.body.error.code).toBe('UNAUTHORIZED');
    }
  };

  beforeAll(async () => {
    first = await startTestServer({ redis: true });
    second = await startTestServer({ redis: true, database: first.config.database });
    deskId = (await createDesk(first.app)).id;
    admin = await createUser(first.app, first.url, 'admin');
  });
  afterEach(() => {
    sockets.closeAll();
  });
  afterAll(async () => {
    sockets.closeAll();
    await second.close();
    await first.close();
  });

  it('closes the session’s sockets on both instances when it signs out through one', async () => {
    const user = await createUser(first.app, first.url, 'reporter', [deskId]);
    const ends = [
      whenEnded(await sockets.open(first.url, user.token)),
      whenEnded(await sockets.open(second.url, user.token)),
    ];

    await request(first.url)
      .post('/api/auth/logout')
      .set(...bearer(user))
      .expect(204);
    const revokedAt = Date.now();

    for (const end of await Promise.all(ends)) expectEndedWithinASecond(end, revokedAt, 'SESSION_REVOKED');
    await expectRefused(user.token);
  });

  it('closes the other sessions’ sockets on both instances on a password change, and keeps the one that changed it', async () => {
    const user = await createUser(first.app, first.url, 'reporter', [deskId]);
    const changer = await signInAgain(user, second);
    const ends = [
      whenEnded(await sockets.open(first.url, user.token)),
      whenEnded(await sockets.open(second.url, user.token)),
    ];
    const kept = [await sockets.open(first.url, changer), await sockets.open(second.url, changer)];

    await request(second.url)
      .post('/api/auth/password')
      .set(...bearer({ token: changer }))
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'a quite different passphrase 2026' })
      .expect(204);
    const revokedAt = Date.now();

    for (const end of await Promise.all(ends)) expectEndedWithinASecond(end, revokedAt, 'SESSION_REVOKED');
    await expectRefused(user.token);
    for (const socket of kept) {
      expect(socket.connected).toBe(true);
      expect(await send(socket, 'leave', { draftId: '00000000-0000-4000-8000-000000000000' })).toMatchObject({
        ok: false,
        error: { code: 'NOT_JOINED' },
      });
    }
    await request(first.url)
      .get('/api/me')
      .set(...bearer({ token: changer }))
      .expect(200);
  });

  it('closes every session’s sockets on both instances when an admin disables the account', async () => {
    const user = await createUser(first.app, first.url, 'reporter', [deskId]);
    const other = await signInAgain(user, first);
    const ends = [
      whenEnded(await sockets.open(first.url, user.token)),
      whenEnded(await sockets.open(second.url, user.token)),
      whenEnded(await sockets.open(second.url, other)),
    ];

    await request(first.url)
      .patch(`/api/admin/users/${user.id}`)
      .set(...bearer(admin))
      .send({ disabled: true })
      .expect(200);
    const revokedAt = Date.now();

    for (const end of await Promise.all(ends)) expectEndedWithinASecond(end, revokedAt, 'SESSION_REVOKED');
    await expectRefused(user.token);
    await expectRefused(other);
  });

  it('closes a socket on either instance within a second of its token’s expiry, saying it expired', async () => {
    const user = await createUser(first.app, first.url, 'reporter', [deskId]);
    const exp = Math.floor(Date.now() / 1000) + 2;
    const shortLived = tokenExpiringAt(user.token, exp);
    expect(claimsOf(shortLived).sid).toBe(claimsOf(user.token).sid);
    const ends = [
      whenEnded(await sockets.open(first.url, shortLived)),
      whenEnded(await sockets.open(second.url, shortLived)),
    ];

    for (const end of await Promise.all(ends)) {
      expect(end.event?.code).toBe('SESSION_EXPIRED');
      expect(end.at).toBeGreaterThanOrEqual(exp * 1000);
      expect(end.at - exp * 1000).toBeLessThan(1_000);
    }
    await expectRefused(shortLived);
    // Its session was not revoked: the long-lived token of the same sign-in still works.
    await request(second.url)
      .get('/api/me')
      .set(...bearer(user))
      .expect(200);
  });
});
