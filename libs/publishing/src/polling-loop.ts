/**
 * Runs `look` at start, then `pollMs` after each look ends (never two at once), or sooner when
 * the look resolves to how soon it knows there is work (milliseconds); `nudge` asks for the next
 * look as soon as the current one ends. The embargo scheduler and the webhook
 * dispatcher run on it. Its timers only decide when to look: what is due lives in the database,
 * so a loop that stops, or an instance that never starts one, loses nothing.
 */
export class PollingLoop {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private lookAgain = false;
  private stopped = true;
  /** Set by `stop` (not before the first start): a look in progress takes on no more. */
  private halted = false;

  constructor(
    private readonly look: () => Promise<number | void>,
    private readonly pollMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** True once `stop` was called: a look in progress should take on no more work. */
  get stopping(): boolean {
    return this.halted;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.halted = false;
    this.schedule(0);
  }

  nudge(): void {
    if (this.stopped) return;
    if (this.running) {
      this.lookAgain = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.schedule(0);
  }

  /** Stops looking and waits for the look in progress to end. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.halted = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      let next = this.pollMs;
      this.running = this.look()
        .then((dueInMs) => {
          if (typeof dueInMs === 'number' && Number.isFinite(dueInMs)) next = Math.min(next, Math.max(0, dueInMs));
        }, this.onError)
        .finally(() => {
          this.running = null;
          const soon = this.lookAgain;
          this.lookAgain = false;
          this.schedule(soon ? 0 : next);
        });
    }, delayMs);
  }
}
