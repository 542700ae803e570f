import type { ServerHistogram, ServerLatency } from './server-histogram.js';
import type { Received } from './author-shape.js';
import type { LoadShape, TypingStyle } from './bench-options.js';
import type { LatencySummary, SecondSummary } from './latency-stats.js';
import type { ProcPeak } from './proc-memory.js';
import type { EmbargoFigures, RoundFigures } from './release-figures.js';

/** What each mode measured; printed as text or, with --json, as is. */
export interface RssSummary {
  beforeBytes: number | null;
  afterBytes: number | null;
  problem?: string;
}

export interface ConvergenceSummary {
  ok: boolean;
  drafts: number;
  clients: number;
  /** Drafts whose clients disagree, or differ from a fresh join. */
  mismatches: string[];
}

export interface LoadResult {
  mode: 'load';
  url: string;
  config: {
    editors: number;
    ratePerEditor: number;
    drafts: number;
    viewers: number;
    /** `authors` (--authors): `editors` are authors that integrate nothing; propagation is to the last observer. */
    shape: LoadShape;
    /** --authors: full SDK sessions over which propagation is timed (0 otherwise). */
    observers: number;
    durationS: number;
    typing: TypingStyle;
    seed: number;
    /** Worker threads the editors ran in (--editor-shards); 0: the main thread. */
    editorShards: number;
  };
  setup: { clients: number; failed: number; connectMs: number };
  throughput: {
    offeredPerS: number;
    sentPerS: number;
    ackedPerS: number;
    sent: number;
    acked: number;
    unacked: number;
  };
  propagationMs: LatencySummary & { lost: number };
  /**
   * --authors: the update messages the server sent the authors, received and not integrated, and
   * the authors' re-joins (after a refusal or a lost connection), each of which integrated the
   * draft as it stood; null otherwise.
   */
  authorsReceived: (Received & { rejoins: number }) | null;
  durableAckMs: LatencySummary;
  /** --timeline: both latencies second by second of the typing (by the second sent); null otherwise. */
  timeline: { propagationMs: SecondSummary[]; durableAckMs: SecondSummary[] } | null;
  /** The same latency measured inside the server (its histogram), free of the bench's own delays. */
  serverAckMs: ServerLatency;
  /** Stored updates the server sent on during the run, and the room emits that carried them (null: unreadable). */
  fanout: { updates: number; roomEmits: number } | null;
  /**
   * The server's group commits (its histograms; null: unreadable): how many, their mean size, how
   * long one took and how long an update queued for its own.
   */
  commits: { batches: number; meanUpdates: number | null; commitMs: ServerHistogram; waitMs: ServerHistogram } | null;
  errors: Record<string, number>;
  /** Before and after from /metrics; with --server-pid, the peak over the run from /proc as well. */
  rss: RssSummary & { peak?: ProcPeak };
  convergence: ConvergenceSummary;
  benchEventLoopDelayP99Ms: number;
  /** The bench process's CPU (all its threads) over the typing, in cores. */
  benchCpuCores: number;
}

/** One run of the load workload against the reference server: propagation only (it has no durable ack). */
export interface ReferenceRunFigures {
  setup: { clients: number; failed: number; connectMs: number };
  sent: number;
  sentPerS: number;
  propagationMs: LatencySummary & { lost: number };
  /** Every editor and viewer of each document ended with the same text. */
  converged: boolean;
  errors: Record<string, number>;
  benchEventLoopDelayP99Ms: number;
}

/** A server's resident memory over the runs: before the first, and the peak (`method` says how it was taken). */
export interface RssPeak {
  /** How the peak was measured: /metrics every second, /proc VmRSS every second, or /proc VmHWM per run. */
  method: string;
  beforeBytes: number | null;
  peakBytes: number | null;
  samples: number;
  /** By /proc (--server-pid, and the reference's child): each run's own peak, in order. */
  runPeaksBytes?: (number | null)[];
  /** By /proc: VmHWM before the first reset: the peak since the process started, or since an earlier reset. */
  hwmBeforeBytes?: number | null;
  problem?: string;
}

