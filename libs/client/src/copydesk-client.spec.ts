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
