/** Renders a bench result as human-readable lines. */
import type { ServerHistogram, ServerLatency } from './server-histogram.js';
import type {
  BenchResult,
  ClaimsResult,
  HistoryResult,
  IdleResult,
  LoadResult,
  PresenceResult,
  PageLoadFigures,
  ReferenceResult,
  ReleasesResult,
  RssPeak,
  RssSummary,
  WebResult,
} from './bench-result.js';
import type { LatencySummary, SecondSummary } from './latency-stats.js';
import type { ProcPeak } from './proc-memory.js';

const MB = 1024 * 1024;

export function formatReport(result: BenchResult): string[] {
  switch (result.mode) {
    case 'load':
      return formatLoad(result);
    case 'reference':
      return formatReference(result);
    case 'idle':
      return formatIdle(result);
    case 'history':
      return formatHistory(result);
    case 'presence':
      return formatPresence(result);
    case 'claims':
      return formatClaims(result);
    case 'releases':
      return formatReleases(result);
    case 'web':
      return formatWeb(result);
  }
}

function formatLoad(r: LoadResult): string[] {
  const c = r.config;
  const t = r.throughput;
  // An older result (a saved --json) has no shape: it ran editors.
  const authors = c.shape === 'authors';
  const typists = authors ? 'authors' : 'editors';
  return [
    `copydesk bench: ${r.url}`,
    `  ${c.editors} ${typists} x ${c.ratePerEditor} updates/s, ${authors ? `${c.observers} observers` : `${c.viewers} viewers`}, ${c.drafts} draft(s), ${c.durationS} s, ${c.typing} typing (seed ${c.seed})` +
      (c.editorShards > 0 ? `, ${typists} in ${Math.min(c.editorShards, c.editors)} worker thread(s)` : ''),
    ...(authors
      ? [
          `  shape        authors receive every update but integrate none (their CPU is their own machine's);` +
            ` observers integrate everything; propagation is to the last observer`,
        ]
      : []),
    `  clients      ${r.setup.clients} connected${r.setup.failed ? `, ${r.setup.failed} failed` : ''} in ${seconds(r.setup.connectMs)}`,
    `  throughput   offered ${rate(t.offeredPerS)}  sent ${rate(t.sentPerS)}  acked ${rate(t.ackedPerS)}` +
      `  (${t.acked}/${t.sent} acked${t.unacked ? `, ${t.unacked} never acked` : ''})`,
    `  propagation  ${latency(r.propagationMs)}${r.propagationMs.lost ? `  ${r.propagationMs.lost} not delivered` : ''}`,
    ...(r.authorsReceived ? [`  received     ${received(r.authorsReceived, c.editors, c.durationS)}`] : []),
    `  durable ack  ${latency(r.durableAckMs)}`,
    `  server ack   ${serverLatency(r.serverAckMs)}`,
    `  fan-out      ${fanout(r.fanout)}`,
    ...(r.commits ? [`  commits      ${commits(r.commits)}`] : []),
    `  errors       ${errors(r.errors)}`,
    ...hints(r.errors),
    `  server RSS   ${rss(r.rss)}`,
    ...(r.rss.peak ? [`  server peak  ${procPeak(r.rss.peak)}`] : []),
    `  convergence  ${
      !r.convergence.ok
        ? `FAILED\n${r.convergence.mismatches.map((m) => `               ${m}`).join('\n')}`
        : authors
          ? `ok: ${r.convergence.clients} observers over ${r.convergence.drafts} draft(s) agree, fresh joins match` +
            ` and hold every insertion of the ${c.editors} authors`
          : `ok: ${r.convergence.clients} clients over ${r.convergence.drafts} draft(s) agree, fresh joins match`
    }`,
    `  bench loop   late by p99 ${ms(r.benchEventLoopDelayP99Ms)}${
      r.benchEventLoopDelayP99Ms > 20 ? '  (the bench is overloaded: latencies include its own delay)' : ''
    }`,
    `  bench CPU    ${r.benchCpuCores.toFixed(2)} cores over the typing (every thread of the bench)`,
    ...(r.timeline ? formatTimeline(r.timeline) : []),
  ];
}

