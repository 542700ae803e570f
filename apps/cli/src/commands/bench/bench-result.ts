import type { ServerLatency } from './server-histogram.js';
import type { TypingStyle } from './bench-options.js';
import type { LatencySummary } from './latency-stats.js';

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
    durationS: number;
    typing: TypingStyle;
    seed: number;
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
  durableAckMs: LatencySummary;
  /** The same latency measured inside the server (its histogram), free of the bench's own delays. */
  serverAckMs: ServerLatency;
  /** Stored updates the server sent on during the run, and the room emits that carried them (null: unreadable). */
  fanout: { updates: number; roomEmits: number } | null;
  errors: Record<string, number>;
  rss: RssSummary;
  convergence: ConvergenceSummary;
  benchEventLoopDelayP99Ms: number;
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

export type BenchResult = LoadResult | IdleResult | HistoryResult | PresenceResult;
