/**
 * The default mode: editors typing at a fixed rate, viewers watching; latency, errors, memory,
 * convergence. Or, with --authors, authors typing that integrate nothing and observers that
 * integrate everything (see author-shape.ts).
 */
import { pollUntil } from './async-helpers.js';
import { createBenchDrafts, loginBenchUser, roundRobin } from './bench-fleet.js';
import type { BenchOptions } from './bench-options.js';
import type { ConvergenceSummary, LoadResult } from './bench-result.js';
import { insertionMismatches, observerJoinPlan } from './author-shape.js';
import { checkConvergence, type ClientText } from './convergence-check.js';
import { EditorGroup, receiversByEditor, type Joined } from './editor-group.js';
import { startEditorShards, startLocalEditors, type Editors } from './editor-shards.js';
import { watchLoopDelay } from './loop-delay.js';
import { ErrorTally } from './error-tally.js';
import { latenciesBySecond, summariseLatencies } from './latency-stats.js';
import { ProcMemorySampler } from './proc-memory.js';
import { PropagationTracker } from './propagation-tracker.js';
import type { FinalStates } from './viewer-group.js';
import { startLocalViewers, startViewerShards, type ViewerShards } from './viewer-shards.js';
import { histogramBetween, parseUpdateBuckets, quantilesBetween } from './server-histogram.js';
import { parseSample, readServerScrape } from './server-metrics.js';

type Progress = (line: string) => void;

