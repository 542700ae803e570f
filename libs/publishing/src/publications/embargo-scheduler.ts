import type { ScheduledRelease } from '#reviews';

export interface SchedulerLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

export interface EmbargoSchedulerOptions {
  /** How often to look for releases that are due. */
  pollMs: number;
  /** Releases per transaction round; a longer backlog takes several rounds of one tick. */
  batch: number;
  logger: SchedulerLogger;
}

/**
 * Releases embargoed drafts when their time comes (docs/publishing.md, "Embargo"). The database
 * is the source of truth: a job row per scheduled draft, claimed with SKIP LOCKED in the
 * transaction that releases it. This timer only decides when to look, so a restart loses
 * nothing (the next look finds what came due meanwhile) and several instances release each
 * draft once.
 */
export class EmbargoScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;
  private readonly listeners: ((release: ScheduledRelease) => void)[] = [];

  constructor(
    private readonly releaseDue: (limit: number) => Promise<ScheduledRelease[]>,
    private readonly options: EmbargoSchedulerOptions,
  ) {}

  /** Called for every release this instance made (metrics: the lag behind the embargo). */
  onReleased(listener: (release: ScheduledRelease) => void): void {
    this.listeners.push(listener);
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops looking and waits for a release in progress to commit or roll back. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One look: releases everything due now, batch after batch. Resolves to how many it released. */
  async tick(): Promise<number> {
    let total = 0;
    for (;;) {
      const released = await this.releaseDue(this.options.batch);
      for (const release of released) {
        this.options.logger.info({ draftId: release.draftId, lagMs: release.lagMs }, 'released an embargoed draft');
        for (const listener of this.listeners) listener(release);
      }
      total += released.length;
      if (released.length < this.options.batch || this.stopped) return total;
    }
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.tick()
        .then(
          () => undefined,
          (error: unknown) =>
            this.options.logger.warn({ err: error }, 'embargo release failed; retrying at the next look'),
        )
        .finally(() => {
          this.running = null;
          this.schedule(this.options.pollMs);
        });
    }, delayMs);
  }
}
