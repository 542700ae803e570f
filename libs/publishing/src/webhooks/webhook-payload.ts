import type { PublicationEventName } from '#contracts';
import type { ClaimedDelivery } from '#persistence';

/** What a receiver gets in the body of every attempt of one delivery (docs/webhooks.md, Payload). */
export interface WebhookPayload {
  /** The delivery's id, also the `webhook-id` header: deduplicate on it. */
  id: string;
  event: PublicationEventName;
  publication: { id: string; draftId: string; version: number; uri: string; pubStatus: 'usable' | 'canceled' };
  /** The IPTC ninjs 3.1 item of that version. */
  item: unknown;
}

/**
 * The body, byte for byte the same at every attempt: it is built from stored values only, and the
 * item is read back from jsonb, which always yields its keys in one order.
 */
export function webhookBody(delivery: ClaimedDelivery): string {
  const { publication } = delivery;
  const payload: WebhookPayload = {
    id: delivery.id,
    event: delivery.event,
    publication: {
      id: publication.id,
      draftId: publication.draftId,
      version: publication.version,
      uri: publication.uri,
      pubStatus: publication.pubStatus,
    },
    item: publication.ninjs,
  };
  return JSON.stringify(payload);
}
