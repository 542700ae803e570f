import { describe, expect, it } from '@jest/globals';
import type { AttemptResult, ClaimedDelivery, WebhooksRepository } from '#persistence';
import {
  verifyWebhookSignature,
  WebhookDispatcher,
  type AttemptEvent,
  type DispatcherOptions,
  type SendOutcome,
  type WebhookRequest,
} from '#publishing';
import { strict } from '../../../../test/support/strict-fake.js';

const SECRET = 'whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=';
const NINJS = { uri: 'urn:copydesk:story:1', version: '1', headlines: [{ role: 'main', value: 'عنوان' }] };

/** The outbox in memory: due deliveries are claimed under a fresh lease, attempts recorded only under it. */
class FakeOutbox implements Pick<WebhooksRepository, 'claimDue' | 'recordAttempt'> {
  readonly due: ClaimedDelivery[] = [];
  readonly recorded: (AttemptResult & { deliveryId: string; attempt: number })[] = [];
  readonly leases = new Map<string, string>();
  attempts = new Map<string, number>();
  claims = 0;
  private leaseCounter = 0;

  add(id: string): void {
    this.due.push({
      id,
      endpointId: 'endpoint-1',
      event: 'published',
      attempt: 0,
      leaseId: '',
      endpoint: { url: 'https://hooks.example/in', secret: SECRET },
      publication: {
        id: `pub-${id}`,
        draftId: 'draft-1',
        version: 1,
        uri: NINJS.uri,
        pubStatus: 'usable',
        ninjs: NINJS,
      },
    });
  }

  async claimDue(limit: number): Promise<ClaimedDelivery[]> {
    this.claims++;
    return this.due.splice(0, limit).map((delivery) => {
      const leaseId = `lease-${++this.leaseCounter}`;
      const attempt = (this.attempts.get(delivery.id) ?? 0) + 1;
      this.attempts.set(delivery.id, attempt);
      this.leases.set(delivery.id, leaseId);
      return { ...delivery, attempt, leaseId };
    });
  }

  async recordAttempt(deliveryId: string, leaseId: string, result: AttemptResult): Promise<boolean> {
    if (this.leases.get(deliveryId) !== leaseId) return false;
    this.leases.delete(deliveryId);
    this.recorded.push({ ...result, deliveryId, attempt: this.attempts.get(deliveryId)! });
    return true;
  }

  /** What a retry's delay would make due again, due now. */
  retryNow(id: string): void {
    this.add(id);
  }
}

const silent = { warn: () => undefined };

function dispatcherFor(
  outbox: FakeOutbox,
  answers: (SendOutcome | Promise<SendOutcome>)[],
  options: Partial<DispatcherOptions> = {},
) {
  const sent: WebhookRequest[] = [];
  const events: AttemptEvent[] = [];
  let clock = 1_767_225_600;
  const dispatcher = new WebhookDispatcher(
    strict<WebhooksRepository>('WebhooksRepository', outbox),
    async (request) => {
      sent.push(request);
      const answer = answers.shift();
      if (!answer) throw new Error('no answer planned');
      return answer;
    },
    {
      pollMs: 60_000,
      leaseMs: 30_000,
      retry: { baseMs: 1_000, maxMs: 8_000, maxAttempts: 3 },
      concurrency: 2,
      logger: silent,
      random: () => 0.5,
      clock: () => clock++,
      ...options,
    },
  );
  dispatcher.onAttempt((event) => events.push(event));
  return { dispatcher, sent, events };
}

const status = (statusCode: number): SendOutcome => ({ statusCode, error: null, durationMs: 7 });
const refused: SendOutcome = { statusCode: null, error: 'connect ECONNREFUSED 127.0.0.1:9', durationMs: 1 };

