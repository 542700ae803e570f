import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { io } from 'socket.io-client';
import request from 'supertest';
import { openDatabase } from '#persistence';
import { runCli, startChildServer, stopGracefully, type ChildServer } from '../support/child-server.js';
import { connectSocket, send, whenConnected } from '../support/raw-collab-client.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

// Every password this suite types, accepted or not: none may reach the log.
const PASSWORDS = {
  admin: 'kettle orchard violin dusk',
  wrong: 'almost the admin passphrase',
  reporter: 'الصحافة الحرة تحتاج صبرا طويلا',
  reset: 'lantern harbour quietly 77',
  weak: 'qwertyuiop',
  refused: 'passphrase the database never stores',
  disabled: 'frost meadow copper anchor',
  inQuery: 'password-in-a-query-string-1',
};
// A display name the database is made to refuse (a CHECK constraint this suite adds), so that
// creating this user fails inside PostgreSQL, after validation, with the hash as a parameter.
const REFUSED_NAME = 'Refused By The Database';

/**
 * Issue 14, "what this must show" 4: the log of a real server process at the most verbose level,
 * after a representative run (logins that work and fail, users created and changed by an admin,
 * a database error while creating a user, credentials in query strings, sockets), contains no
 * token, no password, no hash and not the signing secret.
 */
