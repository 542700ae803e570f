import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import * as Y from 'yjs';
import { DOCUMENT_FIELDS } from '#contracts';
import { killHard, runCli, startChildServer, stopGracefully, type ChildServer } from '../support/child-server.js';
import { connectSocket, send, whenConnected } from '../support/raw-collab-client.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { TEST_JWT_SECRET } from '../support/test-server.js';
import { DEMO_PASSWORD } from '../../apps/cli/src/commands/seed.command.js';

/** The server as operators run it: a real process, killed with SIGKILL in the middle of a stream of edits. */
describe('durability across a crash', () => {
  let testDb: TestDatabase;
  let env: Record<string, string>;
  let server: ChildServer | undefined;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    env =
      testDb.config.kind === 'postgres'
        ? { DATABASE_URL: testDb.config.url, JWT_SECRET: TEST_JWT_SECRET }
        : { DATA_DIR: testDb.config.dataDir };
    const seeded = await runCli(['seed', '--demo'], env);
    expect(seeded.code).toBe(0);
  });
  afterAll(async () => {
    if (server) await stopGracefully(server);
    await testDb.dispose();
  });

  const signIn = async (url: string) =>
    (
      await request(url)
        .post('/api/auth/login')
        .send({ email: 'reporter@copydesk.local', password: DEMO_PASSWORD })
        .expect(200)
    ).body.accessToken as string;

  it('keeps every update that was acked ok when the process is killed mid-stream', async () => {
    server = await startChildServer(env);
    const token = await signIn(server.url);
    const draft = await request(server.url)
      .post('/api/drafts')
      .set('Authorization', `Bearer ${token}`)
      .send({ language: 'ar', body: '' })
      .expect(201);
    const socket = connectSocket(server.url, token);
    await whenConnected(socket);
    expect(await send(socket, 'join', { draftId: draft.body.id })).toMatchObject({ ok: true });

    // A stream of edits, each a unique marker; the server dies while many are in flight.
    const doc = new Y.Doc();
    const acked: string[] = [];
    const inFlight: Promise<void>[] = [];
    let killed = false;
    for (let i = 0; i < 2_000 && !killed; i++) {
      const marker = `<${i}>`;
      const before = Y.encodeStateVector(doc);
      doc.getText(DOCUMENT_FIELDS.body).insert(doc.getText(DOCUMENT_FIELDS.body).length, marker);
      const update = Y.encodeStateAsUpdate(doc, before);
      inFlight.push(
        send(socket, 'update', { draftId: draft.body.id, update }).then(
          (ack) => void (ack.ok && acked.push(marker)),
          () => undefined,
        ),
      );
      if (acked.length >= 100 && !killed) {
        killed = true;
        await killHard(server);
      }
      if (i % 20 === 19) await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await Promise.all(inFlight);
    socket.disconnect();
    expect(killed).toBe(true);
    expect(acked.length).toBeGreaterThanOrEqual(100);
    // Mid-stream: some updates were sent and never acked.
    expect(acked.length).toBeLessThan(inFlight.length);

    server = await startChildServer(env);
    const reader = connectSocket(server.url, await signIn(server.url));
    await whenConnected(reader);
    const joined = await send(reader, 'join', { draftId: draft.body.id });
    reader.disconnect();
    if (!joined.ok) throw new Error(joined.error.message);
    const recovered = new Y.Doc();
    Y.applyUpdate(recovered, new Uint8Array(joined.update));
    const text = recovered.getText(DOCUMENT_FIELDS.body).toString();
    const lost = acked.filter((marker) => !text.includes(marker));
    expect(lost).toEqual([]);
  });

  it('refuses to let the CLI touch the embedded database while the server runs, and works once it stops', async () => {
    if (testDb.config.kind !== 'embedded') {
      // With PostgreSQL, any number of processes may share the database: nothing to refuse.
      const migrated = await runCli(['migrate'], env);
      expect(migrated.code).toBe(0);
      return;
    }
    server ??= await startChildServer(env);
    const refused = await runCli(
      ['user', 'add', '--email', 'new@copydesk.local', '--password-stdin', '--role', 'reporter'],
      env,
      'kettle orchard violin dusk\n',
    );
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(/is in use by process \d+ \(is the Copydesk server running\?\)/);
    expect(await stopGracefully(server)).toBe(0);
    server = undefined;
    const added = await runCli(
      ['user', 'add', '--email', 'new@copydesk.local', '--password-stdin', '--role', 'reporter', '--desk', 'Newsroom'],
      env,
      'kettle orchard violin dusk\n',
    );
    expect(added.output).toMatch(/Added reporter new@copydesk.local/);
    expect(added.code).toBe(0);
  });
});
