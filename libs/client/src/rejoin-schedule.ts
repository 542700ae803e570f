import { RetryBackoff } from './retry-backoff.js';

type Timer = ReturnType<typeof setTimeout>;

/** When a session joins again: after a retryable failure (with backoff) and periodically (resync). */
export class RejoinSchedule {
  private retryTimer: Timer | undefined;
  private resyncTimer: Timer | undefined;
  private readonly backoff: RetryBackoff;
  /** An immediate retry was made since the last success: the next ones wait their backoff. */
  private immediateSpent = false;

  constructor(
    private readonly rejoin: () => void,
    private readonly resyncIntervalMs: number,
    retryBaseMs: number,
    retryMaxMs: number,
    private readonly random: () => number = Math.random,
  ) {
    this.backoff = new RetryBackoff(retryBaseMs, retryMaxMs, random);
  }

  /**
   * Schedules a retry after the next backoff delay; null when one is already due. `immediately`
   * (the server asked for a re-join) skips the delay once until something succeeds, so that a
   * server that keeps asking is not answered in a tight loop.
   */
  retry(immediately: boolean): number | null {
    if (this.retryTimer !== undefined) return null;
    const delay = immediately && !this.immediateSpent ? 0 : this.backoff.next();
    if (immediately) this.immediateSpent = true;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.rejoin();
    }, delay);
    return delay;
  }

  /** Something got through: the next failure starts the backoff over. */
  succeeded(): void {
    this.backoff.reset();
    this.immediateSpent = false;
  }

  /** (Re)starts the periodic resync countdown. */
  resyncLater(): void {
    clearTimeout(this.resyncTimer);
    this.resyncTimer = undefined;
    if (this.resyncIntervalMs <= 0) return;
    // Jitter keeps thousands of sessions opened together from resyncing together.
    const delay = this.resyncIntervalMs * (0.8 + 0.4 * this.random());
    this.resyncTimer = setTimeout(() => {
      this.resyncTimer = undefined;
      this.rejoin();
    }, delay);
  }

  stop(): void {
    clearTimeout(this.retryTimer);
    clearTimeout(this.resyncTimer);
    this.retryTimer = undefined;
    this.resyncTimer = undefined;
  }
}