/** `observe`, when given, gets every propagation latency of the run (--reference pools them over rounds). */
export async function runLoad(
  options: BenchOptions,
  progress: Progress,
  observe?: (propagationSamplesMs: readonly number[]) => void,
): Promise<LoadResult> {
  const rate = options.rate;
  const tally = new ErrorTally();
  const memory = options.serverPid === null ? null : new ProcMemorySampler(options.serverPid);
  const { rss: before, exposition: scrapeBefore } = await readServerScrape(options.url, options.metricsToken);
  const bucketsBefore = parseUpdateBuckets(scrapeBefore);
  const admin = await loginBenchUser(options);
  const draftIds = await createBenchDrafts(admin, options.drafts, new Date());
  const token = admin.token!;
  const tracker = new PropagationTracker();

  const authors = options.shape === 'authors';
  const typists = authors ? 'authors' : 'editors';
  const where =
    options.editorShards > 0
      ? ` (${typists} in ${Math.min(options.editorShards, options.editors)} worker thread(s))`
      : '';
  const watchers = authors ? `${options.observers} observers` : `${options.viewers} viewers`;
  progress(`connecting ${options.editors} ${typists} and ${watchers} over ${options.drafts} draft(s)${where}`);
  // From before the clients connect: their sessions are part of the server's peak.
  await memory?.start();
  // Sharded: editors and viewers live in worker threads; this thread then only coordinates and times.
  const editors =
    options.editorShards > 0
      ? startEditorShards(options, token, draftIds, options.editorShards, tracker, tally)
      : startLocalEditors(options, token, draftIds, tracker, tally);
  // --authors: full SDK sessions in this thread, over which propagation is timed.
  const observers = authors ? new EditorGroup(tally) : null;
  let viewers: ViewerShards | null = null;
  try {
    const joinStarted = performance.now();
    const editorSetup = observers
      ? await joinAmong(editors, observers, options, token, draftIds)
      : await editors.join(options.editors);
    const joinMs = performance.now() - joinStarted;
    viewers =
      options.viewers === 0
        ? null
        : options.shards > 1
          ? startViewerShards(options, token, draftIds, options.shards - 1)
          : startLocalViewers(options, token, draftIds);
    const viewerSetup = viewers ? await viewers.ready : { connected: 0, failed: 0, connectMs: 0 };
    // Who must hold each insertion: the other editors of its draft and its viewers, or (--authors,
    // whose authors hold nothing of the others') its observers.
    const watchersPerDraft = draftIds.map(
      (_, index) =>
        roundRobin(authors ? options.observers : options.viewers, options.drafts).filter((d) => d === index).length,
    );
    const receivers = receiversByEditor(editorSetup.roster, watchersPerDraft, authors ? () => false : undefined);
    for (const [clientId, count] of receivers) tracker.addEditor(clientId, count);
    observers?.listen((doc, update, at) => tracker.applied(doc, update, at));

    progress(`typing for ${options.durationS} s at ${rate} updates/s per ${authors ? 'author' : 'editor'}`);
    const loopDelay = watchLoopDelay();
    const cpuBefore = process.cpuUsage();
    const typingStarted = performance.now();
    const typed = await editors.type(editorSetup.roster);
    const loopDelayP99Ms = Math.max(loopDelay.stop(), typed.loopDelayP99Ms);
    const cpu = process.cpuUsage(cpuBefore);
    // Every thread of the bench: above what its cores can give, the figures are the bench's own.
    const benchCpuCores = (cpu.user + cpu.system) / 1000 / (performance.now() - typingStarted);

    progress('waiting for the last acks and relays');
    const drainMs = options.drainS * 1000;
    const drained = await editors.drain(drainMs);
    const viewed = viewers ? await collectViewers(viewers, typed.finalStates, tracker, tally, drainMs) : null;
    await pollUntil(() => tracker.outstanding() === 0, drainMs);
    const { rss: after, exposition: scrapeAfter } = await readServerScrape(options.url, options.metricsToken);
    const peak = await memory?.stop();
    const bucketsAfter = parseUpdateBuckets(scrapeAfter);
    // --authors: the observers must agree with a fresh join, which must hold every author's insertions.
    const insertions = observers ? await editors.insertions() : [];
    const convergence = await checkConvergence(
      options.url,
      token,
      draftIds,
      observers ? async () => observers.texts() : editors.texts,
      Math.min(drainMs, 10_000),
      observers
        ? (draftIndex, body) =>
            insertionMismatches(
              insertions.filter((i) => i.draftIndex === draftIndex),
              body,
            )
        : undefined,
    );
    if (viewed) addViewerConvergence(convergence, viewed.texts, await editors.texts(), draftIds);
    observe?.(tracker.latenciesMs);

    return {
      mode: 'load',
      url: options.url,
      config: {
        editors: options.editors,
        ratePerEditor: rate,
        drafts: options.drafts,
        viewers: options.viewers,
        shape: options.shape,
        observers: options.observers,
        durationS: options.durationS,
        typing: options.typing,
        seed: options.seed,
        editorShards: options.editorShards,
      },
      setup: {
        clients: editorSetup.connected + viewerSetup.connected + (observers?.users.length ?? 0),
        failed: editorSetup.failed + viewerSetup.failed + (observers?.failed ?? 0),
        connectMs: (observers ? joinMs : editorSetup.connectMs) + viewerSetup.connectMs,
      },
      throughput: {
        offeredPerS: options.editors * rate,
        sentPerS: typed.sent / typed.elapsedS,
        ackedPerS: typed.acked / typed.elapsedS,
        sent: typed.sent,
        acked: drained.acked,
        unacked: drained.unacked,
      },
      propagationMs: { ...summariseLatencies(tracker.latenciesMs), lost: tracker.outstanding() },
      authorsReceived: observers
        ? { ...typed.received, rejoins: insertions.reduce((sum, author) => sum + author.rejoins, 0) }
        : null,
      durableAckMs: summariseLatencies(drained.ackLatencies),
      timeline: options.timeline
        ? {
            propagationMs: latenciesBySecond(tracker.latenciesMs, tracker.sentAtMs, typingStarted),
            durableAckMs: latenciesBySecond(drained.ackLatencies, drained.ackSentAt, typingStarted),
          }
        : null,
      serverAckMs: quantilesBetween(bucketsBefore, bucketsAfter),
      fanout: fanoutBetween(scrapeBefore, scrapeAfter),
      commits: commitsBetween(scrapeBefore, scrapeAfter),
      errors: tally.toJSON(),
      rss: {
        beforeBytes: before.bytes,
        afterBytes: after.bytes,
        ...problem(before.problem ?? after.problem),
        ...(peak ? { peak } : {}),
      },
      convergence,
      benchEventLoopDelayP99Ms: Math.max(loopDelayP99Ms, viewed?.loopDelayP99Ms ?? 0),
      benchCpuCores,
    };
  } finally {
    await memory?.stop();
    await viewers?.terminate();
    await observers?.close(options.concurrency);
    await editors.close();
  }
}