/** --timeline: one line per second of the typing, both latencies of what was sent in it. */
export function formatTimeline(t: NonNullable<LoadResult['timeline']>): string[] {
  const seconds = [...new Set([...t.propagationMs, ...t.durableAckMs].map((s) => s.second))].sort((a, b) => a - b);
  const bySecond = (summaries: SecondSummary[]) => new Map(summaries.map((s) => [s.second, s]));
  const propagation = bySecond(t.propagationMs);
  const ack = bySecond(t.durableAckMs);
  // Fixed columns up to 9,999.9 ms figures; anything wider pushes the line along, never into the count.
  const cell = (s: SecondSummary | undefined) => {
    if (s === undefined) return 'no samples'.padEnd(42);
    const figures = `${ms(s.p50)} / ${ms(s.p99)} / ${ms(s.max)}`;
    return `${figures.padEnd(33)} n=${s.count}`.padEnd(42);
  };
  return [
    `  timeline     by the second of typing an update was sent in: p50 / p99 / max`,
    `${' '.repeat(15)}${'propagation'.padEnd(42)}  durable ack`,
    ...seconds.map((second) =>
      `    ${`${second} s`.padStart(5)}      ${cell(propagation.get(second))}  ${cell(ack.get(second))}`.trimEnd(),
    ),
  ];
}

function formatReference(r: ReferenceResult): string[] {
  const c = r.config;
  const p = r.propagationMs;
  const row = (label: string, cells: string[]) => `  ${label.padEnd(13)}${cells.map((x) => x.padStart(11)).join('')}`;
  const figures = (s: LatencySummary & { lost: number }) => [
    ms(s.p50),
    ms(s.p95),
    ms(s.p99),
    String(s.count),
    String(s.lost),
  ];
  const lines = [
    `copydesk bench --reference: ${r.url} against ${r.reference.server} (${r.reference.store})`,
    `  ${c.editors} editors x ${c.ratePerEditor} updates/s, ${c.viewers} viewers, ${c.drafts} draft(s), ${c.durationS} s per run,` +
      ` ${c.rounds} round(s) alternating which goes first, ${c.typing} typing (seed ${c.seed})`,
    `  propagation: an insertion reaching the last other client of its draft, every round's samples pooled`,
    row('', ['p50', 'p95', 'p99', 'n', 'lost']),
    row('copydesk', figures(p.copydesk)),
    row('reference', figures(p.reference)),
    row('ratio', [factor(p.ratio.p50), factor(p.ratio.p95), factor(p.ratio.p99)]),
    `  server RSS   peak over the runs: copydesk ${peak(r.rss.copydesk)}, reference ${peak(r.rss.reference)}` +
      `, ratio ${factor(r.rss.peakRatio)}`,
    `               copydesk's by ${r.rss.copydesk.method}`,
    `               the reference's by ${r.rss.reference.method}`,
    '  ratios are Copydesk over the reference: below 1, Copydesk is faster (or smaller)',
    `  reference    ${r.reference.wsUrl}, pid ${r.reference.pid}, nice ${r.reference.nice ?? 'unknown'}`,
    '  durable ack: Copydesk only (the reference acks nothing: its SyncStatus precedes its store)',
  ];
  r.rounds.forEach((round, index) => {
    const cd = round.copydesk;
    const ref = round.reference;
    lines.push(
      `  round ${index + 1} (${round.first} first)`,
      `    copydesk   propagation ${latency(cd.propagationMs)}${cd.propagationMs.lost ? `  ${cd.propagationMs.lost} not delivered` : ''}`,
      `               durable ack ${latency(cd.durableAckMs)}; sent ${rate(cd.throughput.sentPerS)}, ${cd.throughput.acked}/${cd.throughput.sent} acked;` +
        ` errors ${errors(cd.errors)}; ${cd.convergence.ok ? 'converged' : 'DID NOT CONVERGE'}`,
      `    reference  propagation ${latency(ref.propagationMs)}${ref.propagationMs.lost ? `  ${ref.propagationMs.lost} not delivered` : ''}`,
      `               sent ${rate(ref.sentPerS)}, ${ref.setup.clients} clients${ref.setup.failed ? ` (${ref.setup.failed} failed)` : ''};` +
        ` errors ${errors(ref.errors)}; ${ref.converged ? 'converged' : 'DID NOT CONVERGE'}`,
    );
  });
  const late = Math.max(
    ...r.rounds.flatMap((round) => [round.copydesk.benchEventLoopDelayP99Ms, round.reference.benchEventLoopDelayP99Ms]),
  );
  lines.push(
    `  bench loop   late by p99 at most ${ms(late)}${late > 20 ? '  (the bench is overloaded: latencies include its own delay)' : ''}`,
  );
  return lines;
}

