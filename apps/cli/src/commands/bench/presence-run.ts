/**
 * --presence: N sessions moving their cursors R times a second each. Counts what the server
 * broadcast and what the clients received, so that runs against a server with and without
 * cursor coalescing (PRESENCE_CURSOR_INTERVAL_MS) show what it saves.
 */
import { pollUntil, sleep } from './async-helpers.js';
import {
  closeFleet,
  connectFleet,
  createBenchDrafts,
  loginBenchUser,
  roundRobin,
  type SimulatedUser,
} from './bench-fleet.js';
import type { BenchOptions } from './bench-options.js';
import type { PresenceResult } from './bench-result.js';
import { ErrorTally } from './error-tally.js';
import { watchLoopDelay } from './loop-delay.js';
import { summariseLatencies } from './latency-stats.js';
import { runOpenLoop } from './open-loop.js';
import { seededRandom, type Random } from './random-edit.js';
import { readServerCounter, readServerRss } from './server-metrics.js';

const BROADCASTS = 'copydesk_presence_broadcasts_total{kind="entry"}';
/** Long enough for the trailing edge of any sane coalescing interval to arrive. */
const SETTLE_MS = 1_000;

interface Counters {
  sent: number;
  acked: number;
  received: number;
  ackMs: number[];
}

export async function runPresence(options: BenchOptions, progress: (line: string) => void): Promise<PresenceResult> {
  const tally = new ErrorTally();
  const rssBefore = await readServerRss(options.url, options.metricsToken);
  const admin = await loginBenchUser(options);
  const draftIds = await createBenchDrafts(admin, options.drafts, new Date());
  progress(`connecting ${options.presence} sessions over ${options.drafts} draft(s)`);
  const fleet = await connectFleet(
    options,
    admin.token!,
    draftIds,
    roundRobin(options.presence, options.drafts),
    tally,
  );
  const counters: Counters = { sent: 0, acked: 0, received: 0, ackMs: [] };
  try {
    for (const user of fleet.users) {
      user.session.on('presence', (entry) => {
        if (entry.sessionId !== user.session.sessionId) counters.received += 1;
      });
    }
    // Joins announced while connecting are not part of the measurement.
    await sleep(SETTLE_MS);
    counters.received = 0;
    const broadcastsBefore = await readServerCounter(options.url, options.metricsToken, BROADCASTS);

    progress(`moving cursors for ${options.durationS} s at ${options.rate} moves/s per session`);
    const loopDelay = watchLoopDelay();
    const random = seededRandom(options.seed);
    await Promise.all(fleet.users.map((user) => moveCursor(user, options, random, counters, tally)));
    const loopDelayP99Ms = loopDelay.stop();
    await pollUntil(() => counters.acked + tally.total >= counters.sent, options.drainS * 1000);
    await sleep(SETTLE_MS);

    const broadcastsAfter = await readServerCounter(options.url, options.metricsToken, BROADCASTS);
    const rssAfter = await readServerRss(options.url, options.metricsToken);
    const seconds = options.durationS;
    const broadcasts =
      broadcastsBefore.value !== null && broadcastsAfter.value !== null
        ? broadcastsAfter.value - broadcastsBefore.value
        : null;
    const peers = peersPerSession(fleet.users, options.drafts);
    return {
      mode: 'presence',
      url: options.url,
      config: {
        sessions: options.presence,
        ratePerSession: options.rate,
        drafts: options.drafts,
        durationS: seconds,
        seed: options.seed,
      },
      setup: { clients: fleet.users.length, failed: fleet.failed, connectMs: fleet.connectMs },
      moves: {
        offeredPerS: fleet.users.length * options.rate,
        sentPerS: counters.sent / seconds,
        ackedPerS: counters.acked / seconds,
        sent: counters.sent,
        acked: counters.acked,
      },
      ackMs: summariseLatencies(counters.ackMs),
      broadcasts: {
        total: broadcasts,
        perS: broadcasts === null ? null : broadcasts / seconds,
        perSessionPerS: broadcasts === null ? null : broadcasts / seconds / Math.max(1, fleet.users.length),
        ...(broadcastsBefore.problem || broadcastsAfter.problem
          ? { problem: broadcastsBefore.problem ?? broadcastsAfter.problem }
          : {}),
      },
      received: {
        total: counters.received,
        perS: counters.received / seconds,
        perClientPerS: counters.received / seconds / Math.max(1, fleet.users.length),
        // 1.0: every move reached every other session; coalescing makes it smaller.
        perMoveAndPeer: counters.sent > 0 && peers > 0 ? counters.received / (counters.sent * peers) : null,
      },
      errors: tally.toJSON(),
      rss: {
        beforeBytes: rssBefore.bytes,
        afterBytes: rssAfter.bytes,
        ...(rssBefore.problem || rssAfter.problem ? { problem: rssBefore.problem ?? rssAfter.problem } : {}),
      },
      benchEventLoopDelayP99Ms: loopDelayP99Ms,
    };
  } finally {
    await closeFleet(fleet.users, options.concurrency);
  }
}

/** The other sessions each move is broadcast to, on average. */
function peersPerSession(users: readonly SimulatedUser[], drafts: number): number {
  if (users.length === 0) return 0;
  const perDraft = new Array<number>(drafts).fill(0);
  for (const user of users) perDraft[user.draftIndex]! += 1;
  return users.reduce((sum, user) => sum + perDraft[user.draftIndex]! - 1, 0) / users.length;
}

/** One session moving its cursor `rate` times a second, open loop, until the window closes. */
function moveCursor(
  user: SimulatedUser,
  options: BenchOptions,
  random: Random,
  counters: Counters,
  tally: ErrorTally,
): Promise<void> {
  const { session } = user;
  const moveOnce = () => {
    const index = Math.floor(random() * (session.body.length + 1));
    const sentAt = performance.now();
    counters.sent += 1;
    session.setPresence({ cursor: { anchor: index, head: index } }).then(
      () => {
        counters.acked += 1;
        counters.ackMs.push(performance.now() - sentAt);
      },
      (error: { code?: string }) => tally.add(error.code ?? 'PRESENCE_FAILED'),
    );
  };
  return runOpenLoop(options.rate, options.durationS, random, moveOnce, () => session.isClosed);
}
