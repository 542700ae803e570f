import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from '@jest/globals';
import request from 'supertest';
import { bearer, createDraft, type TestUser } from '../support/factories.js';
import { eventually } from '../support/raw-collab-client.js';

/** Fast retries and polls, and receivers on 127.0.0.1 allowed (docs/webhooks.md, Addresses). */
export const WEBHOOK_TEST_ENV = {
  WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true',
  WEBHOOK_POLL_MS: '50',
  WEBHOOK_RETRY_BASE_MS: '50',
  WEBHOOK_RETRY_MAX_MS: '200',
  WEBHOOK_TIMEOUT_MS: '2000',
  WEBHOOK_LEASE_MS: '5000',
  CLAIMS_SETTLE_MS: '50',
  CLAIMS_MAX_WAIT_MS: '200',
};

/** No figures, dates or quotes: no automatic claims, so nothing holds the publish gate. */
const PLAIN_BODY = 'The council met on the harbour plan and heard residents speak for and against it.';

/** Writes, submits, approves and publishes a draft over HTTP; resolves with its id once released. */
export async function publishPlainDraft(
  url: string,
  people: { reporter: TestUser; editor: TestUser },
  headline: string,
): Promise<string> {
  const act = (user: TestUser, draftId: string, action: string) =>
    request(url)
      .post(`/api/drafts/${draftId}/review/${action}`)
      .set(...bearer(user))
      .send({});
  const draftId = await createDraft(url, people.reporter, { language: 'en', headline, body: PLAIN_BODY });
  await act(people.reporter, draftId, 'submit').expect(200);
  await eventually(async () => {
    await act(people.editor, draftId, 'approve').expect(200);
  });
  const published = await act(people.editor, draftId, 'publish').expect(200);
  expect(published.body).toMatchObject({ state: 'published', publication: { version: 1, event: 'published' } });
  return draftId;
}

export interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
  status: number;
}

/**
 * A real webhook receiver on 127.0.0.1: answers each request with the next status of its plan,
 * or what `decide` says, or 200; keeps every request as received.
 */
export class WebhookReceiver {
  readonly received: Received[] = [];
  private readonly server: http.Server;

  constructor(
    private readonly plan: number[] = [],
    decide: () => number = () => 200,
  ) {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const status = this.plan.shift() ?? decide();
        this.received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), status });
        res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'not now');
      });
    });
  }

  /** Resolves with the URL to register; port 0 picks a free one. */
  async listen(port = 0): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/copydesk`;
  }

  /** The 2xx answers, by delivery id. */
  deliveredIds(): string[] {
    return this.received.filter((r) => r.status < 300).map((r) => String(r.headers['webhook-id']));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
