import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestServer, type TestServer } from '../support/test-server.js';

describe('operations endpoints', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ redis: true });
  });
  afterAll(async () => {
    await server.close();
  });

  it('answers liveness and readiness with the state of each dependency', async () => {
    await request(server.url).get('/health/live').expect(200, { status: 'ok' });
    const ready = await request(server.url).get('/health/ready').expect(200);
    expect(ready.body).toEqual({
      status: 'ok',
      checks: { database: 'ok', redis: process.env.REDIS_URL ? 'ok' : 'not_configured', documents: 'ok' },
      documents: { failedToLoad: 0 },
    });
  });

  it('exposes Prometheus metrics, counting requests by route', async () => {
    await request(server.url).get('/health/live').expect(200);
    const metrics = await request(server.url).get('/metrics').expect(200);
    expect(metrics.headers['content-type']).toMatch(/^text\/plain/);
    expect(metrics.text).toMatch(
      /copydesk_http_requests_total\{method="GET",route="\/health\/live",status="200"\} \d+/,
    );
    expect(metrics.text).toContain('copydesk_process_resident_memory_bytes');
  });

  it('serves the OpenAPI document', async () => {
    const doc = await request(server.url).get('/api/docs-json').expect(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/drafts', '/api/drafts/{draftId}']),
    );
  });

  it('answers unknown routes and every protected route without a token in the one error shape', async () => {
    const protectedRoute = await request(server.url).get('/api/drafts').expect(401);
    expect(protectedRoute.body.error.code).toBe('UNAUTHORIZED');
    const unknown = await request(server.url).get('/api/nothing-here').expect(404);
    expect(unknown.body).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('echoes a sane X-Request-Id and makes one up otherwise', async () => {
    const given = await request(server.url).get('/health/live').set('X-Request-Id', 'abc-123');
    expect(given.headers['x-request-id']).toBe('abc-123');
    const made = await request(server.url).get('/health/live').set('X-Request-Id', 'bad id with spaces');
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
