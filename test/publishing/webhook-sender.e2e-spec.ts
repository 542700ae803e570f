import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AddressPolicy, createWebhookSender, isDelivered, type WebhookSend } from '#publishing';

/** What a receiver did with each request, by path. */
type Behaviour = (req: http.IncomingMessage, res: http.ServerResponse) => void;

const BEHAVIOURS: Record<string, Behaviour> = {
  '/ok': (_req, res) => res.writeHead(204).end(),
  '/gone': (_req, res) => res.writeHead(410).end('gone'),
  '/redirect': (_req, res) => res.writeHead(302, { location: '/ok' }).end(),
  '/silent': () => undefined,
  // Headers at once, then the body never ends: still no complete answer.
  '/trickle': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.write('a');
  },
  // An endless answer after a 200: read up to the cap, then cut off.
  '/chatty': (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    const chunk = Buffer.alloc(16 * 1024, 120);
    const pump = () => {
      while (res.write(chunk));
      res.once('drain', pump);
    };
    res.on('close', () => res.removeAllListeners('drain'));
    pump();
  },
};

describe('one webhook attempt', () => {
  let server: http.Server;
  let base: string;
  const requests: { path: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
  const open = createWebhookSender({ timeoutMs: 300, policy: new AddressPolicy({ allowPrivateAddresses: true }) });
  const guarded = createWebhookSender({ timeoutMs: 300, policy: new AddressPolicy({ allowPrivateAddresses: false }) });

  const post = (send: WebhookSend, url: string) =>
    send({ url, body: '{"id":"d-1","headline":"عنوان"}', headers: { 'webhook-id': 'd-1' } });

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const path = req.url ?? '/';
        requests.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        (BEHAVIOURS[path] ?? BEHAVIOURS['/gone']!)(req, res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('POSTs the body as JSON with the signature headers, and a 2xx delivers', async () => {
    const outcome = await post(open, `${base}/ok`);
    expect(outcome).toEqual({ statusCode: 204, error: null, durationMs: expect.any(Number) });
    expect(isDelivered(outcome)).toBe(true);
    expect(requests.at(-1)).toEqual({
      path: '/ok',
      headers: expect.objectContaining({
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength('{"id":"d-1","headline":"عنوان"}')),
        'user-agent': 'Copydesk-Webhooks',
        'webhook-id': 'd-1',
        connection: 'close',
      }),
      body: '{"id":"d-1","headline":"عنوان"}',
    });
  });

  it('reports any other status as it is, and follows no redirect', async () => {
    expect(await post(open, `${base}/gone`)).toMatchObject({ statusCode: 410, error: null });
    const before = requests.length;
    const redirected = await post(open, `${base}/redirect`);
    expect(redirected).toMatchObject({ statusCode: 302 });
    expect(isDelivered(redirected)).toBe(false);
    expect(requests.slice(before).map((r) => r.path)).toEqual(['/redirect']);
  });

  it('gives up when the whole answer has not come within the timeout', async () => {
    for (const path of ['/silent', '/trickle']) {
      const outcome = await post(open, `${base}/${path.slice(1)}`);
      expect(outcome).toMatchObject({ statusCode: null, error: 'no complete answer within 300 ms' });
      expect(outcome.durationMs).toBeGreaterThanOrEqual(290);
      expect(outcome.durationMs).toBeLessThan(2_000);
    }
  });

  it('reads a long answer only up to its cap', async () => {
    // A timeout far beyond reading the cap: an answer that is not cut off runs into it and fails
    // here, whatever the machine's load (300 ms was too tight for a busy CI machine).
    const patient = createWebhookSender({
      timeoutMs: 10_000,
      policy: new AddressPolicy({ allowPrivateAddresses: true }),
    });
    const outcome = await post(patient, `${base}/chatty`);
    expect(outcome).toMatchObject({ statusCode: 200, error: null });
  });

  it('reports a refused connection as an error', async () => {
    const port = (server.address() as AddressInfo).port;
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect(closedPort).not.toBe(port);
    expect(await post(open, `http://127.0.0.1:${closedPort}/ok`)).toMatchObject({
      statusCode: null,
      error: expect.stringMatching(/ECONNREFUSED/),
    });
  });

  it('checks the address again at connect time: a name resolving to loopback reaches nothing', async () => {
    const before = requests.length;
    const port = (server.address() as AddressInfo).port;
    expect(await post(guarded, `http://localhost:${port}/ok`)).toMatchObject({
      statusCode: null,
      error: expect.stringMatching(/^localhost resolves to .*, which is not a public address$/),
    });
    expect(await post(guarded, `http://127.0.0.1:${port}/ok`)).toEqual({
      statusCode: null,
      error: '127.0.0.1 is not a public address',
      durationMs: 0,
    });
    expect(await post(guarded, `http://[::ffff:127.0.0.1]:${port}/ok`)).toMatchObject({ statusCode: null });
    expect(requests.length).toBe(before);
  });
});