/**
 * --authors: the authors join in order with the observers spread among them (see
 * observerJoinPlan), each step waiting for the one before, so that the room holds them in that order.
 */
async function joinAmong(
  editors: Editors,
  observers: EditorGroup,
  options: BenchOptions,
  token: string,
  draftIds: readonly string[],
): Promise<Joined> {
  const numbers = Array.from({ length: options.observers }, (_, observer) => observer);
  for (const [observer, after] of observerJoinPlan(options.editors, options.observers).entries()) {
    await editors.join(after);
    await observers.joinUpTo(options, token, draftIds, numbers, observer + 1);
  }
  return editors.join(options.editors);
}

/** How the server's fan-out merged: stored updates sent on, and the room emits that carried them. */
function fanoutBetween(before: string, after: string): LoadResult['fanout'] {
  const UPDATES = 'copydesk_collab_fanout_updates_total';
  const ROOM_EMITS = 'copydesk_collab_fanout_emits_total{to="room"}';
  // An older server (or an unreadable scrape) has no counter; a labelled one appears at its first use.
  if (parseSample(after, UPDATES) === null) return null;
  const delta = (sample: string) => (parseSample(after, sample) ?? 0) - (parseSample(before, sample) ?? 0);
  return { updates: delta(UPDATES), roomEmits: delta(ROOM_EMITS) };
}

/** The server's group commits over the run (its histograms): where an ack waits inside it. */
function commitsBetween(before: string, after: string): LoadResult['commits'] {
  const SIZE = 'copydesk_collab_commit_updates';
  // An older server (or an unreadable scrape) has no such histogram.
  if (parseSample(after, `${SIZE}_count`) === null) return null;
  const delta = (sample: string) => (parseSample(after, sample) ?? 0) - (parseSample(before, sample) ?? 0);
  const batches = delta(`${SIZE}_count`);
  return {
    batches,
    meanUpdates: batches > 0 ? delta(`${SIZE}_sum`) / batches : null,
    commitMs: histogramBetween(before, after, 'copydesk_collab_commit_seconds'),
    waitMs: histogramBetween(before, after, 'copydesk_collab_commit_wait_seconds'),
  };
}

function problem(text: string | undefined): { problem?: string } {
  return text ? { problem: text } : {};
}

/** Waits for every viewer to hold the editors' final states, then feeds their records into the tracker. */
async function collectViewers(
  viewers: ViewerShards,
  finalStates: FinalStates,
  tracker: PropagationTracker,
  tally: ErrorTally,
  settleMs: number,
): Promise<{ texts: [number, string][]; loopDelayP99Ms: number }> {
  const replies = await viewers.finish(finalStates, settleMs);
  replies.forEach((reply, shard) => {
    const t = reply.transitions;
    for (let i = 0; i < t.length; i += 4) tracker.reached(`${shard}:${t[i]}`, t[i + 1]!, t[i + 2]!, t[i + 3]!);
    for (const [code, count] of Object.entries(reply.errors)) for (let i = 0; i < count; i++) tally.add(code);
  });
  return {
    texts: replies.flatMap((reply) => reply.texts),
    loopDelayP99Ms: Math.max(...replies.map((r) => r.loopDelayP99Ms)),
  };
}

/** Viewers must hold the same text as the editors of their draft. */
function addViewerConvergence(
  convergence: ConvergenceSummary,
  texts: [number, string][],
  editorTexts: readonly ClientText[],
  draftIds: readonly string[],
): void {
  const reference = new Map(editorTexts);
  const differing = texts.filter(
    ([draftIndex, text]) => reference.has(draftIndex) && reference.get(draftIndex) !== text,
  );
  for (const [draftIndex] of differing)
    convergence.mismatches.push(`draft ${draftIds[draftIndex]}: a viewer differs from the editors`);
  convergence.clients += texts.length;
  convergence.ok = convergence.mismatches.length === 0;
}
