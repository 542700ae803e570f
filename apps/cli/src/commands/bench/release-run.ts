/**
 * --releases: how long a story takes to go out (issue 13). N rounds, one after another: the
 * reporter writes a short Arabic story with nothing in it for the gate to hold, submits it, the
 * editor approves it and publishes it; the bench times the publish request and the webhook
 * delivery to its own receiver, which checks every signature and counts what comes twice. Then
 * min(N, 20) stories are scheduled for one embargo instant, and the bench times how late after it
 * each was released and delivered. The server's release lag and webhook attempt histograms, read
 * from /metrics before and after, say the same from inside.
 */
import { CopydeskApiError, CopydeskClient } from '#client';
import type { GateBlocker, PublicationEventName } from '#contracts';
import { sleep } from './async-helpers.js';
import type { BenchOptions } from './bench-options.js';
import type { ReleasesResult } from './bench-result.js';
import { ErrorTally } from './error-tally.js';
import { embargoFigures, roundFigures, type PublishedRound } from './release-figures.js';
import { RELEASE_BODY, releaseHeadline, type ReleaseKind } from './release-story.js';
import { histogramBetween } from './server-histogram.js';
import { parseSample, readServerScrape } from './server-metrics.js';
import { WebhookReceiver } from './webhook-receiver.js';

const ENDPOINT_EVENTS: readonly PublicationEventName[] = ['published', 'corrected', 'withdrawn'];
/** At most this many stories under the one embargo. */
export const MAX_EMBARGOED = 20;
/** How long a round waits for its delivery before the next one starts (a late one still counts if it comes). */
const ROUND_WAIT_MS = 10_000;
/** A transition answered 409 CONFLICT (an update stored between its read and its commit) is tried again. */
const TRANSITION_ATTEMPTS = 5;
/** How long to wait for the server's attempt histogram to count the last deliveries (it records after the answer). */
const METRICS_SETTLE_MS = 3_000;
const RELEASE_LAG_HISTOGRAM = 'copydesk_release_lag_seconds';
const ATTEMPT_HISTOGRAM = 'copydesk_webhook_attempt_seconds';

/** A refusal the operator can act on, said plainly (no stack). */
export class BenchSetupError extends Error {}

interface Person {
  email: string;
  client: CopydeskClient;
  token: string;
}

interface TransitionAnswer {
  state: string;
  publication: { id: string; version: number; event: string } | null;
}

