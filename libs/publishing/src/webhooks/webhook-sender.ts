/**
 * One webhook attempt: a single POST, no redirects followed, bounded in time from connect to the
 * last byte of the answer, whose body is read (to let the receiver finish) and thrown away.
 */
import http from 'node:http';
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import type { AddressPolicy } from './address-policy.js';

/** Enough of an answer to let a receiver finish writing it; the rest is not read. */
const MAX_RESPONSE_BYTES = 64 * 1024;
/** Stored with the attempt: the start of an error's message is enough to tell what went wrong. */
const MAX_ERROR_LENGTH = 500;

export const WEBHOOK_USER_AGENT = 'Copydesk-Webhooks';

export interface WebhookRequest {
  url: string;
  body: string;
  /** The signature headers (signing.ts). */
  headers: Record<string, string>;
}

/** A status when the receiver answered (2xx means delivered), else the error that stopped the attempt. */
export type SendOutcome =
  | { statusCode: number; error: null; durationMs: number }
  | {
      statusCode: null;
      error: string;
      durationMs: number;
    };

export type WebhookSend = (request: WebhookRequest) => Promise<SendOutcome>;

export interface WebhookSenderOptions {
  timeoutMs: number;
  policy: AddressPolicy;
}

/** Only a 2xx answer delivers; anything else (3xx included: redirects are not followed) is retried. */
export function isDelivered(outcome: SendOutcome): boolean {
  return outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300;
}

export function createWebhookSender(options: WebhookSenderOptions): WebhookSend {
  const lookup = options.policy.connectLookup();
  return async (request) => {
    const url = URL.canParse(request.url) ? new URL(request.url) : null;
    const refused = url ? options.policy.literalProblem(url) : 'not a URL';
    if (url === null || refused !== null) return { statusCode: null, error: refused ?? 'not a URL', durationMs: 0 };
    const started = performance.now();
    const elapsed = () => performance.now() - started;
    return new Promise((resolve) => {
      let settled = false;
      const finish = (outcome: { statusCode: number } | { error: string }) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(
          'statusCode' in outcome
            ? { statusCode: outcome.statusCode, error: null, durationMs: elapsed() }
            : { statusCode: null, error: outcome.error.slice(0, MAX_ERROR_LENGTH), durationMs: elapsed() },
        );
      };
      const body = Buffer.from(request.body, 'utf8');
      const client = url.protocol === 'https:' ? https : http;
      const req = client.request(url, {
        method: 'POST',
        // A fresh connection per attempt: every connect goes through the address check.
        agent: false,
        ...(lookup && { lookup }),
        headers: {
          ...request.headers,
          'content-type': 'application/json',
          'content-length': String(body.length),
          'user-agent': WEBHOOK_USER_AGENT,
        },
      });
      const timer = setTimeout(() => {
        req.destroy();
        finish({ error: `no complete answer within ${options.timeoutMs} ms` });
      }, options.timeoutMs);
      req.on('error', (error: NodeJS.ErrnoException) => finish({ error: error.message || error.code || 'failed' }));
      req.on('response', (res) => {
        let read = 0;
        res.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_RESPONSE_BYTES) {
            // The status is all that counts; a receiver that keeps talking is cut off.
            res.destroy();
            finish({ statusCode: res.statusCode ?? 0 });
          }
        });
        res.on('end', () => finish({ statusCode: res.statusCode ?? 0 }));
        res.on('error', (error) => finish({ error: error.message }));
        res.on('close', () => {
          if (!res.complete) finish({ error: 'the connection closed before the answer ended' });
        });
      });
      req.end(body);
    });
  };
}