describe('the webhook dispatcher', () => {
  it('sends the same body at every attempt, signed anew, and retries until a 2xx', async () => {
    const outbox = new FakeOutbox();
    outbox.add('delivery-1');
    const { dispatcher, sent, events } = dispatcherFor(outbox, [status(500), refused, status(204)]);
    for (let i = 0; i < 3; i++) {
      expect(await dispatcher.tick()).toBe(1);
      if (i < 2) outbox.retryNow('delivery-1');
    }

    expect(new Set(sent.map((request) => request.body)).size).toBe(1);
    expect(JSON.parse(sent[0]!.body)).toEqual({
      id: 'delivery-1',
      event: 'published',
      publication: { id: 'pub-delivery-1', draftId: 'draft-1', version: 1, uri: NINJS.uri, pubStatus: 'usable' },
      item: NINJS,
    });
    const timestamps = sent.map((request) => request.headers['webhook-timestamp']);
    expect(new Set(timestamps).size).toBe(3);
    for (const request of sent) {
      expect(request.url).toBe('https://hooks.example/in');
      expect(request.headers['webhook-id']).toBe('delivery-1');
      const nowSeconds = Number(request.headers['webhook-timestamp']);
      expect(verifyWebhookSignature(SECRET, request.headers, request.body, { nowSeconds }).valid).toBe(true);
    }

    expect(outbox.recorded.map((r) => [r.attempt, r.outcome, r.statusCode, r.error])).toEqual([
      [1, 'retry', 500, null],
      [2, 'retry', null, 'connect ECONNREFUSED 127.0.0.1:9'],
      [3, 'delivered', 204, null],
    ]);
    // Equal jitter at random 0.5: three quarters of 1 s, then of 2 s.
    expect(outbox.recorded.map((r) => (r.outcome === 'retry' ? r.retryInMs : null))).toEqual([750, 1_500, null]);
    expect(events.map((e) => [e.attempt, e.outcome, e.recorded])).toEqual([
      [1, 'retry', true],
      [2, 'retry', true],
      [3, 'delivered', true],
    ]);
  });

  it('marks a delivery failed when its last attempt fails', async () => {
    const outbox = new FakeOutbox();
    outbox.add('delivery-1');
    outbox.attempts.set('delivery-1', 2);
    const { dispatcher } = dispatcherFor(outbox, [status(410)]);
    await dispatcher.tick();
    expect(outbox.recorded).toMatchObject([{ attempt: 3, outcome: 'failed', statusCode: 410 }]);
  });

  it('records nothing for an attempt whose lease was lost, and says so', async () => {
    const outbox = new FakeOutbox();
    outbox.add('delivery-1');
    let release!: (outcome: SendOutcome) => void;
    const { dispatcher, events } = dispatcherFor(outbox, [new Promise((resolve) => (release = resolve))]);
    const tick = dispatcher.tick();
    await new Promise((resolve) => setImmediate(resolve));
    outbox.leases.set('delivery-1', 'taken-over');
    release(status(200));
    await tick;
    expect(outbox.recorded).toEqual([]);
    expect(events).toMatchObject([{ outcome: 'delivered', recorded: false }]);
  });

  it('claims batch after batch while they come full, as many at once as it sends', async () => {
    const outbox = new FakeOutbox();
    for (let i = 1; i <= 5; i++) outbox.add(`delivery-${i}`);
    const { dispatcher, sent } = dispatcherFor(
      outbox,
      Array.from({ length: 5 }, () => status(200)),
    );
    expect(await dispatcher.tick()).toBe(5);
    expect(outbox.claims).toBe(3);
    expect(sent.map((request) => request.headers['webhook-id'])).toEqual([1, 2, 3, 4, 5].map((i) => `delivery-${i}`));
  });

  it('on stop, claims no more but lets the attempt in flight be recorded', async () => {
    const outbox = new FakeOutbox();
    for (let i = 1; i <= 4; i++) outbox.add(`delivery-${i}`);
    let release!: (outcome: SendOutcome) => void;
    const slow = new Promise<SendOutcome>((resolve) => (release = resolve));
    const { dispatcher } = dispatcherFor(outbox, [slow, status(200), status(200), status(200)]);
    dispatcher.start();
    await waitFor(() => outbox.claims === 1);
    const stopped = dispatcher.stop();
    let done = false;
    void stopped.then(() => (done = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(done).toBe(false);
    release(status(200));
    await stopped;
    expect(outbox.recorded.map((r) => r.deliveryId).sort()).toEqual(['delivery-1', 'delivery-2']);
    expect(outbox.claims).toBe(1);
    expect(outbox.due).toHaveLength(2);
  });

  it('looks at once when nudged, not only at the next poll', async () => {
    const outbox = new FakeOutbox();
    const { dispatcher, sent } = dispatcherFor(outbox, [status(200)]);
    dispatcher.start();
    await waitFor(() => outbox.claims === 1);
    outbox.add('delivery-1');
    dispatcher.nudge();
    await waitFor(() => sent.length === 1);
    await dispatcher.stop();
  });

  it('keeps looking after storage fails', async () => {
    const outbox = new FakeOutbox();
    const warnings: string[] = [];
    let failures = 1;
    const failing = strict<WebhooksRepository>('WebhooksRepository', {
      claimDue: async (limit: number) => {
        if (failures-- > 0) throw new Error('storage is unavailable');
        return outbox.claimDue(limit);
      },
      recordAttempt: (...args: Parameters<FakeOutbox['recordAttempt']>) => outbox.recordAttempt(...args),
    });
    const dispatcher = new WebhookDispatcher(failing, async () => status(200), {
      pollMs: 10,
      leaseMs: 30_000,
      retry: { baseMs: 1_000, maxMs: 8_000, maxAttempts: 3 },
      concurrency: 2,
      logger: { warn: (_details, message) => warnings.push(message) },
    });
    outbox.add('delivery-1');
    dispatcher.start();
    await waitFor(() => outbox.recorded.length === 1);
    await dispatcher.stop();
    expect(warnings).toEqual(['webhook dispatch failed; retrying at the next look']);
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 2_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
