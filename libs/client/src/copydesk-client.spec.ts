import { describe, expect, it } from '@jest/globals';
import { CopydeskApiError } from './copydesk-api-error.js';
import { CopydeskClient } from './copydesk-client.js';
import type { FetchFunction } from './rest-types.js';

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

function fakeFetch(reply: (call: Call) => { status: number; body?: unknown }): { fetch: FetchFunction; calls: Call[] } {
  const calls: Call[] = [];
  const fetch: FetchFunction = async (url, init) => {
    const call: Call = {
      url,
      method: init.method ?? 'GET',
      headers: init.headers as Record<string, string>,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    calls.push(call);
    const { status, body } = reply(call);
    return new Response(body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  };
  return { fetch, calls };
}

const LOGIN = {
  accessToken: 'jwt-1',
  expiresIn: 3600,
  user: { id: 'u1', email: 'r@x', displayName: 'R', role: 'reporter' },
};

describe('CopydeskClient REST', () => {
  it('logs in and sends the token with every later call', async () => {
    const { fetch, calls } = fakeFetch((call) =>
      call.url.endsWith('/login') ? { status: 200, body: LOGIN } : { status: 200, body: { id: 'u1', desks: [] } },
    );
    const client = new CopydeskClient({ baseUrl: 'http://127.0.0.1:3000/', fetch });
    await client.login('r@x', 'secret-pass');
    await client.me();
    expect(client.token).toBe('jwt-1');
    expect(calls[0]).toMatchObject({
      url: 'http://127.0.0.1:3000/api/auth/login',
      method: 'POST',
      body: { email: 'r@x', password: 'secret-pass' },
    });
    expect(calls[0]!.headers.authorization).toBeUndefined();
    expect(calls[1]).toMatchObject({ url: 'http://127.0.0.1:3000/api/me', method: 'GET' });
    expect(calls[1]!.headers.authorization).toBe('Bearer jwt-1');
  });

  it('builds the drafts routes', async () => {
    const { fetch, calls } = fakeFetch(() => ({ status: 200, body: {} }));
    const client = new CopydeskClient({ baseUrl: 'http://h', token: 't', fetch });
    await client.createDraft({ language: 'ar', headline: 'عنوان' });
    await client.getDraft('a/b');
    await client.listDrafts({ q: 'شباط', limit: 5, state: undefined });
    await client.listDrafts();
    await client.getPresence('d1');
    expect(calls.map((call) => `${call.method} ${call.url}`)).toEqual([
      'POST http://h/api/drafts',
      'GET http://h/api/drafts/a%2Fb',
      `GET http://h/api/drafts?q=${encodeURIComponent('شباط')}&limit=5`,
      'GET http://h/api/drafts',
      'GET http://h/api/drafts/d1/presence',
    ]);
    expect(calls[0]!.body).toEqual({ language: 'ar', headline: 'عنوان' });
  });

  it('builds the session and password routes, and forgets the token once signed out', async () => {
    const { fetch, calls } = fakeFetch((call) => (call.method === 'GET' ? { status: 200, body: [] } : { status: 204 }));
    const client = new CopydeskClient({ baseUrl: 'http://h', token: 't', fetch });
    await client.listSessions();
    await client.revokeSession('s/1');
    await client.changePassword('old one', 'a new passphrase');
    await client.logout();
    expect(calls.map((call) => `${call.method} ${call.url}`)).toEqual([
      'GET http://h/api/auth/sessions',
      'DELETE http://h/api/auth/sessions/s%2F1',
      'POST http://h/api/auth/password',
      'POST http://h/api/auth/logout',
    ]);
    expect(calls[2]!.body).toEqual({ currentPassword: 'old one', newPassword: 'a new passphrase' });
    expect(calls[3]!.headers.authorization).toBe('Bearer t');
    expect(client.token).toBeNull();
  });

  it('posts a text for claim extraction and hands back the answer', async () => {
    const answer = {
      language: 'ar',
      claims: [{ kind: 'percentage', text: '90%', start: 6, end: 9, value: 90 }],
      findings: [],
    };
    const { fetch, calls } = fakeFetch(() => ({ status: 200, body: answer }));
    const client = new CopydeskClient({ baseUrl: 'http://h', token: 't', fetch });
    const result = await client.extractClaims({ text: 'نسبة 90%', referenceDate: '2026-02-10' });
    expect(result).toEqual(answer);
    expect(calls[0]).toMatchObject({
      url: 'http://h/api/claims/extract',
      method: 'POST',
      body: { text: 'نسبة 90%', referenceDate: '2026-02-10' },
    });
  });

  it('builds the claims routes, each id a path segment of its own', async () => {
    const { fetch, calls } = fakeFetch(() => ({ status: 200, body: {} }));
    const client = new CopydeskClient({ baseUrl: 'http://h', token: 't', fetch });
    await client.listClaims('d/1');
    await client.getClaim('d1', 'c?1');
    await client.tagClaim('d1', { start: 4, end: 9, kind: 'percentage', note: 'من البيان' });
    await client.addVerdict('d1', 'c1', { status: 'verified', evidence: [{ url: 'https://example.org/a' }] });
    await client.dismissFinding('d1', 'c1', 'f#1', 'التاريخ صحيح');
    await client.claimsQueue({ status: 'stale', deskId: 'k1', limit: 10, cursor: undefined });
    await client.claimsQueue();
    expect(calls.map((call) => `${call.method} ${call.url}`)).toEqual([
      'GET http://h/api/drafts/d%2F1/claims',
      'GET http://h/api/drafts/d1/claims/c%3F1',
      'POST http://h/api/drafts/d1/claims',
      'POST http://h/api/drafts/d1/claims/c1/verdicts',
      'POST http://h/api/drafts/d1/claims/c1/findings/f%231/dismiss',
      'GET http://h/api/claims?status=stale&deskId=k1&limit=10',
      'GET http://h/api/claims',
    ]);
    expect(calls.map((call) => call.body)).toEqual([
      undefined,
      undefined,
      { start: 4, end: 9, kind: 'percentage', note: 'من البيان' },
      { status: 'verified', evidence: [{ url: 'https://example.org/a' }] },
      { reason: 'التاريخ صحيح' },
      undefined,
      undefined,
    ]);
  });

  it('builds the review and revision routes', async () => {
    const { fetch, calls } = fakeFetch(() => ({ status: 200, body: {} }));
    const client = new CopydeskClient({ baseUrl: 'http://h', token: 't', fetch });
    await client.reviewAction('d1', 'request-changes', { reason: 'صحح التاريخ' });
    await client.reviewAction('d1', 'submit');
    await client.reviewHistory('d1');
    await client.reviewHistory('d1', { actorId: 'u 1' });
    await client.revisions('d1');
    await client.revision('d1', 2);
    await client.revisionDiff('d1', 1, 3);
    await client.reviewQueue({ deskId: 'k1', cursor: 'a+b/c=' });
    expect(calls.map((call) => `${call.method} ${call.url}`)).toEqual([
      'POST http://h/api/drafts/d1/review/request-changes',
      'POST http://h/api/drafts/d1/review/submit',
      'GET http://h/api/drafts/d1/review',
      'GET http://h/api/drafts/d1/review?actorId=u+1',
      'GET http://h/api/drafts/d1/revisions',
      'GET http://h/api/drafts/d1/revisions/2',
      'GET http://h/api/drafts/d1/diff?from=1&to=3',
      'GET http://h/api/review/queue?deskId=k1&cursor=a%2Bb%2Fc%3D',
    ]);
    // An action always sends a JSON body, empty when there is nothing to say.
    expect(calls.slice(0, 2).map((call) => call.body)).toEqual([{ reason: 'صحح التاريخ' }, {}]);
  });

  it('builds the publication routes', async () => {
    const { fetch, calls } = fakeFetch(() => ({ status: 200, body: { items: [], nextCursor: null, head: 7 } }));
    const client = new CopydeskClient({ baseUrl: 'http://h', token: 't', fetch });
    await client.publications('d1');
    await client.publication('d1', 2);
    const page = await client.publicationFeed({ since: 7, limit: 50 });
    await client.publicationFeed();
    expect(page.head).toBe(7);
    expect(calls.map((call) => `${call.method} ${call.url}`)).toEqual([
      'GET http://h/api/drafts/d1/publications',
      'GET http://h/api/drafts/d1/publications/2',
      'GET http://h/api/publications?since=7&limit=50',
      'GET http://h/api/publications',
    ]);
  });

  it('gives the blockers of a refused approval, typed', async () => {
    const blockers = [
      { kind: 'empty_field', field: 'headline' },
      { kind: 'claim_unchecked', reason: 'unchecked', claim: { id: 'c1', kind: 'percentage', text: '90%' } },
    ];
    const { fetch } = fakeFetch(() => ({
      status: 409,
      body: { error: { code: 'PUBLISH_GATE_FAILED', message: 'The draft cannot be approved yet', blockers } },
    }));
    const client = new CopydeskClient({ baseUrl: 'http://h', token: 't', fetch });
    const error = await client.reviewAction('d1', 'approve').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CopydeskApiError);
    const refused = error as CopydeskApiError;
    expect(refused.status).toBe(409);
    expect(refused.isPublishGateFailed()).toBe(true);
    if (!refused.isPublishGateFailed()) return;
    expect(refused.details.blockers.map((blocker) => blocker.kind)).toEqual(['empty_field', 'claim_unchecked']);
    expect(refused.details.blockers).toEqual(blockers);
  });

  it('is no gate failure when the code or the blockers are missing', () => {
    expect(
      new CopydeskApiError(409, 'CONFLICT', 'Try again', {
        code: 'CONFLICT',
        message: 'Try again',
      }).isPublishGateFailed(),
    ).toBe(false);
    expect(
      new CopydeskApiError(409, 'PUBLISH_GATE_FAILED', 'No list', {
        code: 'PUBLISH_GATE_FAILED',
        message: 'No list',
      }).isPublishGateFailed(),
    ).toBe(false);
  });

  it('tells the two review conflicts apart by their reason', async () => {
    const refusals = [
      {
        code: 'CONFLICT',
        message: 'Cannot approve a draft that is approved: from approved you may request-changes, reopen, publish',
        reason: 'state',
        state: 'approved',
        action: 'approve',
        allowed: ['request-changes', 'reopen', 'publish'],
      },
      {
        code: 'CONFLICT',
        message: 'The draft changed while it was being checked',
        reason: 'changed',
        checked: 4,
        current: 5,
      },
    ];
    let answered = 0;
    const { fetch } = fakeFetch(() => ({ status: 409, body: { error: refusals[answered++]! } }));
    const client = new CopydeskClient({ baseUrl: 'http://h', token: 't', fetch });
    const reasons: string[] = [];
    for (let attempt = 0; attempt < refusals.length; attempt += 1) {
      const error = (await client.reviewAction('d1', 'approve').catch((caught: unknown) => caught)) as CopydeskApiError;
      expect(error.isReviewConflict()).toBe(true);
      if (!error.isReviewConflict()) return;
      reasons.push(error.details.reason);
      if (error.details.reason === 'state') expect(error.details.allowed).toContain('publish');
      else expect(error.details).toMatchObject({ checked: 4, current: 5 });
    }
    expect(reasons).toEqual(['state', 'changed']);
  });

  it('is no review conflict without a known reason, or with another code', () => {
    expect(
      new CopydeskApiError(409, 'CONFLICT', 'Last admin', { code: 'CONFLICT', message: 'x' }).isReviewConflict(),
    ).toBe(false);
    expect(
      new CopydeskApiError(409, 'CONFLICT', 'x', {
        code: 'CONFLICT',
        message: 'x',
        reason: 'other',
      }).isReviewConflict(),
    ).toBe(false);
    expect(
      new CopydeskApiError(409, 'PUBLISH_GATE_FAILED', 'x', {
        code: 'PUBLISH_GATE_FAILED',
        message: 'x',
        reason: 'state',
      }).isReviewConflict(),
    ).toBe(false);
  });

  it('turns an error body into a CopydeskApiError', async () => {
    const { fetch } = fakeFetch(() => ({
      status: 401,
      body: { error: { code: 'INVALID_CREDENTIALS', message: 'Wrong email or password', requestId: 'r1' } },
    }));
    const client = new CopydeskClient({ baseUrl: 'http://h', fetch });
    const error = await client.login('r@x', 'nope').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CopydeskApiError);
    expect(error).toMatchObject({ status: 401, code: 'INVALID_CREDENTIALS', message: 'Wrong email or password' });
    expect((error as CopydeskApiError).details?.requestId).toBe('r1');
    expect(client.token).toBeNull();
  });

  it('names an error without the standard body by its status', async () => {
    const { fetch } = fakeFetch(() => ({ status: 502, body: '<html>Bad gateway</html>' }));
    const error = await new CopydeskClient({ baseUrl: 'http://h', token: 't', fetch }).me().catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 502, code: 'HTTP_502' });
  });

  it('refuses to open a draft before logging in', () => {
    expect(() => new CopydeskClient({ baseUrl: 'http://h' }).openDraft('d1')).toThrow(/Log in/);
  });
});
