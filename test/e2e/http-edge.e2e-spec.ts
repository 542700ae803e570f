import { once } from 'node:events';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { bearer, createDesk, createUser, type TestUser } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const MiB = 1024 * 1024;

interface EarlyAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: unknown;
  /** Bytes of the body sent when the answer arrived. */
  sentWhenAnswered: number;
  /** Bytes sent before the server closed the connection (or all of them, had it not). */
  sentInAll: number;
  closedEarly: boolean;
}

/**
 * Announces a JSON body of `total` bytes and sends only its first 64 KiB, then waits for the
 * answer: a server that reads the body before deciding cannot answer now. After the answer it tries
 * to send the rest, to see whether the server takes it in or closes the connection.
 */
async function sendLargeBody(url: string, path: string, total: number, headers: Record<string, string> = {}) {
  const { hostname, port } = new URL(url);
  const outgoing = http.request({
    hostname,
    port,
    path,
    method: 'POST',
    agent: false,
    headers: { 'Content-Type': 'application/json', 'Content-Length': String(total), ...headers },
  });
  let closed = false;
  const closedPromise = new Promise<void>((resolve) => {
    outgoing.on('error', () => resolve());
    outgoing.on('close', () => resolve());
  }).then(() => {
    closed = true;
  });
  const head = Buffer.from('{"text":"');
  const chunk = Buffer.alloc(64 * 1024, 'a'.charCodeAt(0));
  outgoing.write(head);
  outgoing.write(chunk);
  let sent = head.length + chunk.length;

  // A server that waits for the rest of the body never answers: give up (and fail) instead of hanging.
  const answered = await Promise.race([
    once(outgoing, 'response') as Promise<[http.IncomingMessage]>,
    new Promise<null>((resolve) => setTimeout(() => resolve(null), 10_000).unref()),
  ]);
  if (answered === null) {
    outgoing.destroy();
    throw new Error(`No answer with ${sent} of ${total} bytes sent: the server waits for the body`);
  }
  const [response] = answered;
  const sentWhenAnswered = sent;
  let text = '';
  response.setEncoding('utf8');
  response.on('data', (part: string) => (text += part));
  await once(response, 'end');

  while (!closed && sent + chunk.length < total) {
    const drained = outgoing.write(chunk);
    sent += chunk.length;
    if (!drained) await Promise.race([once(outgoing, 'drain'), closedPromise]);
  }
  outgoing.destroy();
  const answer: EarlyAnswer = {
    status: response.statusCode ?? 0,
    headers: response.headers,
    body: JSON.parse(text) as unknown,
    sentWhenAnswered,
    sentInAll: sent,
    closedEarly: closed,
  };
  return answer;
}

const nested = (depth: number, inner = '1') => '['.repeat(depth) + inner + ']'.repeat(depth);

