import { randomUUID } from 'node:crypto';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { startChildServer } from '../support/child-server.js';
import { createUser, type TestUser } from '../support/factories.js';
import { startTestServer, TEST_JWT_SECRET, type TestServer } from '../support/test-server.js';

describe('access tokens (docs/security.md, Secrets and tokens)', () => {
  let server: TestServer;
  let user: TestUser;
  /** The claims of the user's real token, to re-sign with one thing changed. */
  let claims: Record<string, unknown>;

  beforeAll(async () => {
    server = await startTestServer({ env: { JWT_TTL_SECONDS: '3600' } });
    user = await createUser(server.app, server.url, 'reporter');
    claims = jwt.decode(user.token) as Record<string, unknown>;
  });
  afterAll(async () => {
    await server.close();
  });

  const me = (token: string) => request(server.url).get('/api/me').set('Authorization', `Bearer ${token}`);
  /** `claims` signed with the server's own secret, as only the server (or a holder of its secret) could. */
  const sign = (payload: Record<string, unknown>) =>
    jwt.sign(payload, TEST_JWT_SECRET, { algorithm: 'HS256', noTimestamp: true });

  it('are issued with an expiry JWT_TTL_SECONDS after their issue', () => {
    expect(typeof claims.exp).toBe('number');
    expect((claims.exp as number) - (claims.iat as number)).toBe(3600);
  });

  it('work when re-signed with the same claims (the control for the cases below)', async () => {
    await me(sign(claims)).expect(200);
  });

  it('are refused 401 without exp, even when properly signed', async () => {
    const { exp: _, ...withoutExpiry } = claims;
    const response = await me(sign(withoutExpiry)).expect(401);
    expect(response.body.error.code).toBe('UNAUTHORIZED');
  });

  it.each([
    ['a sub that is no UUID', { sub: 'admin' }],
    ['a sub that is a number', { sub: 42 }],
    ['a sub with SQL in it', { sub: "' OR 1=1 --" }],
    ['a session id that is no UUID', { sid: 'current' }],
    ['a sub of nobody', { sub: randomUUID() }],
  ])('are refused 401 (never 500) with %s', async (_, change) => {
    const response = await me(sign({ ...claims, ...change })).expect(401);
    expect(response.body.error.code).toBe('UNAUTHORIZED');
  });
});

describe('the jwt-secret file of the embedded database', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'copydesk-secret-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it.each([
    ['too short', 'abc', 0o600, /fewer than 32/],
    ['readable by others', 'k'.repeat(48), 0o644, /chmod 600/],
  ])('stops the server from starting when it is %s, naming the file and the fix', async (_, secret, mode, fix) => {
    const file = path.join(dataDir, 'jwt-secret');
    await writeFile(file, secret);
    await chmod(file, mode);
    const start = startChildServer({ DATA_DIR: dataDir, DATABASE_URL: '', REDIS_URL: '', JWT_SECRET: '' });
    const named = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    await expect(start).rejects.toThrow(new RegExp(`exited with 1: Invalid configuration:[\\s\\S]*${named}`));
    await expect(start).rejects.toThrow(fix);
  });
});
