import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as Y from 'yjs';
import { MetricsService } from '../../apps/server/src/metrics/metrics.service.js';
import { createDesk, createDraft, createUser, type TestUser } from '../support/factories.js';
import { eventually, RawEditor, SocketPool, tcpOf } from '../support/raw-collab-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

describe('a connection that stops reading', () => {
  let server: TestServer;
  let reporter: TestUser;
  const sockets = new SocketPool();

  beforeAll(async () => {
    server = await startTestServer({
      env: {
        COLLAB_MAX_DOCUMENT_BYTES: String(256 * 1024),
        COLLAB_MAX_OUTBOUND_BYTES: String(1024 * 1024),
        COLLAB_UPDATES_PER_SECOND: '1000',
        COLLAB_UPDATE_BURST: '1000',
      },
    });
    const desk = await createDesk(server.app);
    reporter = await createUser(server.app, server.url, 'reporter', [desk.id]);
  });
  afterAll(async () => {
    sockets.closeAll();
    await server.close();
  });

  it('is cut off once the server holds too much for it, and catches up by re-joining', async () => {
    const draftId = await createDraft(server.url, reporter, { body: 'بداية' });
    const writer = new RawEditor(await sockets.open(server.url, reporter.token), draftId);
    const reader = new RawEditor(await sockets.open(server.url, reporter.token), draftId);
    await writer.join();
    await reader.join();
    const cutBefore = await cutCount();
    let readerGone = false;
    reader.socket.on('disconnect', () => (readerGone = true));
    tcpOf(reader.socket).pause();

    // Far more than loopback's kernel buffers take: inserted and deleted again, so the draft stays small.
    const body = writer.body;
    const chunk = 'خبر عاجل '.repeat(6_000); // ~100 KB as UTF-8
    for (let round = 0; round < 300 && (await cutCount()) === cutBefore; round++) {
      body.insert(body.length, chunk);
      body.delete(body.length - chunk.length, chunk.length);
      await writer.flushed();
    }
    expect(await cutCount()).toBe(cutBefore + 1);
    // Meanwhile the writer was never held up: all its updates were acked.
    expect(writer.acks.every((ack) => ack.ok)).toBe(true);

    // The reader reads what had reached it, then finds the connection closed.
    tcpOf(reader.socket).resume();
    await eventually(() => expect(readerGone).toBe(true));
    body.insert(body.length, ' وأخيرا');
    await writer.flushed();
    // A new connection re-joins with what it holds, and gets the rest as one update.
    const again = new RawEditor(
      await sockets.open(server.url, reporter.token),
      draftId,
      Y.encodeStateAsUpdate(reader.doc),
    );
    await again.join();
    await again.flushed();
    expect(again.body.toString()).toBe(writer.body.toString());
    expect(again.body.toString()).toBe('بداية وأخيرا');
  }, 60_000);

  async function cutCount(): Promise<number> {
    const metrics = server.app.get(MetricsService);
    const value = await metrics.slowConsumersCut.get();
    return value.values[0]?.value ?? 0;
  }
});
