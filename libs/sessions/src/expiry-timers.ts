/** Node fires a timer at once when asked for more than 2^31-1 ms (about 24.8 days); tokens may live 30. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * One timer per connection, due when its token expires: the connection is closed then, not at
 * its next request (a socket makes none). Cleared when the connection closes first.
 */
export class ExpiryTimers {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  arm(connectionId: string, expiresAt: number, onExpiry: () => void): void {
    this.clear(connectionId);
    const delay = Math.max(0, expiresAt - Date.now());
    const timer =
      delay > MAX_TIMER_MS
        ? setTimeout(() => this.arm(connectionId, expiresAt, onExpiry), MAX_TIMER_MS)
        : setTimeout(() => {
            this.timers.delete(connectionId);
            onExpiry();
          }, delay);
    // A pending expiry is no reason to keep the process alive.
    timer.unref?.();
    this.timers.set(connectionId, timer);
  }

  clear(connectionId: string): void {
    clearTimeout(this.timers.get(connectionId));
    this.timers.delete(connectionId);
  }

  get size(): number {
    return this.timers.size;
  }
}