export async function runReleases(options: BenchOptions, progress: (line: string) => void): Promise<ReleasesResult> {
  const tally = new ErrorTally();
  const startedAt = new Date();
  const reporter = await signIn(options, options.email);
  const editor = await signIn(options, options.editorEmail);
  const admin = await signIn(options, options.adminEmail);
  const deskId = (await reporter.client.me()).desks[0]?.id;
  if (!deskId) throw new BenchSetupError(`${reporter.email} is on no desk: --email must name a reporter of a desk`);
  const embargoed = options.embargoMs > 0 ? Math.min(options.releases, MAX_EMBARGOED) : 0;

  const receiver = new WebhookReceiver();
  const ledger = receiver.ledger;
  const receiverUrl = await receiver.listen();
  let endpointId: string | null = null;
  try {
    const endpoint = await createEndpoint(options, admin, receiverUrl, deskId, startedAt);
    endpointId = endpoint.id;
    ledger.useSecret(endpoint.secret);
    progress(`receiver ${receiverUrl} registered as webhook endpoint ${endpoint.id} for the desk's releases`);

    /** Written, submitted and approved: ready to publish. */
    const approvedStory = async (kind: ReleaseKind, index: number): Promise<string> => {
      const draft = await reporter.client.createDraft({
        language: 'ar',
        headline: releaseHeadline(startedAt, kind, index),
        body: RELEASE_BODY,
        deskId,
      });
      await transition(options, reporter, draft.id, 'submit', {}, tally);
      await transition(options, editor, draft.id, 'approve', {}, tally);
      return draft.id;
    };

    const before = await readServerScrape(options.url, options.metricsToken);
    progress(`${options.releases} stories written, approved and published one after another`);
    const rounds: PublishedRound[] = [];
    for (let round = 0; round < options.releases; round += 1) {
      const draftId = await approvedStory('now', round);
      const published = await transition(options, editor, draftId, 'publish', {}, tally);
      const publication = published.answer.publication;
      if (published.answer.state !== 'published' || !publication) {
        throw new Error(`publish of ${draftId} answered state ${published.answer.state} without a publication`);
      }
      rounds.push({ publicationId: publication.id, sentAt: published.sentAt, answeredAt: published.answeredAt });
      if (!(await ledger.until(() => ledger.ofPublication(publication.id) !== undefined, ROUND_WAIT_MS))) {
        tally.add('DELIVERY_NOT_IN_10_S');
      }
    }

    let embargo: { embargoUntil: string; draftIds: string[] } | null = null;
    if (embargoed > 0) {
      progress(`${embargoed} stories approved, then scheduled for one embargo ${options.embargoMs} ms ahead`);
      const draftIds: string[] = [];
      for (let index = 0; index < embargoed; index += 1) draftIds.push(await approvedStory('embargo', index));
      const embargoUntil = new Date(Date.now() + options.embargoMs).toISOString();
      embargo = { embargoUntil, draftIds };
      for (const [index, draftId] of draftIds.entries()) {
        const scheduled = await transition(options, editor, draftId, 'publish', { embargoUntil }, tally).catch(
          (error: unknown) => {
            if (
              error instanceof CopydeskApiError &&
              error.code === 'VALIDATION_FAILED' &&
              Date.now() >= Date.parse(embargoUntil)
            ) {
              throw new BenchSetupError(
                `the embargo (${options.embargoMs} ms ahead) passed after ${index} of ${embargoed} stories were scheduled: give a longer --embargo-ms`,
              );
            }
            throw error;
          },
        );
        if (scheduled.answer.state !== 'scheduled') {
          throw new Error(`publish with an embargo of ${draftId} answered state ${scheduled.answer.state}`);
        }
      }
      const waitMs = Math.max(0, Date.parse(embargoUntil) - Date.now()) + ROUND_WAIT_MS;
      await ledger.until(() => draftIds.every((id) => ledger.ofDraft(id).length > 0), waitMs);
    }

    const expected = rounds.length + (embargo?.draftIds.length ?? 0);
    const missing = () =>
      rounds.filter((round) => !ledger.ofPublication(round.publicationId)).length +
      (embargo?.draftIds.filter((id) => ledger.ofDraft(id).length === 0).length ?? 0);
    if (missing() > 0) {
      progress(`waiting up to ${options.drainS} s for ${missing()} deliveries`);
      await ledger.until(() => missing() === 0, options.drainS * 1000);
    }
    const after = await scrapeOnceCounted(options, before.exposition, ledger.requests);
    const problem = before.rss.problem ?? after.rss.problem;
    const roundsFigures = roundFigures(rounds, (id) => ledger.ofPublication(id));
    const embargoResult = embargo
      ? {
          embargoUntil: embargo.embargoUntil,
          ...embargoFigures(embargo.draftIds, embargo.embargoUntil, (id) => ledger.ofDraft(id)),
        }
      : null;
    const received = roundsFigures.delivered + (embargoResult?.delivered ?? 0);
    return {
      mode: 'releases',
      url: options.url,
      config: { rounds: options.releases, embargoed, embargoMs: options.embargoMs },
      endpoint: { url: receiverUrl },
      rounds: { published: rounds.length, ...roundsFigures },
      embargo: embargoResult,
      deliveries: {
        expected,
        received,
        lost: expected - received,
        unexpected: ledger.publications - received,
        duplicates: ledger.duplicates,
        invalid: { ...ledger.invalid },
        requests: ledger.requests,
      },
      server: {
        releaseLag: histogramBetween(before.exposition, after.exposition, RELEASE_LAG_HISTOGRAM),
        webhookAttempt: histogramBetween(before.exposition, after.exposition, ATTEMPT_HISTOGRAM),
        attempts: {
          delivered: attemptsBetween(before.exposition, after.exposition, 'delivered'),
          retry: attemptsBetween(before.exposition, after.exposition, 'retry'),
          failed: attemptsBetween(before.exposition, after.exposition, 'failed'),
        },
        ...(problem ? { problem } : {}),
      },
      errors: tally.toJSON(),
      rss: { beforeBytes: before.rss.bytes, afterBytes: after.rss.bytes, ...(problem ? { problem } : {}) },
    };
  } finally {
    if (endpointId !== null) {
      await rest(options, admin, 'DELETE', `/api/admin/webhooks/${endpointId}`).catch((error: unknown) =>
        progress(`could not delete webhook endpoint ${endpointId}: ${(error as Error).message}`),
      );
    }
    await receiver.close();
    await Promise.all([reporter, editor, admin].map((person) => person.client.close()));
  }
}

