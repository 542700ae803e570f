import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestServer, type TestServer } from '../support/test-server.js';

/** The content security policy of a response, directive by directive. */
function policyOf(response: request.Response): Map<string, string> {
  const header = String(response.headers['content-security-policy'] ?? '');
  return new Map(
    header
      .split(';')
      .map((directive) => directive.trim())
      .filter(Boolean)
      .map((directive) => {
        const [name = '', ...values] = directive.split(/\s+/);
        return [name, values.join(' ')];
      }),
  );
}

describe('security headers (docs/security.md, HTTP headers)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { TRUST_PROXY: 'loopback' } });
  });
  afterAll(async () => {
    await server.close();
  });

  it.each([
    ['a JSON answer', '/health/live', 200],
    ['an error', '/api/drafts', 401],
    ['an unknown route', '/api/nothing-here', 404],
  ])('come with %s', async (_, path, status) => {
    const response = await request(server.url).get(path).expect(status);
    expect(response.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
    });
    expect(response.headers['x-powered-by']).toBeUndefined();
    const policy = policyOf(response);
    expect(policy.get('default-src')).toBe("'none'");
    expect(policy.get('frame-ancestors')).toBe("'none'");
  });

  it('gives the API docs page a policy it works under: its own scripts, no inline script, data: images', async () => {
    const page = await request(server.url).get('/api/docs/').expect(200);
    const policy = policyOf(page);
    expect(policy.get('script-src')).toBe("'self'");
    expect(policy.get('img-src')).toContain('data:');
    expect(policy.get('style-src')).toContain("'unsafe-inline'");
    expect(policy.has('upgrade-insecure-requests')).toBe(false);
    expect(policy.get('frame-ancestors')).toBe("'none'");
    // What the page loads is all its own, and served; nothing it runs is inline.
    const html = page.text;
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>\s*\S/);
    const assets = [...html.matchAll(/(?:src|href)=['"]([^'"]+)['"]/g)].map((match) => match[1]!);
    expect(assets.length).toBeGreaterThanOrEqual(4);
    for (const asset of assets) {
      expect(asset).not.toMatch(/^(https?:)?\/\//);
      await request(server.url)
        .get(new URL(asset, `${server.url}/api/docs/`).pathname)
        .expect(200);
    }
  });

  it('sends HSTS only on requests that came over TLS, as the trusted proxy says', async () => {
    const secure = await request(server.url).get('/health/live').set('X-Forwarded-Proto', 'https').expect(200);
    expect(secure.headers['strict-transport-security']).toMatch(/^max-age=\d{8}/);
    const plain = await request(server.url).get('/health/live').expect(200);
    expect(plain.headers['strict-transport-security']).toBeUndefined();
  });
});

describe('production configuration (NODE_ENV=production)', () => {
  const METRICS_TOKEN = 'scrape-token-for-the-test';
  let withToken: TestServer;
  let withoutToken: TestServer;
  beforeAll(async () => {
    withToken = await startTestServer({ env: { NODE_ENV: 'production', METRICS_TOKEN } });
    withoutToken = await startTestServer({ env: { NODE_ENV: 'production', API_DOCS: 'true' } });
  });
  afterAll(async () => {
    await withToken.close();
    await withoutToken.close();
  });

  it('asks /metrics for METRICS_TOKEN', async () => {
    for (const authorization of [undefined, 'Bearer wrong', `Bearer ${METRICS_TOKEN}x`, METRICS_TOKEN]) {
      const call = request(withToken.url).get('/metrics');
      if (authorization) call.set('Authorization', authorization);
      const response = await call.expect(401);
      expect(response.body.error.code).toBe('UNAUTHORIZED');
    }
    const scrape = await request(withToken.url).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`);
    expect(scrape.status).toBe(200);
    expect(scrape.text).toContain('copydesk_http_requests_total');
  });

  it('keeps /metrics closed to everyone while no METRICS_TOKEN is set', async () => {
    for (const authorization of [undefined, 'Bearer null', 'Bearer ', 'Bearer undefined']) {
      const call = request(withoutToken.url).get('/metrics');
      if (authorization) call.set('Authorization', authorization);
      const response = await call.expect(401);
      expect(response.body.error.message).toContain('METRICS_TOKEN');
    }
  });

  it('serves no API docs unless API_DOCS=true', async () => {
    for (const path of ['/api/docs', '/api/docs/', '/api/docs-json', '/api/docs-yaml']) {
      const response = await request(withToken.url).get(path).expect(404);
      expect(response.body.error.code).toBe('NOT_FOUND');
    }
    await request(withoutToken.url).get('/api/docs-json').expect(200);
  });

  it('ignores X-Forwarded-Proto without TRUST_PROXY: no HSTS on plain HTTP', async () => {
    const response = await request(withToken.url).get('/health/live').set('X-Forwarded-Proto', 'https').expect(200);
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });
});
