/** The default mode: editors typing at a fixed rate, viewers watching; latency, errors, memory, convergence. */
import * as Y from 'yjs';
import { pollUntil } from './async-helpers.js';
import {
  closeFleet,
  connectFleet,
  createBenchDrafts,
  loginBenchUser,
  roundRobin,
  type SimulatedUser,
} from './bench-fleet.js';
import type { BenchOptions } from './bench-options.js';
import type { ConvergenceSummary, LoadResult } from './bench-result.js';
import { checkConvergence } from './convergence-check.js';
import { watchLoopDelay } from './loop-delay.js';
import { ErrorTally } from './error-tally.js';
import { summariseLatencies } from './latency-stats.js';
import { PropagationTracker } from './propagation-tracker.js';
import { runOpenLoop } from './open-loop.js';
import { startLocalViewers, startViewerShards, type ViewerShards } from './viewer-shards.js';
import { seededRandom, typingFor, type Edit, type Random } from './random-edit.js';
import { parseUpdateBuckets, quantilesBetween } from './server-histogram.js';
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
  const { rss: before, exposition: scrapeBefore } = await readServerScrape(options.url, options.metricsToken);
  const bucketsBefore = parseUpdateBuckets(scrapeBefore);
  const admin = await loginBenchUser(options);
  const draftIds = await createBenchDrafts(admin, options.drafts, new Date());
  const token = admin.token!;

  progress(`connecting ${options.editors} editors and ${options.viewers} viewers over ${options.drafts} draft(s)`);
  const editorFleet = await connectFleet(options, token, draftIds, roundRobin(options.editors, options.drafts), tally);
  const editors = editorFleet.users;
  // Sharded: viewers live in worker threads, so this thread only types and times.
  const viewers =
    options.viewers === 0
      ? null
      : options.shards > 1
        ? startViewerShards(options, token, draftIds, options.shards - 1)
        : startLocalViewers(options, token, draftIds);
  const viewerSetup = viewers ? await viewers.ready : { connected: 0, failed: 0, connectMs: 0 };
  const viewerDrafts = roundRobin(options.viewers, options.drafts);

  try {
    const tracker = new PropagationTracker();
    const clientsPerDraft = draftIds.map(
      (_, index) =>
        editors.filter((user) => user.draftIndex === index).length +
        viewerDrafts.filter((draftIndex) => draftIndex === index).length,
    );
    for (const user of editors) {
      user.session.on('update', (event) => tracker.applied(user.session.doc, event.update, performance.now()));
    }
    const ackLatencies: number[] = [];
    const counters = { sent: 0, acked: 0 };
    for (const editor of editorFleet.users) {
      tracker.addEditor(editor.session.doc.clientID, clientsPerDraft[editor.draftIndex]! - 1);
    }

    progress(`typing for ${options.durationS} s at ${rate} updates/s per editor`);
    const loopDelay = watchLoopDelay();
    const started = performance.now();
    const random = seededRandom(options.seed);
    const typists = editorFleet.users.map((editor) =>
      startTyping(
        editor,
        rate,
        options.durationS,
        random,
        typingFor(options.typing, random),
        tracker,
        ackLatencies,
        counters,
      ),
    );
    await Promise.all(typists);
    const elapsedS = (performance.now() - started) / 1000;
    const ackedDuringRun = counters.acked;
    const loopDelayP99Ms = loopDelay.stop();

    progress('waiting for the last acks and relays');
    const drainMs = options.drainS * 1000;
    await pollUntil(() => editorFleet.users.every((e) => e.session.pendingUpdates === 0), drainMs);
    const viewed = viewers ? await collectViewers(viewers, editors, tracker, tally, drainMs) : null;
    await pollUntil(() => tracker.outstanding() === 0, drainMs);
    const { rss: after, exposition: scrapeAfter } = await readServerScrape(options.url, options.metricsToken);
    const bucketsAfter = parseUpdateBuckets(scrapeAfter);
    const convergence = await checkConvergence(options.url, token, draftIds, editors, Math.min(drainMs, 10_000));
    if (viewed) addViewerConvergence(convergence, viewed.texts, editors, draftIds);
    const unacked = editorFleet.users.reduce((sum, editor) => sum + editor.session.pendingUpdates, 0);
    observe?.(tracker.latenciesMs);

    return {
      mode: 'load',
      url: options.url,
      config: {
        editors: options.editors,
        ratePerEditor: rate,
        drafts: options.drafts,
        viewers: options.viewers,
        durationS: options.durationS,
        typing: options.typing,
        seed: options.seed,
      },
      setup: {
        clients: editors.length + viewerSetup.connected,
        failed: editorFleet.failed + viewerSetup.failed,
        connectMs: editorFleet.connectMs + viewerSetup.connectMs,
      },
      throughput: {
        offeredPerS: options.editors * rate,
        sentPerS: counters.sent / elapsedS,
        ackedPerS: ackedDuringRun / elapsedS,
        sent: counters.sent,
        acked: counters.acked,
        unacked,
      },
      propagationMs: { ...summariseLatencies(tracker.latenciesMs), lost: tracker.outstanding() },
      durableAckMs: summariseLatencies(ackLatencies),
      serverAckMs: quantilesBetween(bucketsBefore, bucketsAfter),
      fanout: fanoutBetween(scrapeBefore, scrapeAfter),
      errors: tally.toJSON(),
      rss: { beforeBytes: before.bytes, afterBytes: after.bytes, ...problem(before.problem ?? after.problem) },
      convergence,
      benchEventLoopDelayP99Ms: Math.max(loopDelayP99Ms, viewed?.loopDelayP99Ms ?? 0),
    };
  } finally {
    await viewers?.terminate();
    await closeFleet(editors, options.concurrency);
  }
}