function peak(p: RssPeak): string {
  if (p.peakBytes === null) return `unavailable (${p.problem ?? 'no reading'})`;
  const runs = p.runPeaksBytes && p.runPeaksBytes.length > 1 ? `; runs ${p.runPeaksBytes.map(mb).join(', ')}` : '';
  return `${mb(p.peakBytes)} (${mb(p.beforeBytes)} before${runs})`;
}

/** --server-pid in load mode: the run's peak, and how it was read. */
function procPeak(p: ProcPeak): string {
  if (p.peakBytes === null) return `unavailable (${p.problem ?? 'no reading'})`;
  const before =
    p.hwmBeforeBytes === null || !p.hwmReset
      ? ''
      : `; VmHWM before the reset ${mb(p.hwmBeforeBytes)} (since the process started, or since an earlier reset)`;
  return `${mb(p.peakBytes)} over the run, by ${p.method}${before}`;
}

const factor = (value: number | null) => (value === null ? 'n/a' : `${value.toFixed(2)}x`);

function formatIdle(r: IdleResult): string[] {
  const lines = [
    `copydesk bench --idle: ${r.url}`,
    `  ${r.config.sessions} sessions over ${r.config.drafts} draft(s), held ${r.config.durationS} s, resync every ${r.config.resyncS} s`,
    `  sessions     ${r.setup.clients} joined${r.setup.failed ? `, ${r.setup.failed} failed` : ''} in ${seconds(r.setup.connectMs)}; ${r.stillJoined} still joined at the end`,
    `  errors       ${errors(r.errors)}`,
    ...hints(r.errors),
    `  server RSS   ${rss(r.rss)}, peak ${mb(r.rss.peakBytes)}` +
      (r.rss.perSessionBytes !== null ? `, ~${(r.rss.perSessionBytes / 1024).toFixed(1)} KB per session` : ''),
  ];
  if (r.maxRssMb !== null)
    lines.push(`  limit        ${idleWithinLimit(r) ? 'ok' : 'EXCEEDED'}: under ${r.maxRssMb} MB`);
  return lines;
}

function formatHistory(r: HistoryResult): string[] {
  const lines = [
    `copydesk bench --history: ${r.url}`,
    `  append       ${r.append.acked} of ${r.config.updates} updates acked in ${seconds(r.append.ms)}` +
      ` at ${r.config.ratePerS}/s, ${r.config.typing} typing${r.append.unacked ? `, ${r.append.unacked} never acked` : ''}`,
    `  fresh join   median ${ms(r.freshJoin.medianMs)} over ${r.freshJoin.samplesMs.length} (first ${ms(r.freshJoin.firstMs)}; ` +
      `${r.freshJoin.samplesMs.map((s) => s.toFixed(1)).join(', ')} ms), ${kb(r.freshJoin.bytes)} sent, body ${r.bodyLength} chars`,
    `  errors       ${errors(r.errors)}`,
    `  server RSS   ${rss(r.rss)}`,
  ];
  return [...lines, ...hints(r.errors)];
}

