import { CopydeskApiError } from './copydesk-api-error.js';
import type { FetchFunction } from './rest-types.js';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** JSON over fetch with the bearer token; error statuses become CopydeskApiError. */
export class RestTransport {
  constructor(
    private readonly baseUrl: string,
    private readonly fetchFn: FetchFunction,
    private readonly token: () => string | null,
  ) {}

  async request<T>(method: HttpMethod, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const token = this.token();
    if (token) headers.authorization = `Bearer ${token}`;
    const response = await this.fetchFn(this.baseUrl + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const parsed = parseJson(text);
    if (!response.ok) throw CopydeskApiError.fromResponse(response.status, response.statusText, parsed);
    return parsed as T;
  }
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
