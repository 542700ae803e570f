import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo, Socket as TcpSocket } from 'node:net';
import { Server, type Socket as ServerSocket } from 'socket.io';
import { io as ioClient, type Socket as ClientSocket } from 'socket.io-client';
import { coalesceWrites } from '../../apps/server/src/collab/write-coalescing.js';
import { createDesk, createDraft, createUser, type TestUser } from '../support/factories.js';
import { eventually, RawEditor, SocketPool, tcpOf } from '../support/raw-collab-client.js';
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
    const serverSide = accepted.find((tcp) => tcp.remotePort === tcpOf(reader.socket).localPort);
    if (!serverSide) throw new Error("the reader's connection was not seen by the server");
    const writes = recordWrites(serverSide);

    // Three letters the reader can recognise in the attachment: the update's bytes carry them.
    writer.body.insert(writer.body.length, ' قطر');
    await writer.flushed();
    await eventually(() => expect(reader.body.toString()).toBe('بداية قطر'));

    // One write carried the event's header (its name) and its attachment (the update's bytes).
    const carrying = writes.filter((bytes) => bytes.includes(Buffer.from('قطر')));
    expect(carrying).toHaveLength(1);
    expect(carrying[0]!.includes(Buffer.from('update'))).toBe(true);
  });
});

describe('events written to a connection in one turn', () => {
  let http: HttpServer;
  let io: Server;
  let url: string;
  const accepted: TcpSocket[] = [];
  const clients: ClientSocket[] = [];

  beforeAll(async () => {
    http = createServer();
    http.on('connection', (tcp: TcpSocket) => accepted.push(tcp));
    io = new Server(http, { transports: ['websocket'] });
    coalesceWrites(io);
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const client of clients) client.disconnect();
    await io.close();
  });

  it('leave in one write, in order', async () => {
    const arrived = new Promise<ServerSocket>((resolve) => io.once('connection', resolve));
    const client = ioClient(url, { transports: ['websocket'], forceNew: true });
    clients.push(client);
    const serverSide = await arrived;
    const tcp = accepted.at(-1)!;
    const writes = recordWrites(tcp);
    const received: string[] = [];
    client.on('note', (text: string) => received.push(text));

    for (const text of ['أول', 'ثانٍ', 'ثالث']) serverSide.emit('note', text);
    await eventually(() => expect(received).toEqual(['أول', 'ثانٍ', 'ثالث']));

    expect(writes).toHaveLength(1);
    const [only] = writes;
    const offsets = ['أول', 'ثانٍ', 'ثالث'].map((text) => only!.indexOf(Buffer.from(text)));
    expect(offsets.every((offset) => offset >= 0)).toBe(true);
    expect([...offsets].sort((a, b) => a - b)).toEqual(offsets);
  });
});
