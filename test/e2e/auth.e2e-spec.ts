import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { bearer, createDesk, createUser, TEST_PASSWORD, type TestUser } from '../support/factories.js';
import { startTestServer, TEST_JWT_SECRET, type TestServer } from '../support/test-server.js';

describe('authentication', () => {
  let server: TestServer;
  let reporter: TestUser;

  beforeAll(async () => {
    server = await startTestServer();
    const desk = await createDesk(server.app, 'Politics');
    reporter = await createUser(server.app, server.url, 'reporter', [desk.id], 'ريم الحلبي');
  });
  afterAll(async () => {
    await server.close();
  });

  it('logs in and returns the user with a token that opens /api/me', async () => {
    const login = await request(server.url)
      .post('/api/auth/login')
      .send({ email: reporter.email.toUpperCase(), password: TEST_PASSWORD })
      .expect(200);
    expect(login.body.user).toEqual({
      id: reporter.id,
      email: reporter.email,
      displayName: 'ريم الحلبي',
      role: 'reporter',
    });
    const me = await request(server.url)
      .get('/api/me')
      .set(...bearer({ token: login.body.accessToken }))
      .expect(200);
    expect(me.body).toMatchObject({ id: reporter.id, desks: [{ name: 'Politics' }] });
  });

  it('answers a wrong password and an unknown email with the same 401', async () => {
    const wrong = await request(server.url)
      .post('/api/auth/login')
      .send({ email: reporter.email, password: 'not the password' })
      .expect(401);
    const unknown = await request(server.url)
      .post('/api/auth/login')
      .send({ email: 'nobody@example.test', password: 'not the password' })
      .expect(401);
    expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS');
    expect(unknown.body.error.code).toBe(wrong.body.error.code);
    expect(unknown.body.error.message).toBe(wrong.body.error.message);
  });

  const forged = () => ({
    missing: undefined,
    garbage: 'not-a-jwt',
    tampered: reporter.token.replace(/.(?=\.[^.]*$)/, (c) => (c === 'A' ? 'B' : 'A')),
    'wrong secret': jwt.sign({ sub: reporter.id, tv: 0 }, 'another-secret-another-secret-another', {
      issuer: 'copydesk',
    }),
    expired: jwt.sign({ sub: reporter.id, tv: 0, exp: Math.floor(Date.now() / 1000) - 60 }, TEST_JWT_SECRET, {
      issuer: 'copydesk',
    }),
    'alg none': jwt.sign({ sub: reporter.id, tv: 0 }, '', { algorithm: 'none', issuer: 'copydesk' }),
  });

  it.each(['missing', 'garbage', 'tampered', 'wrong secret', 'expired', 'alg none'] as const)(
    'refuses a %s token with 401',
    async (kind) => {
      const token = forged()[kind];
      const call = request(server.url).get('/api/me');
      if (token) call.set('Authorization', `Bearer ${token}`);
      const response = await call.expect(401);
      expect(response.body.error.code).toBe('UNAUTHORIZED');
    },
  );

  it('revokes existing tokens when an admin disables the account', async () => {
    const admin = await createUser(server.app, server.url, 'admin');
    const victim = await createUser(server.app, server.url, 'reporter');
    await request(server.url)
      .get('/api/me')
      .set(...bearer(victim))
      .expect(200);
    await request(server.url)
      .patch(`/api/admin/users/${victim.id}`)
      .set(...bearer(admin))
      .send({ disabled: true })
      .expect(200);
    await request(server.url)
      .get('/api/me')
      .set(...bearer(victim))
      .expect(401);
    await request(server.url)
      .post('/api/auth/login')
      .send({ email: victim.email, password: TEST_PASSWORD })
      .expect(401);
  });

  it('lists every bad field of a login body and refuses unknown fields', async () => {
    const response = await request(server.url)
      .post('/api/auth/login')
      .send({ email: 42, password: ['x'], admin: true })
      .expect(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(response.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'admin',
      'email',
      'password',
    ]);
  });

  it('refuses malformed JSON with 400 and oversized JSON with 413', async () => {
    const malformed = await request(server.url)
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"email": ')
      .expect(400);
    expect(malformed.body.error.code).toBe('INVALID_JSON');
    const huge = await request(server.url)
      .post('/api/auth/login')
      .send({ email: 'a@b.c', password: 'x'.repeat(2 * 1024 * 1024) })
      .expect(413);
    expect(huge.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});