function formatPresence(r: PresenceResult): string[] {
  const c = r.config;
  const b = r.broadcasts;
  const share =
    r.received.perMoveAndPeer === null ? '' : `, ${(r.received.perMoveAndPeer * 100).toFixed(1)}% of moves x peers`;
  return [
    `copydesk bench --presence: ${r.url}`,
    `  ${c.sessions} sessions x ${c.ratePerSession} cursor moves/s over ${c.drafts} draft(s), ${c.durationS} s (seed ${c.seed})`,
    `  sessions     ${r.setup.clients} joined${r.setup.failed ? `, ${r.setup.failed} failed` : ''} in ${seconds(r.setup.connectMs)}`,
    `  moves        offered ${rate(r.moves.offeredPerS)}  sent ${rate(r.moves.sentPerS)}  acked ${rate(r.moves.ackedPerS)}` +
      `  (${r.moves.acked}/${r.moves.sent})  ack ${latency(r.ackMs)}`,
    `  broadcasts   ${b.perS === null ? `unavailable (${b.problem ?? 'no reading'})` : `${rate(b.perS)} by the server, ${rate(b.perSessionPerS ?? 0)} per session`}`,
    `  received     ${rate(r.received.perS)} over all clients, ${rate(r.received.perClientPerS)} per client${share}`,
    `  errors       ${errors(r.errors)}`,
    ...hints(r.errors),
    `  server RSS   ${rss(r.rss)}`,
    `  bench loop   late by p99 ${ms(r.benchEventLoopDelayP99Ms)}${
      r.benchEventLoopDelayP99Ms > 20 ? '  (the bench is overloaded: figures include its own delay)' : ''
    }`,
  ];
}