/** Copydesk over the reference (Copydesk / reference): below 1, Copydesk is faster or smaller. */
export interface Ratios {
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

/** `--reference hocuspocus`: the load workload against Copydesk and the reference server, in alternating rounds. */
export interface ReferenceResult {
  mode: 'reference';
  url: string;
  /** The reference server's process: `nice` is its CPU niceness (it should match the Copydesk server's). */
  reference: { server: string; store: string; wsUrl: string; pid: number; nice: number | null };
  config: LoadResult['config'] & { rounds: number };
  rounds: {
    /** Which ran first in this round (the order alternates, so that drift falls on both). */
    first: 'copydesk' | 'reference';
    copydesk: LoadResult;
    reference: ReferenceRunFigures;
  }[];
  /** Every round's samples pooled, then the percentiles. */
  propagationMs: {
    copydesk: LatencySummary & { lost: number };
    reference: LatencySummary & { lost: number };
    ratio: Ratios;
  };
  rss: { copydesk: RssPeak; reference: RssPeak; peakRatio: number | null };
}

export interface IdleResult {
  mode: 'idle';
  url: string;
  config: { sessions: number; drafts: number; durationS: number; resyncS: number };
  setup: { clients: number; failed: number; connectMs: number };
  stillJoined: number;
  errors: Record<string, number>;
  rss: RssSummary & { peakBytes: number | null; perSessionBytes: number | null };
  maxRssMb: number | null;
}

export interface HistoryResult {
  mode: 'history';
  url: string;
  config: { updates: number; joins: number; ratePerS: number; typing: TypingStyle };
  append: { ms: number; acked: number; unacked: number };
  freshJoin: { medianMs: number | null; firstMs: number | null; samplesMs: number[]; bytes: number | null };
  bodyLength: number;
  errors: Record<string, number>;
  rss: RssSummary;
}

export interface PresenceResult {
  mode: 'presence';
  url: string;
  config: { sessions: number; ratePerSession: number; drafts: number; durationS: number; seed: number };
  setup: { clients: number; failed: number; connectMs: number };
  moves: { offeredPerS: number; sentPerS: number; ackedPerS: number; sent: number; acked: number };
  ackMs: LatencySummary;
  /** Presence entries the server broadcast to draft rooms (from its /metrics), null when unreadable. */
  broadcasts: { total: number | null; perS: number | null; perSessionPerS: number | null; problem?: string };
  /** Presence events of other sessions that the clients received. */
  received: { total: number; perS: number; perClientPerS: number; perMoveAndPeer: number | null };
  errors: Record<string, number>;
  rss: RssSummary;
  benchEventLoopDelayP99Ms: number;
}

export interface ClaimsResult {
  mode: 'claims';
  url: string;
  config: {
    rounds: number;
    /** The server's settle delay as given (--settle): each round waits this plus 200 ms after the previous one. */
    settleMs: number;
    /** The draft's body: UTF-16 code units and UTF-8 bytes. */
    textLength: number;
    textBytes: number;
  };
  draft: {
    id: string;
    /** Claims the extractor finds in the text, in the bench process. */
    extracted: number;
    /** Claims the server listed for the draft (GET /api/drafts/:id/claims). */
    listed: number;
    /** Of those, figures with a digit the rounds edit in turn. */
    figures: number;
    /** From creating the draft until the session held every listed claim. */
    readyMs: number;
  };
  /** Edits made, `claims` events that carried the edited claim's new text, and rounds without one. */
  rounds: { edited: number; arrived: number; lost: number };
  /** From the local edit to the `claims` event with the new text (includes the server's settle delay). */
  eventMs: LatencySummary;
  /** Every `claims` event the session received during the rounds. */
  events: number;
  /** The server's histograms over the rounds (its /metrics): a whole reconciliation, and its extractor part. */
  server: { reconcile: ServerHistogram; extract: ServerHistogram; problem?: string };
  /** The extractor alone on the same text in the bench process: a reference. */
  extractorMs: { median: number | null; runs: number };
  errors: Record<string, number>;
  rss: RssSummary;
}

export interface ReleasesResult {
  mode: 'releases';
  url: string;
  config: {
    /** Stories published one after another. */
    rounds: number;
    /** Stories scheduled for one embargo instant (min(rounds, 20); 0 with --embargo-ms 0). */
    embargoed: number;
    embargoMs: number;
  };
  /** The bench's receiver, registered for the run (published, corrected, withdrawn; the reporter's desk). */
  endpoint: { url: string };
  /** The rounds: each story written, submitted, approved, then published and timed. */
  rounds: RoundFigures & { published: number };
  /** The embargoed releases, and the one instant every story was scheduled for (null with --embargo-ms 0). */
  embargo: (EmbargoFigures & { embargoUntil: string }) | null;
  /** What the receiver got over the whole run. */
  deliveries: {
    expected: number;
    /** Publications received, each once. */
    received: number;
    lost: number;
    /** Publications of other stories on the desk (someone else releasing meanwhile): not the bench's. */
    unexpected: number;
    /** Repeats of a delivery id, plus other deliveries of a publication already received: must be 0. */
    duplicates: number;
    /** Refused requests by reason (bad signature, stale timestamp, not a payload): must be none. */
    invalid: Record<string, number>;
    /** Every request the receiver answered. */
    requests: number;
  };
  /** The server's /metrics over the run: release lag and webhook attempt histograms, attempts by outcome. */
  server: {
    releaseLag: ServerHistogram;
    webhookAttempt: ServerHistogram;
    attempts: { delivered: number | null; retry: number | null; failed: number | null };
    problem?: string;
  };
  errors: Record<string, number>;
  rss: RssSummary;
}

/** One asset the page loads, as the server sends it: bytes, and gzipped at level 9. */
export interface WebAsset {
  url: string;
  kind: 'script' | 'stylesheet';
  bytes: number;
  gzipBytes: number;
}

/** Timings of a few page loads (ms from the navigation's start): fresh contexts (no cache), then reloads. */
export interface PageLoadFigures {
  /** Each load in a new browser context: nothing cached. */
  cold: LatencySummary;
  /** Loads in one context after the first: the hashed assets come from the cache. */
  warm: LatencySummary;
}

export interface WebResult {
  mode: 'web';
  url: string;
  config: {
    keystrokes: number;
    ratePerS: number;
    budgetKib: number;
    /** The Chromium that ran, and its version. */
    chromium: { path: string; version: string };
    reporter: string;
    editor: string;
  };
  /** The page's JavaScript and CSS as the server sends them (fetched from `/` and its assets), gzipped at level 9. */
  weight: {
    assets: WebAsset[];
    scriptGzipBytes: number;
    stylesheetGzipBytes: number;
    totalGzipBytes: number;
    budgetBytes: number;
    withinBudget: boolean;
  };
  /** The sign-in page: DOMContentLoaded and load (Navigation Timing), and the form on screen. */
  signInPage: { domContentLoadedMs: PageLoadFigures; loadMs: PageLoadFigures; formShownMs: PageLoadFigures };
  /** From navigating to a draft's URL (signed in) until its whole body is on screen. */
  draftOpenMs: PageLoadFigures;
  draft: { id: string; initialLength: number; finalLength: number; readyMs: number };
  typing: {
    /** Keystrokes pressed, and keydowns the typing page saw. */
    sent: number;
    keydowns: number;
    /** Keystrokes that reached the editor's screen, and those that never did within --drain. */
    arrived: number;
    lost: number;
    /** Keydowns per second over the typing. */
    actualRatePerS: number;
    /** Whether both pages ended with the same body, and the text the reporter meant to type. */
    textsMatch: boolean;
    mismatch?: string;
    /** Whether the editor's page showed the reporter's cursor with its name label (left out of the text it read). */
    remoteCursor: boolean;
  };
  /** Keydown in the typing page → the character in the editor's DOM (MutationObserver). */
  domMs: LatencySummary;
  /** Keydown → the next animation frame after that mutation: on the editor's screen. */
  screenMs: LatencySummary;
  /**
   * Keydown → the server's ack of the update carrying it, as the typing page received it (read from
   * its socket's frames; null when none was seen), with the keystrokes whose update was never acked.
   */
  ackMs: (LatencySummary & { unacked: number }) | null;
  /** The last keydown → the typing page's save status saying "Saved" (it waits for a pause first); null: never. */
  savedAfterLastMs: number | null;
  /** Console errors, uncaught errors and crashes of the bench's pages (first few). */
  pageErrors: string[];
  errors: Record<string, number>;
  rss: RssSummary;
}

export type BenchResult =
  | LoadResult
  | ReferenceResult
  | IdleResult
  | HistoryResult
  | PresenceResult
  | ClaimsResult
  | ReleasesResult
  | WebResult;
