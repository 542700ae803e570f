import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { SecurityEventPage } from '#contracts';
import { bearer, createDesk, createUser, TEST_PASSWORD, type TestUser } from '../support/factories.js';
import { claimsOf } from '../support/session-end.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const WRONG_PASSWORD = 'wrong-password-that-must-never-be-logged';
const NEW_PASSWORD = 'a brand new passphrase that is long';

describe('the security audit log', () => {
  let server: TestServer;
  let admin: TestUser;

  const list = async (query: Record<string, string | number> = {}, who: TestUser = admin) =>
    (
      await request(server.url)
        .get('/api/admin/security-events')
        .query(query)
        .set(...bearer(who))
        .expect(200)
    ).body as SecurityEventPage;

  beforeAll(async () => {
    server = await startTestServer();
    admin = await createUser(server.app, server.url, 'admin');
  });
  afterAll(async () => {
    await server.close();
  });

  it('records a user’s security story, newest first, with who, whom, from where, and nothing secret', async () => {
    const desk = await createDesk(server.app);
    const created = await request(server.url)
      .post('/api/admin/users')
      .set(...bearer(admin))
      .set('User-Agent', 'AdminConsole/3')
      .send({
        email: `story.${Date.now()}@example.test`,
        password: TEST_PASSWORD,
        displayName: 'ريم',
        role: 'reporter',
      })
      .expect(201);
    const userId = created.body.id as string;
    const email = created.body.email as string;
    await request(server.url)
      .post('/api/auth/login')
      .set('User-Agent', 'Attacker/1')
      .send({ email: email.toUpperCase(), password: WRONG_PASSWORD })
      .expect(401);
    const login = await request(server.url)
      .post('/api/auth/login')
      .set('User-Agent', 'Browser/9')
      .send({ email, password: TEST_PASSWORD })
      .expect(200);
    const token = login.body.accessToken as string;
    const second = await request(server.url).post('/api/auth/login').send({ email, password: TEST_PASSWORD });
    await request(server.url)
      .delete(`/api/auth/sessions/${claimsOf(second.body.accessToken).sid}`)
      .set(...bearer({ token }))
      .expect(204);
    await request(server.url)
      .post('/api/auth/password')
      .set(...bearer({ token }))
      .send({ currentPassword: WRONG_PASSWORD, newPassword: NEW_PASSWORD })
      .expect(400);
    await request(server.url)
      .post('/api/auth/password')
      .set(...bearer({ token }))
      .send({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD })
      .expect(204);
    await request(server.url)
      .put(`/api/admin/desks/${desk.id}/members/${userId}`)
      .set(...bearer(admin))
      .expect(204);
    await request(server.url)
      .delete(`/api/admin/desks/${desk.id}/members/${userId}`)
      .set(...bearer(admin))
      .expect(204);
    await request(server.url)
      .patch(`/api/admin/users/${userId}`)
      .set(...bearer(admin))
      .send({ role: 'editor' })
      .expect(200);
    const relogin = await request(server.url).post('/api/auth/login').send({ email, password: NEW_PASSWORD });
    await request(server.url)
      .post('/api/auth/logout')
      .set(...bearer({ token: relogin.body.accessToken }))
      .expect(204);
    await request(server.url)
      .patch(`/api/admin/users/${userId}`)
      .set(...bearer(admin))
      .send({ disabled: true })
      .expect(200);
    await request(server.url)
      .patch(`/api/admin/users/${userId}`)
      .set(...bearer(admin))
      .send({ disabled: false })
      .expect(200);

    const events = (await list({ userId, limit: 100 })).items;
    expect(events.map((e) => e.kind)).toEqual(
      [
        'user_created',
        'login_failed',
        'login_succeeded',
        'login_succeeded',
        'session_revoked',
        'password_change_failed',
        'password_changed',
        'desk_member_added',
        'desk_member_removed',
        'role_changed',
        'login_succeeded',
        'logout',
        'user_disabled',
        'user_enabled',
      ].reverse(),
    );
    const byKind = (kind: string) => events.find((e) => e.kind === kind)!;
    expect(byKind('user_created')).toMatchObject({
      actorId: admin.id,
      subjectUserId: userId,
      userAgent: 'AdminConsole/3',
    });
    expect(byKind('login_failed')).toEqual({
      id: expect.any(String),
      kind: 'login_failed',
      at: expect.any(String),
      actorId: null,
      subjectUserId: userId,
      clientAddress: expect.stringMatching(/127\.0\.0\.1/),
      userAgent: 'Attacker/1',
      details: { email, reason: 'wrong_password' },
    });
    expect(byKind('login_succeeded')).toMatchObject({ actorId: userId, details: { sessionId: expect.any(String) } });
    expect(byKind('password_changed').details).toEqual({ endedSessions: 0 });
    expect(byKind('role_changed').details).toEqual({ from: 'reporter', to: 'editor', endedSessions: 1 });
    expect(byKind('desk_member_added').details).toEqual({ deskId: desk.id });
    // Never a password, a hash or a token, whatever was sent.
    const stored = JSON.stringify(events);
    for (const secret of [WRONG_PASSWORD, NEW_PASSWORD, TEST_PASSWORD, token, '$argon2']) {
      expect(stored).not.toContain(secret);
    }
  });

  it('records a login for an email nobody has, with the email tried', async () => {
    await request(server.url)
      .post('/api/auth/login')
      .send({ email: 'Nobody@Example.test', password: WRONG_PASSWORD })
      .expect(401);
    const [event] = (await list({ kind: 'login_failed', limit: 1 })).items;
    expect(event).toMatchObject({
      subjectUserId: null,
      details: { email: 'nobody@example.test', reason: 'unknown_email' },
    });
  });

  it('pages newest first with an opaque cursor, filtered by kind', async () => {
    const user = await createUser(server.app, server.url, 'reporter');
    for (let i = 0; i < 4; i++) {
      await request(server.url)
        .post('/api/auth/login')
        .send({ email: user.email, password: TEST_PASSWORD })
        .expect(200);
    }
    const all = (await list({ userId: user.id, kind: 'login_succeeded', limit: 100 })).items;
    expect(all).toHaveLength(5);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: SecurityEventPage = await list({
        userId: user.id,
        kind: 'login_succeeded',
        limit: 2,
        ...(cursor && { cursor }),
      });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((e) => e.id));
    const times = all.map((e) => Date.parse(e.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('is for admins only, and refuses a bad query with the error shape', async () => {
    for (const role of ['reporter', 'fact_checker', 'editor'] as const) {
      const user = await createUser(server.app, server.url, role);
      const refused = await request(server.url)
        .get('/api/admin/security-events')
        .set(...bearer(user))
        .expect(403);
      expect(refused.body.error.code).toBe('FORBIDDEN');
    }
    await request(server.url).get('/api/admin/security-events').expect(401);
    const cursor = await request(server.url)
      .get('/api/admin/security-events?cursor=bm90LW91cnM')
      .set(...bearer(admin))
      .expect(400);
    expect(cursor.body.error.code).toBe('INVALID_CURSOR');
    const bad = await request(server.url)
      .get('/api/admin/security-events?userId=x&kind=DROP%20TABLE&limit=1000')
      .set(...bearer(admin))
      .expect(400);
    expect(bad.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['kind', 'limit', 'userId']);
  });
});
