/** The default mode: editors typing at a fixed rate, viewers watching; latency, errors, memory, convergence. */
import { monitorEventLoopDelay } from 'node:perf_hooks';
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
import type { LoadResult } from './bench-result.js';
import { checkConvergence } from './convergence-check.js';
import { ErrorTally } from './error-tally.js';
import { summariseLatencies } from './latency-stats.js';
import { PropagationTracker } from './propagation-tracker.js';
import { runOpenLoop } from './open-loop.js';
import { nextEdit, seededRandom, type Random } from './random-edit.js';
import { parseUpdateBuckets, quantilesBetween } from './server-histogram.js';
import { readServerExposition, readServerRss } from './server-metrics.js';

type Progress = (line: string) => void;

export async function runLoad(options: BenchOptions, progress: Progress): Promise<LoadResult> {
  const rate = options.rate;
  const tally = new ErrorTally();
  const before = await readServerRss(options.url, options.metricsToken);
  const bucketsBefore = parseUpdateBuckets((await readServerExposition(options.url, options.metricsToken)) ?? '');
  const admin = await loginBenchUser(options);
  const draftIds = await createBenchDrafts(admin, options.drafts, new Date());
  const token = admin.token!;

  progress(`connecting ${options.editors} editors and ${options.viewers} viewers over ${options.drafts} draft(s)`);
  const editorFleet = await connectFleet(options, token, draftIds, roundRobin(options.editors, options.drafts), tally);
  const viewerFleet = await connectFleet(options, token, draftIds, roundRobin(options.viewers, options.drafts), tally);
  const everyone = [...editorFleet.users, ...viewerFleet.users];

  try {
    const tracker = new PropagationTracker();
    const clientsPerDraft = draftIds.map((_, index) => everyone.filter((user) => user.draftIndex === index).length);
    for (const user of everyone) {
      user.session.on('update', (event) => tracker.applied(user.session.doc, event.update, performance.now()));
    }
    const ackLatencies: number[] = [];
    const counters = { sent: 0, acked: 0 };
    for (const editor of editorFleet.users) {
      tracker.addEditor(editor.session.doc.clientID, clientsPerDraft[editor.draftIndex]! - 1);
    }

    progress(`typing for ${options.durationS} s at ${rate} updates/s per editor`);
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const started = performance.now();
    const random = seededRandom(options.seed);
    const typists = editorFleet.users.map((editor) =>
      startTyping(editor, rate, options.durationS, random, tracker, ackLatencies, counters),
    );
    await Promise.all(typists);
    const elapsedS = (performance.now() - started) / 1000;
    const ackedDuringRun = counters.acked;
    loopDelay.disable();

    progress('waiting for the last acks and relays');
    const drainMs = options.drainS * 1000;
    await pollUntil(() => editorFleet.users.every((e) => e.session.pendingUpdates === 0), drainMs);
    await pollUntil(() => tracker.outstanding() === 0, drainMs);
    const after = await readServerRss(options.url, options.metricsToken);
    const bucketsAfter = parseUpdateBuckets((await readServerExposition(options.url, options.metricsToken)) ?? '');
    const convergence = await checkConvergence(options.url, token, draftIds, everyone, Math.min(drainMs, 10_000));
    const unacked = editorFleet.users.reduce((sum, editor) => sum + editor.session.pendingUpdates, 0);

    return {
      mode: 'load',
      url: options.url,
      config: {
        editors: options.editors,
        ratePerEditor: rate,
        drafts: options.drafts,
        viewers: options.viewers,
        durationS: options.durationS,
        seed: options.seed,
      },
      setup: {
        clients: everyone.length,
        failed: editorFleet.failed + viewerFleet.failed,
        connectMs: editorFleet.connectMs + viewerFleet.connectMs,
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
      errors: tally.toJSON(),
      rss: { beforeBytes: before.bytes, afterBytes: after.bytes, ...problem(before.problem ?? after.problem) },
      convergence,
      benchEventLoopDelayP99Ms: loopDelay.percentile(99) / 1e6,
    };
  } finally {
    await closeFleet(everyone, options.concurrency);
  }
}

/** One editor typing `rate` times a second for `durationS`, then stopping by itself. */
function startTyping(
  editor: SimulatedUser,
  rate: number,
  durationS: number,
  random: Random,
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
    const edit = nextEdit(random, session.body.length);
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

function problem(text: string | undefined): { problem?: string } {
  return text ? { problem: text } : {};
}
