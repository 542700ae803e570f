import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Server as HttpServer } from 'node:http';
import type { Socket as TcpSocket } from 'node:net';
import { createDesk, createDraft, createUser, type TestUser } from '../support/factories.js';
import { eventually, RawEditor, SocketPool, type CollabSocket } from '../support/raw-collab-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/** The bytes of each write the server's TCP socket made, one entry per write to the kernel. */
function recordWrites(tcp: TcpSocket): Buffer[] {
  const writes: Buffer[] = [];
  const internals = tcp as unknown as {
    _write(chunk: Buffer, encoding: string, done: () => void): void;
    _writev(chunks: { chunk: Buffer }[], done: () => void): void;
  };
  const write = internals._write.bind(tcp);
  const writev = internals._writev.bind(tcp);
  internals._write = (chunk, encoding, done) => {
    writes.push(Buffer.from(chunk));
    write(chunk, encoding, done);
  };
  internals._writev = (chunks, done) => {
    writes.push(Buffer.concat(chunks.map(({ chunk }) => Buffer.from(chunk))));
    writev(chunks, done);
  };
  return writes;
}

function localPortOf(socket: CollabSocket): number {
  const transport = socket.io.engine.transport as unknown as { ws?: { _socket?: TcpSocket } };
  const port = transport.ws?._socket?.localPort;
  if (port === undefined) throw new Error('no TCP socket under this connection');
  return port;
}

describe('writes to a connection', () => {
  let server: TestServer;
  let reporter: TestUser;
  const sockets = new SocketPool();
  const accepted: TcpSocket[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    (server.app.getHttpServer() as HttpServer).on('connection', (tcp: TcpSocket) => accepted.push(tcp));
    const desk = await createDesk(server.app);
    reporter = await createUser(server.app, server.url, 'reporter', [desk.id]);
  });
  afterAll(async () => {
    sockets.closeAll();
    await server.close();
  });

  it('carry a binary event, header and attachment, in one write', async () => {
    const draftId = await createDraft(server.url, reporter, { body: 'بداية' });
    const writer = new RawEditor(await sockets.open(server.url, reporter.token), draftId);
    const reader = new RawEditor(await sockets.open(server.url, reporter.token), draftId);
    await writer.join();
    await reader.join();
    const serverSide = accepted.find((tcp) => tcp.remotePort === localPortOf(reader.socket));
    if (!serverSide) throw new Error("the reader's connection was not seen by the server");
    const writes = recordWrites(serverSide);

    // Three letters the reader can recognise in the attachment: the update's bytes carry them.
    writer.body.insert(writer.body.length, ' قطر');
    await writer.flushed();
    await eventually(() => expect(reader.body.toString()).toBe('بداية قطر'));

    const withHeader = writes.filter((bytes) => bytes.includes('"update"'));
    expect(withHeader).toHaveLength(1);
    expect(withHeader[0]!.includes(Buffer.from('قطر'))).toBe(true);
    // Nothing else carried the update's text: the attachment did not follow in a write of its own.
    expect(writes.filter((bytes) => bytes.includes(Buffer.from('قطر')))).toHaveLength(1);
  });
});
