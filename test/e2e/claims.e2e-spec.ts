import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { SUMMIT_ARTICLE } from '../fixtures/articles.js';
import { bearer, createUser, type TestUser } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

describe('POST /api/claims/extract', () => {
  let server: TestServer;
  let checker: TestUser;
  const extract = (body: unknown) =>
    request(server.url)
      .post('/api/claims/extract')
      .set(...bearer(checker))
      .send(body as object);

  beforeAll(async () => {
    server = await startTestServer();
    checker = await createUser(server.app, server.url, 'fact_checker');
  });
  afterAll(async () => {
    await server.close();
  });

  it('extracts the claims of an Arabic article with offsets into the text as sent', async () => {
    const response = await extract({ text: SUMMIT_ARTICLE, referenceDate: '2026-02-10' }).expect(200);
    expect(response.body.language).toBe('ar');
    const byKind = (kind: string) =>
      response.body.claims.filter((c: { kind: string }) => c.kind === kind).map((c: { value: unknown }) => c.value);
    expect(byKind('date')).toEqual([
      { date: '2026-02-09', weekday: 'monday' },
      { date: '2025-11' },
      { date: '2026-05-05', weekday: 'tuesday' },
    ]);
    expect(byKind('ordinal')).toEqual([14, 14]);
    expect(byKind('money')).toEqual([{ amount: 500_000_000, currency: 'USD' }]);
    expect(byKind('percentage')).toEqual([90]);
    // «نقلت … عن البيان أن» relays a report: نقل is not a speech verb of the speaker (docs/claims.md).
    expect(byKind('quote')).toEqual([{ speaker: 'وزير الطاقة الأردني' }]);
    for (const claim of response.body.claims) {
      expect(SUMMIT_ARTICLE.slice(claim.start, claim.end)).toBe(claim.text);
    }
    // Quoted names are names, not quotes.
    const quoted = response.body.claims
      .filter((c: { kind: string }) => c.kind === 'quote')
      .map((c: { text: string }) => c.text);
    expect(quoted.some((text: string) => text.includes('بترا') && text.length < 10)).toBe(false);
    expect(response.body.findings).toEqual([]);
  });

  it('reports a weekday that the date does not fall on', async () => {
    const response = await extract({
      text: SUMMIT_ARTICLE.replace('الاثنين 9 شباط', 'الأحد 9 شباط'),
      referenceDate: '2026-02-10',
    }).expect(200);
    expect(response.body.findings).toEqual([
      expect.objectContaining({ kind: 'weekday_mismatch', text: 'الأحد 9 شباط', claimIndex: 0 }),
    ]);
  });

  it.each([
    ['empty text', { text: '' }, 'VALIDATION_FAILED'],
    ['a non-string', { text: 42 }, 'VALIDATION_FAILED'],
    ['a malformed reference date', { text: 'نص', referenceDate: '10/02/2026' }, 'VALIDATION_FAILED'],
    ['an impossible reference date', { text: 'نص', referenceDate: '2026-02-30' }, 'INVALID_REFERENCE_DATE'],
    ['an unknown language', { text: 'نص', language: 'fr' }, 'VALIDATION_FAILED'],
  ])('answers %s with a clear 400', async (_, body, code) => {
    const response = await extract(body).expect(400);
    expect(response.body.error.code).toBe(code);
  });

  it('answers a 10 MB text with a 400 that says the limit', async () => {
    const response = await extract({ text: 'ب'.repeat(10 * 1024 * 1024) }).expect(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(response.body.error.fields).toEqual([{ field: 'text', messages: [expect.stringMatching(/2000000/)] }]);
  });

  it('needs a signed-in user', async () => {
    await request(server.url).post('/api/claims/extract').send({ text: 'نص' }).expect(401);
  });
});
