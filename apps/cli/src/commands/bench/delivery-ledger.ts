/**
 * --releases: what the bench's webhook receiver was sent, judged as a receiver should
 * (docs/webhooks.md, Verifying): the Standard Webhooks signature checked over the body as received,
 * then deduplicated on the delivery id. It keeps the first arrival of each delivery and counts
 * every repeat, whether of a delivery id or of a publication under another id.
 */
import { verifyWebhookSignature, type WebhookPayload } from '#publishing';

export type InvalidReason =
  'missing_headers' | 'timestamp_outside_window' | 'signature_mismatch' | 'not_a_payload' | 'before_the_secret';

/** One delivery as it first arrived. */
export interface ArrivedDelivery {
  deliveryId: string;
  event: string;
  publicationId: string;
  draftId: string;
  version: number;
  /** The item's `versionCreated` (the version's `publishedAt`), null when the item has none. */
  publishedAt: string | null;
  /** The item's `embargoedUntil`, null on a release that did not wait for one. */
  embargoedUntil: string | null;
  /** performance.now() at arrival, comparable with the bench's own request times. */
  arrivedAt: number;
  /** Date.now() at arrival, comparable with the server's timestamps on the same machine. */
  arrivedAtEpochMs: number;
}

export interface ReceiveOutcome {
  /** What to answer: 2xx for a verified delivery (a repeat too, as a receiver that has it would), 4xx otherwise. */
  status: number;
  kind: 'first' | 'repeat' | 'invalid';
}

export type HeaderBag = Record<string, string | string[] | undefined>;

export class DeliveryLedger {
  private readonly byDelivery = new Map<string, ArrivedDelivery>();
  private readonly byPublication = new Map<string, ArrivedDelivery>();
  private readonly byDraft = new Map<string, ArrivedDelivery[]>();
  private readonly listeners = new Set<() => void>();
  private secret: string | null = null;
  /** Every request the receiver answered. */
  requests = 0;
  /** Requests repeating a delivery id already received. */
  repeatedIds = 0;
  /** Deliveries under a new id for a publication already received (the server made two deliveries of it). */
  repeatedPublications = 0;
  readonly invalid: Partial<Record<InvalidReason, number>> = {};

  /** The endpoint's secret, known once it is created (the receiver listens before: its URL is needed first). */
  useSecret(secret: string): void {
    this.secret = secret;
  }

  receive(headers: HeaderBag, body: string, arrivedAt: number, arrivedAtEpochMs: number): ReceiveOutcome {
    this.requests += 1;
    if (this.secret === null) return this.refuse('before_the_secret', 503);
    const verification = verifyWebhookSignature(this.secret, headers, body, {
      nowSeconds: Math.floor(arrivedAtEpochMs / 1000),
    });
    if (!verification.valid) return this.refuse(verification.reason, 401);
    const payload = readPayload(body);
    if (!payload || payload.id !== verification.id) return this.refuse('not_a_payload', 400);
    if (this.byDelivery.has(payload.id)) {
      this.repeatedIds += 1;
      return { status: 204, kind: 'repeat' };
    }
    const item = (payload.item ?? {}) as { versionCreated?: unknown; embargoedUntil?: unknown };
    const delivery: ArrivedDelivery = {
      deliveryId: payload.id,
      event: payload.event,
      publicationId: payload.publication.id,
      draftId: payload.publication.draftId,
      version: payload.publication.version,
      publishedAt: typeof item.versionCreated === 'string' ? item.versionCreated : null,
      embargoedUntil: typeof item.embargoedUntil === 'string' ? item.embargoedUntil : null,
      arrivedAt,
      arrivedAtEpochMs,
    };
    this.byDelivery.set(delivery.deliveryId, delivery);
    if (this.byPublication.has(delivery.publicationId)) {
      this.repeatedPublications += 1;
      return { status: 204, kind: 'repeat' };
    }
    this.byPublication.set(delivery.publicationId, delivery);
    this.byDraft.set(delivery.draftId, [...(this.byDraft.get(delivery.draftId) ?? []), delivery]);
    for (const listener of this.listeners) listener();
    return { status: 204, kind: 'first' };
  }

  /** The first delivery of a publication. */
  ofPublication(publicationId: string): ArrivedDelivery | undefined {
    return this.byPublication.get(publicationId);
  }

  /** The deliveries of a draft's publications, in order of arrival. */
  ofDraft(draftId: string): readonly ArrivedDelivery[] {
    return this.byDraft.get(draftId) ?? [];
  }

  /** Publications received (each counted once). */
  get publications(): number {
    return this.byPublication.size;
  }

  get duplicates(): number {
    return this.repeatedIds + this.repeatedPublications;
  }

  get invalidCount(): number {
    return Object.values(this.invalid).reduce((sum, count) => sum + count, 0);
  }

  /** Resolves true once `condition` holds (checked at once and after every new publication), false after `timeoutMs`. */
  until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
    if (condition()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (value: boolean) => {
        clearTimeout(timer);
        this.listeners.delete(check);
        resolve(value);
      };
      const check = () => {
        if (condition()) done(true);
      };
      const timer = setTimeout(() => done(false), timeoutMs);
      this.listeners.add(check);
    });
  }

  private refuse(reason: InvalidReason, status: number): ReceiveOutcome {
    this.invalid[reason] = (this.invalid[reason] ?? 0) + 1;
    return { status, kind: 'invalid' };
  }
}

function readPayload(body: string): WebhookPayload | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  const payload = parsed as Partial<WebhookPayload> | null;
  const publication = payload?.publication as Partial<WebhookPayload['publication']> | undefined;
  return typeof payload?.id === 'string' &&
    typeof payload.event === 'string' &&
    typeof publication?.id === 'string' &&
    typeof publication.draftId === 'string' &&
    typeof publication.version === 'number'
    ? (payload as WebhookPayload)
    : null;
}
