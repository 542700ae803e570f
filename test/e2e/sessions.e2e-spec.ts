import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import type { AuthSessionView } from '#contracts';
import { AuthService } from '#auth';
import { AuthSessionsRepository } from '#persistence';
import { bearer, createDesk, createUser, TEST_PASSWORD, type TestUser } from '../support/factories.js';
import { SocketPool, whenConnected } from '../support/raw-collab-client.js';
import { claimsOf, tokenExpiringAt, whenEnded } from '../support/session-end.js';
import { recordStatements } from '../support/statement-log.js';
import { startTestServer, TEST_JWT_SECRET, type TestServer } from '../support/test-server.js';

const NEW_PASSWORD = 'another long passphrase 2026';

describe('sign-in sessions over HTTP', () => {
  let server: TestServer;
  let admin: TestUser;
  const sockets = new SocketPool();

  const signIn = async (user: { email: string }, password = TEST_PASSWORD, agent = 'SessionsSpec/1.0') => {
    const login = await request(server.url)
      .post('/api/auth/login')
      .set('User-Agent', agent)
      .send({ email: user.email, password })
      .expect(200);
    return login.body.accessToken as string;
  };
  const sessionsOf = async (token: string): Promise<AuthSessionView[]> =>
    (
      await request(server.url)
        .get('/api/auth/sessions')
        .set(...bearer({ token }))
        .expect(200)
    ).body;
  const me = (token: string) =>
    request(server.url)
      .get('/api/me')
      .set(...bearer({ token }));

  beforeAll(async () => {
    server = await startTestServer();
    admin = await createUser(server.app, server.url, 'admin');
  });
  afterEach(() => {
    sockets.closeAll();
  });
  afterAll(async () => {
    await server.close();
  });

  it('starts a session at each login, which the token names and the list shows, the current one marked', async () => {
    const user = await createUser(server.app, server.url, 'reporter');
    const laptop = await signIn(user, TEST_PASSWORD, 'Laptop/1.0');
    const phone = await signIn(user, TEST_PASSWORD, 'Phone/2.0');
    const listed = await sessionsOf(phone);
    // The factory's own login is the third.
    expect(listed).toHaveLength(3);
    expect(listed.slice(0, 2)).toEqual([
      {
        id: claimsOf(phone).sid,
        current: true,
        userAgent: 'Phone/2.0',
        clientAddress: expect.stringMatching(/127\.0\.0\.1/),
        createdAt: expect.any(String),
        lastSeenAt: expect.any(String),
        expiresAt: new Date(claimsOf(phone).exp * 1000).toISOString(),
      },
      expect.objectContaining({ id: claimsOf(laptop).sid, current: false, userAgent: 'Laptop/1.0' }),
    ]);
    // Only one's own: another user's list does not show them.
    expect((await sessionsOf(admin.token)).map((s) => s.id)).not.toContain(claimsOf(phone).sid);
  });

  it('signs out: the token is refused at once, REST and socket, and the other sessions stay', async () => {
    const user = await createUser(server.app, server.url, 'reporter');
    const other = await signIn(user);
    await request(server.url)
      .post('/api/auth/logout')
      .set(...bearer(user))
      .expect(204);
    const refused = await me(user.token).expect(401);
    expect(refused.body.error).toMatchObject({ code: 'UNAUTHORIZED', requestId: expect.any(String) });
    await request(server.url)
      .post('/api/auth/logout')
      .set(...bearer(user))
      .expect(401);
    await expect(whenConnected(sockets.connect(server.url, user.token))).rejects.toThrow('unauthorized');
    await me(other).expect(200);
    expect((await sessionsOf(other)).map((s) => s.id)).toEqual([claimsOf(other).sid]);
    const stored = await server.app.get(AuthSessionsRepository).findById(claimsOf(user.token).sid);
    expect(stored).toMatchObject({ revokedReason: 'logout', revokedAt: expect.any(Date) });
  });

  it('revokes one of one’s own sessions, closing its socket; anyone else’s session is 404', async () => {
    const user = await createUser(server.app, server.url, 'reporter');
    const stranger = await createUser(server.app, server.url, 'reporter');
    const other = await signIn(user);
    const socket = await sockets.open(server.url, other);
    const ended = whenEnded(socket);

    for (const id of [claimsOf(stranger.token).sid, randomUUID(), 'not-a-session']) {
      const response = await request(server.url)
        .delete(`/api/auth/sessions/${id}`)
        .set(...bearer(user))
        .expect(404);
      expect(response.body.error.code).toBe('NOT_FOUND');
    }
    await me(stranger.token).expect(200);

    await request(server.url)
      .delete(`/api/auth/sessions/${claimsOf(other).sid}`)
      .set(...bearer(user))
      .expect(204);
    expect((await ended).event).toEqual({ code: 'SESSION_REVOKED', message: expect.any(String) });
    await me(other).expect(401);
    await me(user.token).expect(200);
    // Already ended: nothing left to revoke.
    await request(server.url)
      .delete(`/api/auth/sessions/${claimsOf(other).sid}`)
      .set(...bearer(user))
      .expect(404);
  });

  it('changes one’s password: the current one is required, the policy applies, the other sessions end', async () => {
    const user = await createUser(server.app, server.url, 'reporter');
    const other = await signIn(user);
    const change = (body: object, token = user.token) =>
      request(server.url)
        .post('/api/auth/password')
        .set(...bearer({ token }))
        .send(body);

    const wrong = await change({ currentPassword: 'not my password', newPassword: NEW_PASSWORD }).expect(400);
    expect(wrong.body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ field: 'currentPassword', messages: [expect.any(String)] }],
      requestId: expect.any(String),
    });
    const weak = await change({ currentPassword: TEST_PASSWORD, newPassword: '12345678' }).expect(400);
    expect(weak.body.error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ field: 'newPassword' }] });
    const missing = await change({ newPassword: NEW_PASSWORD }).expect(400);
    expect(missing.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['currentPassword']);
    await me(other).expect(200);

    await change({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD }).expect(204);
    await me(other).expect(401);
    await me(user.token).expect(200);
    expect((await sessionsOf(user.token)).map((s) => s.id)).toEqual([claimsOf(user.token).sid]);
    await request(server.url).post('/api/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(401);
    await signIn(user, NEW_PASSWORD);
  });

  it('ends every session when an admin disables the account, sets its password or changes its role', async () => {
    const repo = server.app.get(AuthSessionsRepository);
    for (const [change, reason] of [
      [{ disabled: true }, 'user_disabled'],
      [{ password: NEW_PASSWORD }, 'password_reset'],
      [{ role: 'editor' }, 'role_changed'],
    ] as const) {
      const user = await createUser(server.app, server.url, 'reporter');
      await request(server.url)
        .patch(`/api/admin/users/${user.id}`)
        .set(...bearer(admin))
        .send(change)
        .expect(200);
      await me(user.token).expect(401);
      expect(await repo.findById(claimsOf(user.token).sid)).toMatchObject({ revokedReason: reason });
    }
  });

  it('refuses a token from before sessions (no sid) and one naming a session that does not exist', async () => {
    const user = await createUser(server.app, server.url, 'reporter');
    const { sub, tv } = claimsOf(user.token);
    const exp = Math.floor(Date.now() / 1000) + 600;
    const sign = (claims: object) => jwt.sign({ ...claims, exp }, TEST_JWT_SECRET, { issuer: 'copydesk' });
    for (const token of [sign({ sub, tv }), sign({ sub, tv, sid: randomUUID() }), sign({ sub, tv, sid: 'x' })]) {
      const response = await me(token).expect(401);
      expect(response.body.error.code).toBe('UNAUTHORIZED');
      await expect(whenConnected(sockets.connect(server.url, token))).rejects.toThrow('unauthorized');
    }
    // Another user's session id does not make a token of one's own.
    await me(sign({ sub, tv, sid: claimsOf(admin.token).sid })).expect(401);
  });

  it('checks a token in one round trip: its user, its session and their desks read together', async () => {
    const desk = await createDesk(server.app);
    const user = await createUser(server.app, server.url, 'editor', [desk.id]);
    const statements: string[] = [];
    let recording = true;
    recordStatements(server.database.dataSource, (statement) => recording && statements.push(statement));
    const { user: signedIn, session } = await server.app.get(AuthService).authenticateSession(user.token);
    recording = false;
    // Every request and socket handshake pays this; a write notes the session seen once a minute.
    expect(statements).toHaveLength(1);
    expect(signedIn).toMatchObject({ id: claimsOf(user.token).sub, role: 'editor', deskIds: new Set([desk.id]) });
    expect(session.id).toBe(claimsOf(user.token).sid);
  });

  it('closes a socket when its token expires, telling it so, and REST refuses the token', async () => {
    const user = await createUser(server.app, server.url, 'reporter');
    const exp = Math.floor(Date.now() / 1000) + 2;
    const shortLived = tokenExpiringAt(user.token, exp);
    const end = await whenEnded(await sockets.open(server.url, shortLived));
    expect(end).toMatchObject({ event: { code: 'SESSION_EXPIRED' }, reason: 'io server disconnect' });
    expect(end.at - exp * 1000).toBeLessThan(1_000);
    await me(shortLived).expect(401);
  });
});
