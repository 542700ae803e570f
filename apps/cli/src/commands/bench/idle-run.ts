/** --idle: N sessions joined over D drafts and held, to see what idle sessions cost the server. */
import { sleep } from './async-helpers.js';
import { closeFleet, connectFleet, createBenchDrafts, loginBenchUser, roundRobin } from './bench-fleet.js';
import type { BenchOptions } from './bench-options.js';
import type { IdleResult } from './bench-result.js';
import { ErrorTally } from './error-tally.js';
import { readServerRss, type RssReading } from './server-metrics.js';

const RSS_SAMPLE_MS = 5_000;

export async function runIdle(options: BenchOptions, progress: (line: string) => void): Promise<IdleResult> {
  const tally = new ErrorTally();
  const before = await readServerRss(options.url, options.metricsToken);
  const admin = await loginBenchUser(options);
  progress(`creating ${options.drafts} draft(s)`);
  const draftIds = await createBenchDrafts(admin, options.drafts, new Date());
  progress(`connecting ${options.idle} sessions, ${options.concurrency} at a time`);
  const fleet = await connectFleet(options, admin.token!, draftIds, roundRobin(options.idle, options.drafts), tally);

  let peak = before.bytes;
  let last = before;
  let stillJoined = 0;
  try {
    ({ peak, last } = await holdSessions(options, fleet.users.length, progress, before.bytes));
    stillJoined = fleet.users.filter((user) => user.session.isJoined).length;
  } finally {
    await closeFleet(fleet.users, options.concurrency);
  }

  const grew = before.bytes !== null && last.bytes !== null && fleet.users.length > 0;
  return {
    mode: 'idle',
    url: options.url,
    config: { sessions: options.idle, drafts: options.drafts, durationS: options.durationS, resyncS: options.resyncS },
    setup: { clients: fleet.users.length, failed: fleet.failed, connectMs: fleet.connectMs },
    stillJoined,
    errors: tally.toJSON(),
    rss: {
      beforeBytes: before.bytes,
      afterBytes: last.bytes,
      peakBytes: peak,
      perSessionBytes: grew ? (last.bytes! - before.bytes!) / fleet.users.length : null,
      ...(before.problem || last.problem ? { problem: before.problem ?? last.problem } : {}),
    },
    maxRssMb: options.maxRssMb,
  };
}

/** Waits out --duration, reading the server's RSS every few seconds. */
async function holdSessions(
  options: BenchOptions,
  sessions: number,
  progress: (line: string) => void,
  startBytes: number | null,
): Promise<{ peak: number | null; last: RssReading }> {
  progress(`holding ${sessions} sessions for ${options.durationS} s`);
  let peak = startBytes;
  const holdUntil = Date.now() + options.durationS * 1000;
  let last = await readServerRss(options.url, options.metricsToken);
  for (;;) {
    if (last.bytes !== null) peak = Math.max(peak ?? 0, last.bytes);
    const left = holdUntil - Date.now();
    if (left <= 0) return { peak, last };
    await sleep(Math.min(RSS_SAMPLE_MS, left));
    last = await readServerRss(options.url, options.metricsToken);
  }
}
