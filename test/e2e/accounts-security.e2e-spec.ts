import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { bearer, createUser, type TestUser } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const STRONG = 'kettle orchard violin dusk';

/** Issue 14: the password policy where admins set passwords, empty patches, the last admin. */
describe('admins managing accounts', () => {
  let server: TestServer;
  let admin: TestUser;

  beforeAll(async () => {
    server = await startTestServer();
    admin = await createUser(server.app, server.url, 'admin');
  });
  afterAll(async () => {
    await server.close();
  });

  const users = async () =>
    (
      await request(server.url)
        .get('/api/admin/users')
        .set(...bearer(admin))
        .expect(200)
    ).body as { id: string; email: string }[];
  const login = (email: string, password: string) =>
    request(server.url).post('/api/auth/login').send({ email, password });

  describe('the password policy', () => {
    // Issue 14, finding 1: each of these was accepted.
    it.each([
      ['12345678', 'password must be at least 10 characters long (it has 8)'],
      ['password', 'password must be at least 10 characters long (it has 8)'],
      ['        ', 'password must be at least 10 characters long (it has 8)'],
      ['\0'.repeat(8), 'password must not contain control characters such as NUL, tab or line breaks'],
      ['Password123', 'password is too easy to guess: This is a commonly used password.'],
      ['RimaZoubi!!', 'password is too easy to guess: There should not be any personal or page related data.'],
    ])('refuses %j for a new user with 400 and the reason, creating nobody', async (password, reason) => {
      const before = await users();
      const response = await request(server.url)
        .post('/api/admin/users')
        .set(...bearer(admin))
        .send({ email: 'rima.zoubi@example.test', password, displayName: 'Rima Zoubi', role: 'reporter' })
        .expect(400);
      expect(response.body.error).toMatchObject({
        code: 'VALIDATION_FAILED',
        fields: [{ field: 'password', messages: expect.arrayContaining([reason]) }],
      });
      expect(await users()).toEqual(before);
    });

    it('accepts a long Arabic passphrase, which then signs in', async () => {
      const password = 'الصحافة الحرة تحتاج صبرا طويلا';
      await request(server.url)
        .post('/api/admin/users')
        .set(...bearer(admin))
        .send({ email: 'huda@example.test', password, displayName: 'هدى', role: 'editor' })
        .expect(201);
      await login('huda@example.test', password).expect(200);
    });

    it('applies to a password an admin sets, judged against that user’s own name (or the new one)', async () => {
      const user = await createUser(server.app, server.url, 'reporter', [], 'Samer Haddad');
      const weak = await request(server.url)
        .patch(`/api/admin/users/${user.id}`)
        .set(...bearer(admin))
        .send({ password: 'SamerHaddad!!' })
        .expect(400);
      expect(weak.body.error.fields).toEqual([
        {
          field: 'password',
          messages: [
            'password is too easy to guess: There should not be any personal or page related data.',
            'Add more words that are less common.',
          ],
        },
      ]);
      await login(user.email, user.password).expect(200);
      await request(server.url)
        .patch(`/api/admin/users/${user.id}`)
        .set(...bearer(admin))
        .send({ password: 'NadiaKhoury!!', displayName: 'Nadia Khoury' })
        .expect(400);
      await request(server.url)
        .patch(`/api/admin/users/${user.id}`)
        .set(...bearer(admin))
        .send({ password: STRONG })
        .expect(200);
      await login(user.email, STRONG).expect(200);
    });
  });

  describe('an update', () => {
    // Issue 14, finding 6: `{}` was a 500.
    it('refuses an empty patch with 400 VALIDATION_FAILED, changing nothing', async () => {
      const user = await createUser(server.app, server.url, 'reporter');
      const response = await request(server.url)
        .patch(`/api/admin/users/${user.id}`)
        .set(...bearer(admin))
        .send({})
        .expect(400);
      expect(response.body.error).toMatchObject({
        code: 'VALIDATION_FAILED',
        message: 'Nothing to change: give displayName, role, password or disabled',
      });
      await request(server.url)
        .get('/api/me')
        .set(...bearer(user))
        .expect(200);
    });

    it('refuses a NUL in a display name or a desk name with 400 (PostgreSQL cannot store it)', async () => {
      const user = await createUser(server.app, server.url, 'reporter');
      const named = await request(server.url)
        .patch(`/api/admin/users/${user.id}`)
        .set(...bearer(admin))
        .send({ displayName: 'ريم\0' })
        .expect(400);
      expect(named.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['displayName']);
      await request(server.url)
        .post('/api/admin/users')
        .set(...bearer(admin))
        .send({ email: 'nul@example.test', password: STRONG, displayName: 'a\0b', role: 'reporter' })
        .expect(400);
      await request(server.url)
        .post('/api/admin/desks')
        .set(...bearer(admin))
        .send({ name: 'desk\0' })
        .expect(400);
    });

    it.each(['displayName', 'role', 'password', 'disabled'])('refuses %s: null with 400', async (field) => {
      const user = await createUser(server.app, server.url, 'reporter');
      const response = await request(server.url)
        .patch(`/api/admin/users/${user.id}`)
        .set(...bearer(admin))
        .send({ [field]: null })
        .expect(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
      expect(response.body.error.fields.map((f: { field: string }) => f.field)).toEqual([field]);
    });
  });
});

/** Issue 14, finding 9: nothing stopped an admin from demoting or disabling the last admin. */
describe('the last active admin', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  const patch = (actor: TestUser, user: { id: string }, body: object) =>
    request(server.url)
      .patch(`/api/admin/users/${user.id}`)
      .set(...bearer(actor))
      .send(body);

  it('cannot be disabled or demoted, by themself or anyone: 409 CONFLICT saying why', async () => {
    const admin = await createUser(server.app, server.url, 'admin');
    for (const body of [{ disabled: true }, { role: 'editor' }, { role: 'reporter', disabled: true }]) {
      const response = await patch(admin, admin, body).expect(409);
      expect(response.body.error.code).toBe('CONFLICT');
      expect(response.body.error.message).toMatch(/^This is the last active admin: it cannot be .*\. Make another/);
    }
    // Still an admin with a working token: nothing was changed, nothing revoked.
    await request(server.url)
      .get('/api/admin/users')
      .set(...bearer(admin))
      .expect(200);
  });

  it('of two admins stepping down at the same moment, lets exactly one go', async () => {
    for (let round = 0; round < 5; round++) {
      const [first, second] = [
        await createUser(server.app, server.url, 'admin'),
        await createUser(server.app, server.url, 'admin'),
      ];
      // Every earlier admin steps aside, so that these two are the only active ones.
      await server.database.dataSource.query(
        `UPDATE users SET role = 'editor' WHERE role = 'admin' AND NOT (id = ANY($1))`,
        [[first.id, second.id]],
      );
      const statuses = await Promise.all([
        patch(first, first, { role: 'editor' }).then((response) => response.status),
        patch(second, second, { disabled: true }).then((response) => response.status),
      ]);
      expect(statuses.sort()).toEqual([200, 409]);
      const [{ count }] = await server.database.dataSource.query(
        `SELECT count(*)::int AS count FROM users WHERE role = 'admin' AND disabled_at IS NULL`,
      );
      expect(count).toBe(1);
    }
  });
});