describe('the HTTP edge: what an unauthenticated caller can make the server do', () => {
  let server: TestServer;
  let reporter: TestUser;

  beforeAll(async () => {
    server = await startTestServer();
    const desk = await createDesk(server.app);
    reporter = await createUser(server.app, server.url, 'reporter', [desk.id]);
  });
  afterAll(async () => {
    await server.close();
  });

  describe('POST /api/claims/extract (a 32 MiB body limit)', () => {
    it.each([
      ['no token', {}],
      ['a forged token', { Authorization: 'Bearer not-a-jwt' }],
    ])('answers a 30 MiB body with %s 401 before reading it, and closes the connection', async (_, headers) => {
      const answer = await sendLargeBody(server.url, '/api/claims/extract', 30 * MiB, headers);
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({
        error: { code: 'UNAUTHORIZED', message: expect.any(String), requestId: expect.any(String) },
      });
      // Answered with 64 KiB of 30 MiB sent: the server decided without the body.
      expect(answer.sentWhenAnswered).toBeLessThan(100 * 1024);
      expect(answer.headers.connection).toBe('close');
      // And it did not take in the rest either: the connection closed long before 30 MiB.
      expect(answer.closedEarly).toBe(true);
      expect(answer.sentInAll).toBeLessThan(30 * MiB);
    });

    it('still reads a signed-in user’s long text (past the 1 MiB default)', async () => {
      const text = 'ارتفعت الأسعار بنسبة 45 بالمئة. '.repeat(40_000);
      expect(Buffer.byteLength(text)).toBeGreaterThan(MiB);
      const response = await request(server.url)
        .post('/api/claims/extract')
        .set(...bearer(reporter))
        .send({ text, language: 'ar' })
        .expect(200);
      expect(response.body.claims.length).toBeGreaterThan(0);
    });
  });

  describe('deeply nested JSON', () => {
    it.each([
      ['on login, before any sign-in', '/api/auth/login', false],
      ['on a signed-in route', '/api/drafts', true],
      ['on claim extraction', '/api/claims/extract', true],
    ])('is answered 400 in the error shape %s', async (_, path, signedIn) => {
      for (const body of [nested(100_000), `{"email":"a@b.c","password":${nested(33)}}`]) {
        const call = request(server.url).post(path).set('Content-Type', 'application/json');
        if (signedIn) call.set(...bearer(reporter));
        const response = await call.send(body).expect(400);
        expect(response.body).toEqual({
          error: {
            code: 'VALIDATION_FAILED',
            message: 'The request body is nested more than 32 levels deep',
            requestId: expect.any(String),
          },
        });
      }
    });

    it('is read up to 32 levels, and the body is then validated as usual', async () => {
      const response = await request(server.url)
        .post('/api/auth/login')
        .set('Content-Type', 'application/json')
        .send(`{"email":"a@example.test","password":"x","extra":${nested(31)}}`)
        .expect(400);
      expect(response.body.error.fields).toEqual([{ field: 'extra', messages: expect.any(Array) }]);
    });

    it('is refused whatever UTF the body is sent in', async () => {
      // fetch sends the bytes as they are (supertest would serialise a Buffer as JSON).
      const response = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json; charset=utf-16le' },
        body: Buffer.from(nested(40), 'utf16le'),
      });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { message: string } }).error.message).toContain('nested');
    });
  });

  describe('NUL and other control characters', () => {
    it.each([
      ['a NUL in a headline', { language: 'ar', headline: 'عنوان\u0000' }, 'headline'],
      ['a NUL in a body', { language: 'en', body: 'Before\u0000after' }, 'body'],
      ['an escape in a body', { language: 'en', body: 'red \u001b[31m text' }, 'body'],
    ])('refuse %s with 400 naming the field', async (_, draft, field) => {
      const response = await request(server.url)
        .post('/api/drafts')
        .set(...bearer(reporter))
        .send(draft)
        .expect(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
      expect(response.body.error.fields).toEqual([
        { field, messages: [expect.stringContaining('control characters')] },
      ]);
    });

    it('refuse a NUL in the search text q with 400 naming q', async () => {
      const response = await request(server.url)
        .get('/api/drafts')
        .query({ q: 'وزير\u0000' })
        .set(...bearer(reporter))
        .expect(400);
      expect(response.body.error.fields).toEqual([{ field: 'q', messages: [expect.stringContaining('control')] }]);
    });

    it('leave line breaks, tabs and the bidi marks of Arabic copy alone', async () => {
      const body = 'السطر الأول\nالثاني\t\u200fيوم ٩ شباط\u200e\r\nEnd';
      const created = await request(server.url)
        .post('/api/drafts')
        .set(...bearer(reporter))
        .send({ language: 'ar', headline: 'عنوان \u200f٢٠٢٦', body })
        .expect(201);
      expect(created.body.body).toBe(body);
      await request(server.url)
        .get('/api/drafts')
        .query({ q: 'شباط\t٩' })
        .set(...bearer(reporter))
        .expect(200);
    });
  });
});
