/**
 * Calls `send` at most once per `intervalMs`: the first call after a quiet spell at once, later
 * ones within the interval held and only the latest value sent when it ends, so the last one is
 * never lost (the server coalesces cursors the same way, docs/presence.md).
 */
export class Throttle<T> {
  private lastSentAt = -Infinity;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private held: { value: T } | null = null;

  constructor(
    private readonly intervalMs: number,
    private readonly send: (value: T) => void,
    private readonly clock: () => number = Date.now,
  ) {}

  push(value: T): void {
    this.held = { value };
    if (this.timer) return;
    const wait = this.lastSentAt + this.intervalMs - this.clock();
    if (wait <= 0) this.flush();
    else this.timer = setTimeout(() => this.flush(), wait);
  }

  /** Sends the held value now, if any. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const held = this.held;
    this.held = null;
    if (!held) return;
    this.lastSentAt = this.clock();
    this.send(held.value);
  }

  /** Drops the held value; nothing more is sent. */
  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.held = null;
  }
}
