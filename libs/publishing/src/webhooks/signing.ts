/**
 * Webhook signatures, the Standard Webhooks scheme (docs/webhooks.md, Verifying): the signed
 * content is `${id}.${timestamp}.${body}`, the key the decoded bytes of a `whsec_` secret, the
 * signature `v1,` and the base64 of its HMAC-SHA256.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const SECRET_PREFIX = 'whsec_';
const SECRET_BYTES = 32;
const SIGNATURE_VERSION = 'v1';

/** Receivers refuse a timestamp further than this from their own clock (either way): a replayed request is stale. */
export const DEFAULT_REPLAY_WINDOW_SECONDS = 5 * 60;

// (A type, not an interface: it is a Record<string, string> too.)
export type WebhookHeaders = {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
};

/** A new signing secret: `whsec_` and the base64 of 32 random bytes. */
export function generateWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(SECRET_BYTES).toString('base64');
}

/** What an admin may see of a secret once it was handed out: enough to tell two apart. */
export function secretHint(secret: string): string {
  return `${SECRET_PREFIX}…${secret.slice(-4)}`;
}

function secretKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
}

/** `v1,<base64 HMAC-SHA256(key, id.timestamp.body)>`. */
export function signWebhook(secret: string, id: string, timestampSeconds: number, body: string): string {
  const mac = createHmac('sha256', secretKey(secret)).update(`${id}.${timestampSeconds}.${body}`).digest('base64');
  return `${SIGNATURE_VERSION},${mac}`;
}

/** The headers of one attempt; only the timestamp and the signature differ between attempts. */
export function webhookHeaders(secret: string, id: string, timestampSeconds: number, body: string): WebhookHeaders {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': signWebhook(secret, id, timestampSeconds, body),
  };
}

export type WebhookVerification =
  | { valid: true; id: string; timestamp: number }
  | { valid: false; reason: 'missing_headers' | 'timestamp_outside_window' | 'signature_mismatch' };

export interface VerifyOptions {
  /** Seconds; DEFAULT_REPLAY_WINDOW_SECONDS when absent. */
  toleranceSeconds?: number;
  /** The receiver's clock, unix seconds; now when absent. */
  nowSeconds?: number;
}

type HeaderBag = Record<string, string | string[] | undefined>;

function header(headers: HeaderBag, name: keyof WebhookHeaders): string | null {
  const value = headers[name];
  return typeof value === 'string' ? value : null;
}

/**
 * Checks a received request as a receiver should: the three headers present, the timestamp within
 * the replay window, and one of the space-separated `v1,` signatures matching the body as received
 * (the raw bytes, before any JSON parsing), compared in constant time.
 */
export function verifyWebhookSignature(
  secret: string,
  headers: HeaderBag,
  body: string,
  options: VerifyOptions = {},
): WebhookVerification {
  const id = header(headers, 'webhook-id');
  const timestamp = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');
  if (!id || !timestamp || !signatures || !/^\d+$/.test(timestamp)) return { valid: false, reason: 'missing_headers' };
  const seconds = Number(timestamp);
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - seconds) > (options.toleranceSeconds ?? DEFAULT_REPLAY_WINDOW_SECONDS)) {
    return { valid: false, reason: 'timestamp_outside_window' };
  }
  const expected = Buffer.from(signWebhook(secret, id, seconds, body));
  const matches = signatures.split(' ').some((candidate) => {
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return matches ? { valid: true, id, timestamp: seconds } : { valid: false, reason: 'signature_mismatch' };
}
