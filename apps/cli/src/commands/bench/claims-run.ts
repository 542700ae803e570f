/**
 * --claims: how long an edit takes to come back as a `claims` event (issue 11), on one Arabic
 * draft of --text-length characters. Each round changes one digit of a figure the server found,
 * one edit, one settled burst, and times it until the event carries that claim's new text; the
 * server's own histograms say how much of it was the reconciliation and the extractor's CPU.
 */
import { CopydeskApiError, CopydeskClient, type DraftSession } from '#client';
import type { DraftClaim } from '#contracts';
import { buildArabicNewsText, extractClaims } from '#domain';
import { pollUntil, sleep, withTimeout } from './async-helpers.js';
import { createBenchDrafts, loginBenchUser } from './bench-fleet.js';
import type { BenchOptions } from './bench-options.js';
import type { ClaimsResult } from './bench-result.js';
import { digitEdit, isEditableFigure } from './claim-digit-edit.js';
import { ErrorTally } from './error-tally.js';
import { median, summariseLatencies } from './latency-stats.js';
import { histogramBetween } from './server-histogram.js';
import { readServerScrape } from './server-metrics.js';

const RECONCILE_HISTOGRAM = 'copydesk_claims_reconcile_seconds';
const EXTRACT_HISTOGRAM = 'copydesk_claims_extract_seconds';
/** A round whose event has not come by then counts as lost. */
const EVENT_TIMEOUT_MS = 10_000;
/** Beyond the server's settle delay, between rounds: each edit is a burst of its own. */
const ROUND_GAP_MS = 200;
const READY_TIMEOUT_MS = 30_000;
const EXTRACTOR_RUNS = 20;
const EXTRACTOR_WARMUP = 5;

type Outcome = { kind: 'arrived'; at: number } | { kind: 'closed' } | { kind: 'timeout' };