/** One editor typing `rate` times a second for `durationS`, then stopping by itself. */
function startTyping(
  editor: SimulatedUser,
  rate: number,
  durationS: number,
  random: Random,
  nextEdit: (length: number) => Edit,
  tracker: PropagationTracker,
  ackLatencies: number[],
  counters: { sent: number; acked: number },
): Promise<void> {
  const { session } = editor;
  const sentAt = new Map<number, number>();
  session.on('acked', (event) => {
    const now = performance.now();
    for (const seq of event.seqs) {
      const at = sentAt.get(seq);
      if (at === undefined) continue;
      sentAt.delete(seq);
      ackLatencies.push(now - at);
      counters.acked += 1;
    }
  });
  const editOnce = () => {
    const edit = nextEdit(session.body.length);
    if (edit.kind === 'insert') session.body.insert(edit.index, edit.text);
    else session.body.delete(edit.index, edit.length);
    const now = performance.now();
    sentAt.set(session.lastLocalSeq, now);
    counters.sent += 1;
    if (edit.kind === 'insert') {
      tracker.recordEdit(session.doc.clientID, Y.getState(session.doc.store, session.doc.clientID), now);
    }
  };
  return runOpenLoop(rate, durationS, random, editOnce, () => session.isClosed);
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

function problem(text: string | undefined): { problem?: string } {
  return text ? { problem: text } : {};
}

/** Waits for every viewer to hold the editors' final states, then feeds their records into the tracker. */
async function collectViewers(
  viewers: ViewerShards,
  editors: readonly SimulatedUser[],
  tracker: PropagationTracker,
  tally: ErrorTally,
  settleMs: number,
): Promise<{ texts: [number, string][]; loopDelayP99Ms: number }> {
  const finalStates = editors.map((e): [number, number, number] => [
    e.draftIndex,
    e.session.doc.clientID,
    Y.getState(e.session.doc.store, e.session.doc.clientID),
  ]);
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
  editors: readonly SimulatedUser[],
  draftIds: readonly string[],
): void {
  const reference = new Map(
    editors.map((e) => [e.draftIndex, `${e.session.headline.toString()}\n${e.session.body.toString()}`]),
  );
  const differing = texts.filter(
    ([draftIndex, text]) => reference.has(draftIndex) && reference.get(draftIndex) !== text,
  );
  for (const [draftIndex] of differing)
    convergence.mismatches.push(`draft ${draftIds[draftIndex]}: a viewer differs from the editors`);
  convergence.clients += texts.length;
  convergence.ok = convergence.mismatches.length === 0;
}
