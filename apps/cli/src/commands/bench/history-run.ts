/** --history: one draft with N small stored updates, then how long a fresh join takes. */
import { CopydeskClient } from '#client';
import { pollUntil, sleep, withTimeout } from './async-helpers.js';
import { createBenchDrafts, loginBenchUser } from './bench-fleet.js';
import type { BenchOptions } from './bench-options.js';
import type { HistoryResult } from './bench-result.js';
import { ErrorTally } from './error-tally.js';
import { median } from './latency-stats.js';
import { seededRandom, typingFor } from './random-edit.js';
import { readServerRss } from './server-metrics.js';

export async function runHistory(options: BenchOptions, progress: (line: string) => void): Promise<HistoryResult> {
  const tally = new ErrorTally();
  const before = await readServerRss(options.url, options.metricsToken);
  const admin = await loginBenchUser(options);
  const [draftId] = await createBenchDrafts(admin, 1, new Date());
  const token = admin.token!;

  progress(`appending ${options.history} updates at ${options.rate}/s`);
  const writer = new CopydeskClient({ baseUrl: options.url, token });
  const session = writer.openDraft(draftId!, { resyncIntervalMs: options.resyncS * 1000 });
  tally.watch(session);
  let acked = 0;
  let appendMs = 0;
  let unacked = 0;
  let bodyLength = 0;
  try {
    session.on('acked', (event) => (acked += event.seqs.length));
    await withTimeout(session.whenSynced(), 30_000, 'joining');
    const nextEdit = typingFor(options.typing, seededRandom(options.seed));
    const started = performance.now();
    const intervalMs = 1000 / options.rate;
    // Bounded by count and by time: the schedule, plus --duration of slack for a slow server.
    const deadline = started + options.history * intervalMs + options.durationS * 1000;
    for (let i = 0; i < options.history && performance.now() < deadline; i += 1) {
      // Open loop: update i is due at started + i * interval, however late the previous one was.
      await sleep(started + i * intervalMs - performance.now());
      const edit = nextEdit(session.body.length);
      if (edit.kind === 'insert') session.body.insert(edit.index, edit.text);
      else session.body.delete(edit.index, edit.length);
    }
    await pollUntil(() => session.pendingUpdates === 0, options.drainS * 1000);
    appendMs = performance.now() - started;
    unacked = session.pendingUpdates;
    bodyLength = session.body.length;
  } finally {
    await writer.close();
  }

  progress(`timing ${options.joins} fresh joins`);
  const samples: number[] = [];
  let bytes: number | null = null;
  for (let i = 0; i < options.joins; i += 1) {
    const reader = new CopydeskClient({ baseUrl: options.url, token });
    const fresh = reader.openDraft(draftId!, { resyncIntervalMs: 0 });
    tally.watch(fresh);
    let connectedAt = performance.now();
    fresh.on('connection', (state) => {
      if (state === 'connected') connectedAt = performance.now();
    });
    fresh.on('synced', (event) => {
      samples.push(performance.now() - connectedAt);
      bytes = event.bytes;
    });
    await withTimeout(fresh.whenSynced(), 60_000, 'a fresh join').finally(() => reader.close());
  }
  const after = await readServerRss(options.url, options.metricsToken);

  return {
    mode: 'history',
    url: options.url,
    config: { updates: options.history, joins: options.joins, ratePerS: options.rate, typing: options.typing },
    append: { ms: appendMs, acked, unacked },
    freshJoin: { medianMs: median(samples), firstMs: samples[0] ?? null, samplesMs: samples, bytes },
    bodyLength,
    errors: tally.toJSON(),
    rss: {
      beforeBytes: before.bytes,
      afterBytes: after.bytes,
      ...(before.problem || after.problem ? { problem: before.problem ?? after.problem } : {}),
    },
  };
}
