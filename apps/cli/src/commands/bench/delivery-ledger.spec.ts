import { describe, expect, it } from '@jest/globals';
import { generateWebhookSecret, webhookHeaders } from '#publishing';
import { DeliveryLedger } from './delivery-ledger.js';

const NOW_MS = Date.parse('2026-03-12T08:00:00.000Z');
const NOW_S = NOW_MS / 1000;

function payload(id: string, publicationId: string, draftId = 'draft-1', item: object = {}) {
  return JSON.stringify({
    id,
    event: 'published',
    publication: { id: publicationId, draftId, version: 1, uri: `urn:copydesk:story:${draftId}`, pubStatus: 'usable' },
    item: { versionCreated: '2026-03-12T07:59:59.900Z', ...item },
  });
}

describe('DeliveryLedger', () => {
  const secret = generateWebhookSecret();
  const ledger = () => {
    const made = new DeliveryLedger();
    made.useSecret(secret);
    return made;
  };
  const signed = (body: string, id: string, timestamp = NOW_S) => webhookHeaders(secret, id, timestamp, body);

  it('keeps the first arrival of a verified delivery with its publication and timing', () => {
    const book = ledger();
    const body = payload('d-1', 'p-1', 'draft-1', { embargoedUntil: '2026-03-12T07:59:59.000Z' });
    expect(book.receive(signed(body, 'd-1'), body, 1234.5, NOW_MS)).toEqual({ status: 204, kind: 'first' });
    expect(book.ofPublication('p-1')).toEqual({
      deliveryId: 'd-1',
      event: 'published',
      publicationId: 'p-1',
      draftId: 'draft-1',
      version: 1,
      publishedAt: '2026-03-12T07:59:59.900Z',
      embargoedUntil: '2026-03-12T07:59:59.000Z',
      arrivedAt: 1234.5,
      arrivedAtEpochMs: NOW_MS,
    });
    expect(book.ofDraft('draft-1')).toHaveLength(1);
    expect(book).toMatchObject({ publications: 1, duplicates: 0, invalidCount: 0, requests: 1 });
  });

  it('counts a delivery id that comes again, and a second delivery of one publication, as duplicates', () => {
    const book = ledger();
    const first = payload('d-1', 'p-1');
    book.receive(signed(first, 'd-1'), first, 1, NOW_MS);
    // A redelivery: same id and body, a new timestamp and signature.
    expect(book.receive(signed(first, 'd-1', NOW_S + 5), first, 2, NOW_MS + 5_000)).toEqual({
      status: 204,
      kind: 'repeat',
    });
    const other = payload('d-2', 'p-1');
    expect(book.receive(signed(other, 'd-2'), other, 3, NOW_MS)).toEqual({ status: 204, kind: 'repeat' });
    expect(book).toMatchObject({ repeatedIds: 1, repeatedPublications: 1, duplicates: 2, publications: 1 });
    expect(book.ofPublication('p-1')?.deliveryId).toBe('d-1');
  });

  it('refuses what fails the signature check or is not a payload, and counts why', () => {
    const book = ledger();
    const body = payload('d-1', 'p-1');
    const tampered = body.replace('published', 'withdrawn');
    expect(book.receive(signed(body, 'd-1'), tampered, 1, NOW_MS)).toEqual({ status: 401, kind: 'invalid' });
    expect(book.receive(signed(body, 'd-1', NOW_S - 301), body, 1, NOW_MS)).toMatchObject({ status: 401 });
    expect(book.receive({ 'webhook-id': 'd-1' }, body, 1, NOW_MS)).toMatchObject({ status: 401 });
    const foreign = webhookHeaders(generateWebhookSecret(), 'd-1', NOW_S, body);
    expect(book.receive(foreign, body, 1, NOW_MS)).toMatchObject({ status: 401 });
    expect(book.receive(signed('[]', 'd-1'), '[]', 1, NOW_MS)).toMatchObject({ status: 400 });
    // Signed, but the body names another delivery than the header.
    expect(book.receive(signed(body, 'd-9'), body, 1, NOW_MS)).toMatchObject({ status: 400 });
    expect(book.invalid).toEqual({
      signature_mismatch: 2,
      timestamp_outside_window: 1,
      missing_headers: 1,
      not_a_payload: 2,
    });
    expect(book).toMatchObject({ publications: 0, invalidCount: 6, requests: 6 });
  });

  it('answers 503 until it knows the secret', () => {
    const book = new DeliveryLedger();
    const body = payload('d-1', 'p-1');
    expect(book.receive(signed(body, 'd-1'), body, 1, NOW_MS)).toEqual({ status: 503, kind: 'invalid' });
    expect(book.invalid).toEqual({ before_the_secret: 1 });
  });

  it('has no publishedAt or embargo for an item without them', () => {
    const book = ledger();
    const body = JSON.stringify({
      id: 'd-1',
      event: 'published',
      publication: { id: 'p-1', draftId: 'draft-1', version: 1, uri: 'u', pubStatus: 'usable' },
      item: null,
    });
    book.receive(signed(body, 'd-1'), body, 1, NOW_MS);
    expect(book.ofPublication('p-1')).toMatchObject({ publishedAt: null, embargoedUntil: null });
  });

  it('resolves a wait at once, on the publication that fulfils it, or false at its deadline', async () => {
    const book = ledger();
    await expect(book.until(() => true, 10)).resolves.toBe(true);
    const waiting = book.until(() => book.ofPublication('p-2') !== undefined, 5_000);
    const first = payload('d-1', 'p-1');
    book.receive(signed(first, 'd-1', Math.floor(Date.now() / 1000)), first, 1, Date.now());
    const second = payload('d-2', 'p-2');
    book.receive(signed(second, 'd-2', Math.floor(Date.now() / 1000)), second, 2, Date.now());
    await expect(waiting).resolves.toBe(true);
    await expect(book.until(() => false, 20)).resolves.toBe(false);
  });
});