async function signIn(options: BenchOptions, email: string): Promise<Person> {
  const client = new CopydeskClient({ baseUrl: options.url });
  try {
    await client.login(email, options.password);
  } catch (error) {
    if (error instanceof CopydeskApiError) {
      throw new CopydeskApiError(error.status, error.code, `${email}: ${error.message}`, error.details);
    }
    throw error;
  }
  return { email, client, token: client.token! };
}

/** JSON over fetch as one of the bench's people; error statuses become CopydeskApiError. */
async function rest<T>(options: BenchOptions, person: Person, method: string, path: string, body?: object): Promise<T> {
  const response = await fetch(`${options.url}${path}`, {
    method,
    headers: {
      accept: 'application/json',
      authorization: `Bearer ${person.token}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  const parsed = text === '' ? undefined : (JSON.parse(text) as unknown);
  if (!response.ok) throw CopydeskApiError.fromResponse(response.status, response.statusText, parsed);
  return parsed as T;
}

async function createEndpoint(
  options: BenchOptions,
  admin: Person,
  url: string,
  deskId: string,
  startedAt: Date,
): Promise<{ id: string; secret: string }> {
  try {
    return await rest(options, admin, 'POST', '/api/admin/webhooks', {
      url,
      events: ENDPOINT_EVENTS,
      deskIds: [deskId],
      description: `copydesk bench --releases ${startedAt.toISOString()}`,
    });
  } catch (error) {
    if (!(error instanceof CopydeskApiError)) throw error;
    if (error.status === 403) {
      throw new BenchSetupError(`${admin.email} may not register webhook endpoints: --admin-email must name an admin`);
    }
    const refused = error.details?.fields?.find((field) => field.field === 'url');
    if (error.code === 'VALIDATION_FAILED' && refused) {
      throw new BenchSetupError(
        `the server refused the bench's webhook receiver ${url} (${refused.messages.join('; ')}): ` +
          'start the server with WEBHOOK_ALLOW_PRIVATE_ADDRESSES=true to let it deliver to 127.0.0.1',
      );
    }
    throw error;
  }
}

/** One review transition, tried again on 409 CONFLICT; the timing is the attempt that was answered 2xx. */
async function transition(
  options: BenchOptions,
  person: Person,
  draftId: string,
  action: string,
  body: object,
  tally: ErrorTally,
): Promise<{ answer: TransitionAnswer; sentAt: number; answeredAt: number }> {
  for (let attempt = 1; ; attempt += 1) {
    const sentAt = performance.now();
    try {
      const answer = await rest<TransitionAnswer>(
        options,
        person,
        'POST',
        `/api/drafts/${draftId}/review/${action}`,
        body,
      );
      return { answer, sentAt, answeredAt: performance.now() };
    } catch (error) {
      if (!(error instanceof CopydeskApiError)) throw error;
      if (error.code === 'CONFLICT' && attempt < TRANSITION_ATTEMPTS) {
        tally.add(`${action.toUpperCase()}_CONFLICT_RETRIED`);
        await sleep(50 * attempt);
        continue;
      }
      if (error.code === 'PUBLISH_GATE_FAILED') {
        const blockers = (error.details?.blockers ?? []) as GateBlocker[];
        throw new BenchSetupError(
          `the publish gate held story ${draftId} on ${action} (${blockers.map((b) => b.kind).join(', ')}): ` +
            'the bench writes a text with no claim in it; does the server find claims the bench does not?',
        );
      }
      throw new CopydeskApiError(
        error.status,
        error.code,
        `${action} of ${draftId} as ${person.email}: ${error.message}`,
        error.details,
      );
    }
  }
}

/**
 * The closing scrape, once the server's attempt histogram has counted at least as many attempts as
 * the receiver answered (it records each after the answer), or after METRICS_SETTLE_MS.
 */
async function scrapeOnceCounted(options: BenchOptions, before: string, answered: number) {
  const deadline = Date.now() + METRICS_SETTLE_MS;
  const countBefore = parseSample(before, `${ATTEMPT_HISTOGRAM}_count`) ?? 0;
  for (;;) {
    const scrape = await readServerScrape(options.url, options.metricsToken);
    const count = parseSample(scrape.exposition, `${ATTEMPT_HISTOGRAM}_count`);
    if (scrape.exposition === '' || count === null || count - countBefore >= answered || Date.now() >= deadline) {
      return scrape;
    }
    await sleep(100);
  }
}

/** Attempts of one outcome between two scrapes; null when the server could not be read. */
function attemptsBetween(before: string, after: string, outcome: string): number | null {
  if (after === '') return null;
  const sample = `copydesk_webhook_attempts_total{outcome="${outcome}"}`;
  return (parseSample(after, sample) ?? 0) - (parseSample(before, sample) ?? 0);
}