function formatClaims(r: ClaimsResult): string[] {
  const c = r.config;
  const d = r.draft;
  const lost = r.rounds.lost ? `, ${r.rounds.lost} LOST (no event within 10 s, or the claim closed)` : '';
  return [
    `copydesk bench --claims: ${r.url}`,
    `  draft        ${c.textLength} characters of Arabic news (${kb(c.textBytes)} of UTF-8): ${d.extracted} claims found` +
      ` by the extractor, ${d.listed} listed by the server, ${d.figures} figures with digits to edit;` +
      ` ready in ${seconds(d.readyMs)}`,
    `  rounds       ${r.rounds.arrived} of ${c.rounds} digit edits came back as a claims event with the new text${lost};` +
      ` ${r.events} claims events in all; a pause of ${c.settleMs + 200} ms before each`,
    `  edit→event   ${latency(r.eventMs)}${c.settleMs > 0 ? `  (includes the server's settle delay, ${c.settleMs} ms if --settle is right)` : ''}`,
    `  reconcile    ${histogram(r.server.reconcile, r.server.problem, 'lock, read, extract, write')}`,
    `  extract      ${histogram(r.server.extract, r.server.problem, 'extractor and rules: CPU per settled burst')}`,
    `  extractor    median ${r.extractorMs.median === null ? 'n/a' : `${r.extractorMs.median.toFixed(2)} ms`}` +
      ` over ${r.extractorMs.runs} runs on the same text in the bench process (reference)`,
    `  errors       ${errors(r.errors)}`,
    `  server RSS   ${rss(r.rss)}`,
  ];
}

function formatReleases(r: ReleasesResult): string[] {
  const c = r.config;
  const d = r.deliveries;
  const e = r.embargo;
  const lost = (n: number) => (n ? `, ${n} LOST` : '');
  const invalid = Object.keys(d.invalid).length === 0 ? 'none' : errors(d.invalid);
  const lines = [
    `copydesk bench --releases: ${r.url}`,
    `  stories      ${r.rounds.published} of ${c.rounds} written, approved and published one after another` +
      (c.embargoed > 0
        ? `; ${e?.scheduled ?? 0} of ${c.embargoed} scheduled for one embargo ${c.embargoMs} ms ahead`
        : ''),
    `  receiver     ${r.endpoint.url}, registered for the run`,
    `  publish      ${latency(r.rounds.publishMs)}  (the request: transition, version and deliveries committed)`,
    `  delivery     ${latency(r.rounds.deliveryMs)}  (publish answered → webhook received${
      r.rounds.beforeAnswer ? `; ${r.rounds.beforeAnswer} came before the answer` : ''
    })${lost(r.rounds.lost)}`,
    `  end to end   ${latency(r.rounds.endToEndMs)}  (publish sent → webhook received)`,
  ];
  if (e) {
    const flaws = [
      e.early ? `${e.early} RELEASED EARLY` : '',
      e.mismatched ? `${e.mismatched} with the wrong embargoedUntil` : '',
      e.withoutPublishedAt ? `${e.withoutPublishedAt} timed by arrival (no publishedAt)` : '',
    ].filter(Boolean);
    lines.push(
      `  release lag  ${latency(e.releaseLagMs)}  (publishedAt − embargo, ${e.delivered} of ${e.scheduled}${lost(e.lost)}` +
        `${e.releaseSpreadMs === null ? '' : `; first to last ${ms(e.releaseSpreadMs)}`})` +
        (flaws.length ? `  ${flaws.join(', ')}` : ''),
      `  embargo→hook ${latency(e.deliveryLagMs)}  (embargo → webhook received)`,
    );
  }
  lines.push(
    `  deliveries   ${d.received} of ${d.expected} received${d.lost ? `, ${d.lost} LOST` : ', none lost'}, ` +
      `${d.duplicates ? `${d.duplicates} DUPLICATES` : 'no duplicates'}, invalid ${invalid}; ` +
      `${d.requests} requests${d.unexpected ? `, ${d.unexpected} other stories' releases` : ''}; every signature checked`,
    `  server lag   ${histogram(r.server.releaseLag, r.server.problem, 'embargo end → release committed', 'no scheduled releases')}`,
    `  attempts     ${histogram(r.server.webhookAttempt, r.server.problem, 'connect → last byte of the answer', 'no webhook attempts')}`,
    `  outcomes     ${attemptOutcomes(r.server.attempts)}`,
    `  errors       ${errors(r.errors)}`,
    `  server RSS   ${rss(r.rss)}`,
  );
  return lines;
}

function formatWeb(r: WebResult): string[] {
  const c = r.config;
  const w = r.weight;
  const t = r.typing;
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
  const lost = t.lost ? `, ${t.lost} LOST (not on the editor's screen within --drain)` : ', none lost';
  const keydowns = t.keydowns === t.sent ? '' : `; the typing page saw ${t.keydowns} keydowns`;
  const texts = t.textsMatch ? 'the two pages end with the text typed' : `TEXTS DIFFER: ${t.mismatch ?? ''}`;
  const cursor = t.remoteCursor ? "; the reporter's cursor and name showed on the editor's page" : '';
  return [
    `copydesk bench --web: ${r.url}`,
    `  browser      ${c.chromium.path} (${c.chromium.version}); ${c.reporter} types, ${c.editor} watches`,
    `  page weight  JavaScript ${kib(w.scriptGzipBytes)} + CSS ${kib(w.stylesheetGzipBytes)} = ${kib(w.totalGzipBytes)}` +
      ` gzipped (level 9), budget ${kib(w.budgetBytes)}: ${w.withinBudget ? 'ok' : 'OVER BUDGET'}` +
      `  (${w.assets.map((a) => `${a.url.split('/').pop()} ${kib(a.bytes)}`).join(', ')} as sent)`,
    `  sign-in DCL  ${pageLoad(r.signInPage.domContentLoadedMs)}  (navigation → DOMContentLoaded)`,
    `  sign-in load ${pageLoad(r.signInPage.loadMs)}  (navigation → load)`,
    `  sign-in form ${pageLoad(r.signInPage.formShownMs)}  (navigation → the form on screen)`,
    `  draft open   ${pageLoad(r.draftOpenMs)}  (navigation, signed in → the whole body on screen)`,
    `  draft        ${r.draft.id}: Arabic, body ${r.draft.initialLength} → ${r.draft.finalLength} characters;` +
      ` both pages signed in through the form and synced in ${seconds(r.draft.readyMs)}`,
    `  keystrokes   ${t.arrived} of ${t.sent} on the editor's screen at ${rate(t.actualRatePerS)} (--rate ${c.ratePerS})` +
      `${lost}${keydowns}; ${texts}${cursor}`,
    `  key→screen   ${latency(r.screenMs)}  (keydown → the next frame after the editor's DOM changed)`,
    `  key→DOM      ${latency(r.domMs)}  (keydown → the editor's DOM changed)`,
    `  key→ack      ${ack(r.ackMs)}`,
    `  saved        ${r.savedAfterLastMs === null ? 'NOT SHOWN after the last keystroke' : `the status said Saved ${ms(r.savedAfterLastMs)} after the last keystroke (it waits for a pause)`}`,
    `  page errors  ${r.pageErrors.length === 0 ? 'none' : r.pageErrors.join(' | ')}`,
    `  errors       ${errors(r.errors)}`,
    `  server RSS   ${rss(r.rss)}`,
  ];
}

function ack(a: WebResult['ackMs']): string {
  if (a === null) return "n/a (no update seen on the typing page's socket)";
  const unacked = a.unacked ? `, ${a.unacked} keystrokes never acked` : '';
  return `${latency(a)}  (keydown → the server's ack of the update carrying it, on the typing page${unacked})`;
}

/** A few page loads: cold (a new context each, nothing cached) and warm (the assets cached). */
function pageLoad(f: PageLoadFigures): string {
  const few = (s: LatencySummary) =>
    s.count === 0 ? 'no samples' : `median ${ms(s.p50)}, max ${ms(s.max)} (n=${s.count})`;
  return `cold ${few(f.cold)}; warm ${few(f.warm)}`;
}

function attemptOutcomes(a: ReleasesResult['server']['attempts']): string {
  if (a.delivered === null) return 'unavailable';
  return `${a.delivered} delivered, ${a.retry ?? 0} to retry, ${a.failed ?? 0} failed (the server's attempts over the run)`;
}

export function idleWithinLimit(r: IdleResult): boolean {
  return r.maxRssMb === null || (r.rss.afterBytes !== null && r.rss.afterBytes <= r.maxRssMb * MB);
}

/** What to do about the errors that mean the bench, not the server, needs changing. */
function hints(counts: Record<string, number>): string[] {
  const found: string[] = [];
  if (counts['CONNECTION_REFUSED (too_many_connections)']) {
    found.push(
      '  hint         every simulated client signs in as one user: raise COLLAB_MAX_CONNECTIONS_PER_USER on the server',
    );
  }
  if (counts.RATE_LIMITED) {
    found.push(
      '  hint         RATE_LIMITED: --rate is above the per-session limit (COLLAB_UPDATES_PER_SECOND);' +
        ' retried updates went out merged',
    );
  }
  return found;
}

/** --authors: the update messages the authors received, in all and per author per second of typing. */
function received(r: NonNullable<LoadResult['authorsReceived']>, authors: number, durationS: number): string {
  const perAuthorS = authors > 0 ? r.messages / authors / durationS : 0;
  const rejoins = r.rejoins > 0 ? ` (but ${r.rejoins} re-joins, each integrating the draft once)` : '';
  return `${r.messages} update messages to the authors (${mb(r.bytes)}), ${perAuthorS.toFixed(1)}/s per author, none integrated${rejoins}`;
}

function latency(s: LatencySummary): string {
  if (s.count === 0) return 'no samples';
  return `p50 ${ms(s.p50)}  p95 ${ms(s.p95)}  p99 ${ms(s.p99)}  max ${ms(s.max)}  (n=${s.count})`;
}

function errors(counts: Record<string, number>): string {
  const entries = Object.entries(counts);
  return entries.length === 0 ? 'none' : entries.map(([code, count]) => `${code} ${count}`).join(', ');
}

function rss(r: RssSummary): string {
  if (r.beforeBytes === null && r.afterBytes === null) return `unavailable (${r.problem ?? 'no reading'})`;
  const delta =
    r.beforeBytes !== null && r.afterBytes !== null
      ? ` (${r.afterBytes >= r.beforeBytes ? '+' : ''}${((r.afterBytes - r.beforeBytes) / MB).toFixed(1)} MB)`
      : '';
  return `before ${mb(r.beforeBytes)}  after ${mb(r.afterBytes)}${delta}`;
}

const ms = (value: number | null) => (value === null ? 'n/a' : `${value.toFixed(1)} ms`);
const mb = (bytes: number | null) => (bytes === null ? 'n/a' : `${(bytes / MB).toFixed(1)} MB`);
const kb = (bytes: number | null) => (bytes === null ? 'n/a' : `${(bytes / 1024).toFixed(1)} KB`);
const rate = (perS: number) => `${perS.toFixed(1)}/s`;
const seconds = (msValue: number) => `${(msValue / 1000).toFixed(1)} s`;

function fanout(f: LoadResult['fanout']): string {
  if (!f) return 'unavailable (server without copydesk_collab_fanout_*?)';
  const perEmit = f.roomEmits > 0 ? ` (${(f.updates / f.roomEmits).toFixed(2)} per emit)` : '';
  return `${f.updates} stored updates went out in ${f.roomEmits} room emits${perEmit}`;
}

function commits(c: NonNullable<LoadResult['commits']>): string {
  const size = c.meanUpdates === null ? '' : `, ${c.meanUpdates.toFixed(1)} updates each`;
  const { commitMs: took, waitMs: queued } = c;
  const bound = (ms: number | null) => (ms === null ? 'above the last bucket' : `<= ${tidy(ms)} ms`);
  return (
    `${c.batches}${size}; each took p50 ${bound(took.p50Ms)} p99 ${bound(took.p99Ms)}, ` +
    `an update queued for its own p50 ${bound(queued.p50Ms)} p99 ${bound(queued.p99Ms)} (inside the server)`
  );
}

function serverLatency(r: ServerLatency): string {
  if (r.count === 0) return 'no samples (server without copydesk_collab_update_seconds?)';
  const bound = (ms: number | null) => (ms === null ? '> 2.5 s' : `<= ${ms} ms`);
  return `p50 ${bound(r.p50Ms)}  p95 ${bound(r.p95Ms)}  p99 ${bound(r.p99Ms)}  (n=${r.count}, inside the server, bucket bounds)`;
}

/** A server histogram over the run: bucket bounds of its quantiles, and the mean from its sum. */
function histogram(
  h: ServerHistogram,
  problem: string | undefined,
  what: string,
  empty = 'no samples (a server without claims metrics?)',
): string {
  if (h.count === 0) return problem ? `unavailable (${problem})` : empty;
  const bound = (value: number | null) =>
    value === null
      ? `> ${h.topBoundMs === null ? 'the last bucket' : `${tidy(h.topBoundMs)} ms`}`
      : `<= ${tidy(value)} ms`;
  const mean = h.meanMs === null ? '' : `  mean ${h.meanMs.toFixed(2)} ms`;
  return `p50 ${bound(h.p50Ms)}  p95 ${bound(h.p95Ms)}  p99 ${bound(h.p99Ms)}${mean}  (n=${h.count} inside the server, bucket bounds; ${what})`;
}

/** A bucket bound in ms without the float noise of seconds x 1000 (0.25, not 0.25000000000000006). */
const tidy = (value: number) => Number(value.toPrecision(6));