describe('the log of a server process', () => {
  let testDb: TestDatabase;
  let env: Record<string, string>;
  let server: ChildServer;
  let logDir: string;
  let logFile: string;
  let jwtSecret: string;
  const tokens: string[] = [];
  let failedRequestId: string;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    logDir = await mkdtemp(path.join(os.tmpdir(), 'copydesk-log-'));
    logFile = path.join(logDir, 'server.log');
    env =
      testDb.config.kind === 'postgres'
        ? { DATABASE_URL: testDb.config.url, JWT_SECRET: 'log-suite-secret-that-is-long-enough-for-hs256-01' }
        : { DATA_DIR: testDb.config.dataDir };
    expect((await runCli(['migrate'], env)).code).toBe(0);
    const database = await openDatabase(testDb.config);
    await database.dataSource.query(
      `ALTER TABLE users ADD CONSTRAINT log_suite_refused_name CHECK (display_name <> '${REFUSED_NAME}')`,
    );
    await database.close();
    const admin = await runCli(
      ['user', 'add', '--email', 'admin@example.test', '--role', 'admin', '--password-stdin'],
      env,
      PASSWORDS.admin,
    );
    expect(admin.code).toBe(0);
    server = await startChildServer({ ...env, LOG_LEVEL: 'trace' }, logFile);
    jwtSecret =
      env.JWT_SECRET ??
      (await readFile(path.join((testDb.config as { dataDir: string }).dataDir, 'jwt-secret'), 'utf8'));
  });
  afterAll(async () => {
    if (server) await stopGracefully(server);
    await testDb.dispose();
    await rm(logDir, { recursive: true, force: true });
  });

  const login = async (email: string, password: string, status: number) => {
    const response = await request(server.url).post('/api/auth/login').send({ email, password }).expect(status);
    if (status === 200) tokens.push(response.body.accessToken as string);
    return response.body.accessToken as string;
  };

  it('runs the flow, then finds none of its secrets in the log', async () => {
    const url = server.url;
    const adminToken = await login('admin@example.test', PASSWORDS.admin, 200);
    const asAdmin = { Authorization: `Bearer ${adminToken}` };
    await login('admin@example.test', PASSWORDS.wrong, 401);
    await login('nobody@example.test', PASSWORDS.admin, 401);

    // An admin creates a desk and users, refuses a weak password, resets one, disables another.
    const desk = await request(url).post('/api/admin/desks').set(asAdmin).send({ name: 'Newsroom' }).expect(201);
    const reporter = await request(url)
      .post('/api/admin/users')
      .set(asAdmin)
      .send({
        email: 'reem@example.test',
        password: PASSWORDS.reporter,
        displayName: 'ريم',
        role: 'reporter',
        deskIds: [desk.body.id],
      })
      .expect(201);
    await login('reem@example.test', PASSWORDS.reporter, 200);
    await request(url)
      .post('/api/admin/users')
      .set(asAdmin)
      .send({ email: 'weak@example.test', password: PASSWORDS.weak, displayName: 'Weak', role: 'reporter' })
      .expect(400);
    await request(url)
      .patch(`/api/admin/users/${reporter.body.id}`)
      .set(asAdmin)
      .send({ password: PASSWORDS.reset })
      .expect(200);
    const reporterToken = await login('reem@example.test', PASSWORDS.reset, 200);
    const disabled = await request(url)
      .post('/api/admin/users')
      .set(asAdmin)
      .send({ email: 'gone@example.test', password: PASSWORDS.disabled, displayName: 'Gone', role: 'editor' })
      .expect(201);
    await request(url).patch(`/api/admin/users/${disabled.body.id}`).set(asAdmin).send({ disabled: true }).expect(200);
    await login('gone@example.test', PASSWORDS.disabled, 401);

    // Finding 5: the database refuses a new user; the error is logged, as it should be.
    const failed = await request(url)
      .post('/api/admin/users')
      .set(asAdmin)
      .send({ email: 'refused@example.test', password: PASSWORDS.refused, displayName: REFUSED_NAME, role: 'reporter' })
      .expect(500);
    failedRequestId = failed.body.error.requestId as string;

    // Credentials where they do not belong: query strings.
    await request(url).get(`/api/me?token=${adminToken}&access_token=${reporterToken}`).set(asAdmin).expect(200);
    await request(url).get(`/api/drafts?q=x&token=${reporterToken}`).set('Authorization', `Bearer ${reporterToken}`);
    await request(url)
      .post(`/api/auth/login?password=${encodeURIComponent(PASSWORDS.inQuery)}`)
      .send({ email: 'reem@example.test', password: PASSWORDS.inQuery })
      .expect(401);
    await request(url).get('/api/me').set('Authorization', `Bearer ${adminToken}x`).expect(401);

    // Sockets: a joined session that edits, one with a token in its query, one with a bad token.
    const draft = await request(url)
      .post('/api/drafts')
      .set('Authorization', `Bearer ${reporterToken}`)
      .send({ language: 'ar', body: 'نص' })
      .expect(201);
    const socket = connectSocket(url, reporterToken);
    await whenConnected(socket);
    expect(await send(socket, 'join', { draftId: draft.body.id })).toMatchObject({ ok: true });
    expect(await send(socket, 'leave', { draftId: draft.body.id })).toMatchObject({ ok: true });
    socket.disconnect();
    const inQuery = io(`${url}/collab`, {
      query: { token: adminToken },
      auth: { token: adminToken },
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
    });
    await whenConnected(inQuery);
    inQuery.disconnect();
    const forged = connectSocket(url, `${reporterToken}x`);
    await expect(whenConnected(forged)).rejects.toThrow();
    forged.disconnect();

    await stopGracefully(server);
    await server.logWritten;
    const log = await readFile(logFile, 'utf8');

    // The log is there and saw the run: requests by path, and the database error with its id.
    const entries = log
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { msg?: string; requestId?: string; err?: { type?: string } });
    expect(entries.length).toBeGreaterThan(20);
    expect(log).toContain('"url":"/api/me"');
    expect(entries).toContainEqual(
      expect.objectContaining({ msg: 'unhandled error', requestId: failedRequestId, err: expect.anything() }),
    );

    // And none of the secrets.
    const secrets: [string, string][] = [
      ...Object.entries(PASSWORDS).map(([name, password]): [string, string] => [`password ${name}`, password]),
      ...tokens.map((token, index): [string, string] => [`token ${index}`, token]),
      // A token's signature alone would be enough to worry about.
      ...tokens.map((token, index): [string, string] => [`signature of token ${index}`, token.split('.')[2]!]),
      ['the JWT secret', jwtSecret],
      ['an argon2 hash', '$argon2'],
      ['a query string', '?token='],
      ['a query string', 'access_token='],
    ];
    expect(tokens.length).toBeGreaterThanOrEqual(3);
    expect(secrets.filter(([, secret]) => log.includes(secret)).map(([what]) => what)).toEqual([]);
  });
});
