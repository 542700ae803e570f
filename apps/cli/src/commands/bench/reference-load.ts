/**
 * The load mode's workload against the reference server (`--reference hocuspocus`): the same
 * editors, rate, typing, viewers (in worker threads alike) and drafts, timed by the same
 * PropagationTracker. Only propagation is measured: Hocuspocus has no durable ack.
 * Loaded dynamically by reference-compare.ts (its client needs the bench's development dependencies).
 */
import * as Y from 'yjs';
import { mapConcurrently, pollUntil } from './async-helpers.js';
import { roundRobin } from './bench-fleet.js';
import type { BenchOptions } from './bench-options.js';
import type { ReferenceRunFigures } from './bench-result.js';
import { ErrorTally } from './error-tally.js';
import { summariseLatencies } from './latency-stats.js';
import { watchLoopDelay } from './loop-delay.js';
import { runOpenLoop } from './open-loop.js';
import { PropagationTracker } from './propagation-tracker.js';
import { seededRandom, typingFor } from './random-edit.js';
import { ReferenceEditor } from './reference-client.js';
import { startLocalViewers, startViewerShards } from './viewer-shards.js';

type Progress = (line: string) => void;

export async function runReferenceLoad(
  options: BenchOptions,
  wsUrl: string,
  progress: Progress,
  observe: (propagationSamplesMs: readonly number[]) => void,
): Promise<ReferenceRunFigures> {
  const tally = new ErrorTally();
  const stamp = new Date().toISOString().slice(0, 19);
  const names = Array.from({ length: options.drafts }, (_, i) => `bench-${stamp}-${process.pid}-${i + 1}`);
  const tracker = new PropagationTracker();

  progress(
    `reference: connecting ${options.editors} editors and ${options.viewers} viewers over ${options.drafts} document(s)`,
  );
  const started = performance.now();
  const joined = await mapConcurrently(roundRobin(options.editors, options.drafts), options.concurrency, (draftIndex) =>
    ReferenceEditor.join(wsUrl, names[draftIndex]!, draftIndex, tally, (doc, update, at) =>
      tracker.applied(doc, update, at),
    ),
  );
  const editors = joined.filter((editor): editor is ReferenceEditor => editor !== null);
  const editorsMs = performance.now() - started;
  const viewers =
    options.viewers === 0
      ? null
      : options.shards > 1
        ? startViewerShards(options, '', names, options.shards - 1, wsUrl)
        : startLocalViewers(options, '', names, wsUrl);
  const viewerSetup = viewers ? await viewers.ready : { connected: 0, failed: 0, connectMs: 0 };
  const viewerDrafts = roundRobin(options.viewers, options.drafts);

  try {
    for (const editor of editors) {
      const receivers =
        editors.filter((e) => e.draftIndex === editor.draftIndex).length +
        viewerDrafts.filter((d) => d === editor.draftIndex).length -
        1;
      tracker.addEditor(editor.doc.clientID, receivers);
    }

    progress(`reference: typing for ${options.durationS} s at ${options.rate} updates/s per editor`);
    const counters = { sent: 0 };
    const loopDelay = watchLoopDelay();
    const typingStarted = performance.now();
    const random = seededRandom(options.seed);
    await Promise.all(
      editors.map((editor) => {
        const nextEdit = typingFor(options.typing, random);
        return runOpenLoop(
          options.rate,
          options.durationS,
          random,
          () => {
            const edit = nextEdit(editor.body.length);
            if (edit.kind === 'insert') editor.body.insert(edit.index, edit.text);
            else editor.body.delete(edit.index, edit.length);
            const now = performance.now();
            counters.sent += 1;
            if (edit.kind === 'insert') {
              tracker.recordEdit(editor.doc.clientID, Y.getState(editor.doc.store, editor.doc.clientID), now);
            }
          },
          () => editor.isClosed,
        );
      }),
    );
    const elapsedS = (performance.now() - typingStarted) / 1000;
    const loopDelayP99Ms = loopDelay.stop();

    progress('reference: waiting for the last relays');
    const drainMs = options.drainS * 1000;
    let mismatches = 0;
    let viewerLoopDelayMs = 0;
    if (viewers) {
      const finalStates = editors.map((e): [number, number, number] => [
        e.draftIndex,
        e.doc.clientID,
        Y.getState(e.doc.store, e.doc.clientID),
      ]);
      const replies = await viewers.finish(finalStates, drainMs);
      replies.forEach((reply, shard) => {
        const t = reply.transitions;
        for (let i = 0; i < t.length; i += 4) tracker.reached(`${shard}:${t[i]}`, t[i + 1]!, t[i + 2]!, t[i + 3]!);
        for (const [code, count] of Object.entries(reply.errors)) for (let i = 0; i < count; i++) tally.add(code);
      });
      viewerLoopDelayMs = Math.max(...replies.map((r) => r.loopDelayP99Ms));
      await pollUntil(() => tracker.outstanding() === 0, drainMs);
      const texts = new Map(editors.map((e) => [e.draftIndex, e.text()]));
      for (const [draftIndex, text] of replies.flatMap((reply) => reply.texts)) {
        if (texts.has(draftIndex) && texts.get(draftIndex) !== text) mismatches += 1;
      }
    } else {
      await pollUntil(() => tracker.outstanding() === 0, drainMs);
    }
    const byDraft = new Map<number, string>();
    for (const editor of editors) {
      const text = editor.text();
      if (byDraft.has(editor.draftIndex) && byDraft.get(editor.draftIndex) !== text) mismatches += 1;
      byDraft.set(editor.draftIndex, text);
    }

    observe(tracker.latenciesMs);
    return {
      setup: {
        clients: editors.length + viewerSetup.connected,
        failed: joined.length - editors.length + viewerSetup.failed,
        connectMs: editorsMs + viewerSetup.connectMs,
      },
      sent: counters.sent,
      sentPerS: counters.sent / elapsedS,
      propagationMs: { ...summariseLatencies(tracker.latenciesMs), lost: tracker.outstanding() },
      converged: mismatches === 0,
      errors: tally.toJSON(),
      benchEventLoopDelayP99Ms: Math.max(loopDelayP99Ms, viewerLoopDelayMs),
    };
  } finally {
    await viewers?.terminate();
    for (const editor of editors) editor.close();
  }
}