export async function runClaims(options: BenchOptions, progress: (line: string) => void): Promise<ClaimsResult> {
  const tally = new ErrorTally();
  const now = new Date();
  const text = buildArabicNewsText(options.textLength);
  const extracted = extractClaims(text, { language: 'ar', now }).claims;
  const textBytes = Buffer.byteLength(text);
  progress(
    `draft of ${text.length} characters (${textBytes} bytes of UTF-8): the extractor finds ${extracted.length} claims,` +
      ` ${extracted.filter(isEditableFigure).length} of them figures with digits`,
  );
  const extractorMs = timeExtractor(text, now);

  const admin = await loginBenchUser(options);
  const token = admin.token!;
  const created = performance.now();
  const [draftId] = await createBenchDrafts(admin, 1, now, text);
  const editor = new CopydeskClient({ baseUrl: options.url, token });
  // No periodic resync: a re-join announces every claim again, which is not an edit's event.
  const session = editor.openDraft(draftId!, { resyncIntervalMs: 0 });
  tally.watch(session);
  let events = 0;
  let waiting: { id: string; text: string; settle: (outcome: Outcome) => void } | null = null;
  session.on('claims', ({ changed, closed }) => {
    const at = performance.now();
    events += 1;
    if (!waiting) return;
    if (changed.some((claim) => claim.id === waiting!.id && claim.text === waiting!.text)) {
      waiting.settle({ kind: 'arrived', at });
    } else if (closed.includes(waiting.id)) waiting.settle({ kind: 'closed' });
  });

  try {
    await withTimeout(session.whenSynced(), READY_TIMEOUT_MS, 'joining');
    progress('waiting for the server to list the claims and the session to hold them');
    const listed = await listedClaims(options.url, token, draftId!);
    const held = await pollUntil(() => listed.every((claim) => session.claims.has(claim.id)), READY_TIMEOUT_MS);
    if (!held) throw new Error(`the session did not receive the draft's ${listed.length} claims`);
    const readyMs = performance.now() - created;
    const targets = listed
      .filter(isEditableFigure)
      .sort((a, b) => a.start - b.start)
      .map((claim) => claim.id);
    if (targets.length === 0) throw new Error('the server found no figure with a digit to edit in the draft');

    // Whatever the setup set off has settled before the first scrape.
    await sleep(options.settleMs + ROUND_GAP_MS);
    const before = await readServerScrape(options.url, options.metricsToken);
    progress(
      `${options.claims} rounds over ${targets.length} figures, a pause of ${options.settleMs + ROUND_GAP_MS} ms before each`,
    );
    const samples: number[] = [];
    let edited = 0;
    events = 0;
    for (let round = 0; round < options.claims; round += 1) {
      if (round > 0) await sleep(options.settleMs + ROUND_GAP_MS);
      const claim = session.claims.get(targets[round % targets.length]!);
      const located = claim ? locate(session, claim) : null;
      const edit = claim ? digitEdit(claim.text) : null;
      if (!claim || located === null || !edit) {
        tally.add('FIGURE_NOT_FOUND');
        continue;
      }
      const outcome = new Promise<Outcome>((resolve) => {
        const timer = setTimeout(() => resolve({ kind: 'timeout' }), EVENT_TIMEOUT_MS);
        waiting = {
          id: claim.id,
          text: edit.text,
          settle: (result) => {
            clearTimeout(timer);
            waiting = null;
            resolve(result);
          },
        };
      });
      const editedAt = performance.now();
      session.doc.transact(() => {
        session.body.delete(located + edit.offset, 1);
        session.body.insert(located + edit.offset, edit.digit);
      });
      edited += 1;
      const result = await outcome;
      waiting = null;
      if (result.kind === 'arrived') samples.push(result.at - editedAt);
      else tally.add(result.kind === 'closed' ? 'CLAIM_CLOSED' : 'CLAIMS_EVENT_TIMEOUT');
    }
    await pollUntil(() => session.pendingUpdates === 0, options.drainS * 1000);
    const after = await readServerScrape(options.url, options.metricsToken);
    const problem = before.rss.problem ?? after.rss.problem;
    const reconcile = histogramBetween(before.exposition, after.exposition, RECONCILE_HISTOGRAM);
    const extract = histogramBetween(before.exposition, after.exposition, EXTRACT_HISTOGRAM);

    return {
      mode: 'claims',
      url: options.url,
      config: { rounds: options.claims, settleMs: options.settleMs, textLength: text.length, textBytes },
      draft: {
        id: draftId!,
        extracted: extracted.length,
        listed: listed.length,
        figures: targets.length,
        readyMs,
      },
      rounds: { edited, arrived: samples.length, lost: options.claims - samples.length },
      eventMs: summariseLatencies(samples),
      events,
      server: { reconcile, extract, ...(problem ? { problem } : {}) },
      extractorMs: { median: extractorMs, runs: EXTRACTOR_RUNS },
      errors: tally.toJSON(),
      rss: {
        beforeBytes: before.rss.bytes,
        afterBytes: after.rss.bytes,
        ...(problem ? { problem } : {}),
      },
    };
  } finally {
    await editor.close();
  }
}

/** The extractor alone on the text, in this process: the median of EXTRACTOR_RUNS after a warm-up. */
function timeExtractor(text: string, now: Date): number | null {
  for (let i = 0; i < EXTRACTOR_WARMUP; i += 1) extractClaims(text, { language: 'ar', now });
  const samples: number[] = [];
  for (let i = 0; i < EXTRACTOR_RUNS; i += 1) {
    const started = performance.now();
    extractClaims(text, { language: 'ar', now });
    samples.push(performance.now() - started);
  }
  return median(samples);
}

/** The draft's claims over REST, which reconciles them with the document first; polled until there are some. */
async function listedClaims(baseUrl: string, token: string, draftId: string): Promise<DraftClaim[]> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const response = await fetch(`${baseUrl}/api/drafts/${encodeURIComponent(draftId)}/claims`, {
      headers: { accept: 'application/json', authorization: `Bearer ${token}` },
    });
    const body = (await response.json().catch(() => null)) as unknown;
    if (!response.ok) throw CopydeskApiError.fromResponse(response.status, response.statusText, body);
    if (Array.isArray(body) && body.length > 0) return body as DraftClaim[];
    if (Date.now() >= deadline) throw new Error('the server listed no claims for the draft');
    await sleep(100);
  }
}

/** Where the claim's text starts in the session's body: at its anchor, else where the server last saw it. */
function locate(session: DraftSession, claim: DraftClaim): number | null {
  const body = session.body.toString();
  for (const start of [session.cursorIndex(claim.anchor), claim.start]) {
    if (start !== null && body.startsWith(claim.text, start)) return start;
  }
  return null;
}
