/**
 * How often presence is vouched for and swept, derived from the one configured timeout so that
 * the promise "a session whose owner vanished is gone within the timeout" holds by construction.
 */
export interface PresenceTimings {
  /** Each instance re-writes its own sessions' entries this often. */
  heartbeatMs: number;
  /** Each instance looks for dead entries in its drafts this often. */
  sweepMs: number;
  /**
   * An entry not re-written for this long is dead. It is the timeout less one sweep and a tenth
   * for delivery, so an entry written the instant before its owner died is gone from every
   * client's view within the timeout; three heartbeats fit in it, so a live owner may miss two
   * before being taken for dead.
   */
  staleAfterMs: number;
  /**
   * Transport heartbeat (engine.io ping interval and timeout): a client that goes silent is
   * disconnected, and so leaves, within half the timeout.
   */
  pingIntervalMs: number;
  pingTimeoutMs: number;
}

const MIN_PERIOD_MS = 50;
// socket.io's own defaults: never ping more lazily than these.
const MAX_PING_INTERVAL_MS = 25_000;
const MAX_PING_TIMEOUT_MS = 20_000;

export function presenceTimings(timeoutMs: number): PresenceTimings {
  const fifth = Math.max(MIN_PERIOD_MS, Math.floor(timeoutMs / 5));
  const quarter = Math.max(MIN_PERIOD_MS, Math.floor(timeoutMs / 4));
  const delivery = Math.floor(timeoutMs / 10);
  return {
    heartbeatMs: fifth,
    sweepMs: fifth,
    staleAfterMs: Math.max(3 * fifth, timeoutMs - fifth - delivery),
    pingIntervalMs: Math.min(MAX_PING_INTERVAL_MS, quarter),
    pingTimeoutMs: Math.min(MAX_PING_TIMEOUT_MS, quarter),
  };
}
