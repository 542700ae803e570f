import type { ScheduledRelease } from '#reviews';
import { PollingLoop } from '../polling-loop.js';

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
  private readonly loop: PollingLoop;
  /** The last look found a release due that it had not released, and asked to look again at once. */
  private lookedAgainForOverdue = false;
  private readonly listeners: ((release: ScheduledRelease) => void)[] = [];

  constructor(
    private readonly releases: {
      releaseDue(limit: number): Promise<ScheduledRelease[]>;
      /** Milliseconds until the next pending release by the database's clock; null when none. */
      nextReleaseInMs(): Promise<number | null>;
    },
    private readonly options: EmbargoSchedulerOptions,
  ) {
    // After each look, the next one comes at the poll or at the next known embargo, whichever is
    // sooner: a release is late by its transaction, not by the poll.
    this.loop = new PollingLoop(
      () => this.lookAndPlan(),
      options.pollMs,
      (error) => options.logger.warn({ err: error }, 'embargo release failed; retrying at the next look'),
    );
  }

  /** Called for every release this instance made (metrics: the lag behind the embargo). */
  onReleased(listener: (release: ScheduledRelease) => void): void {
    this.listeners.push(listener);
  }

  start(): void {
    this.loop.start();
  }

  /** Looks again now (a draft was just scheduled: the look plans the next release for its time). */
  nudge(): void {
    this.loop.nudge();
  }

  /** Stops looking and waits for a release in progress to commit or roll back. */
  stop(): Promise<void> {
    return this.loop.stop();
  }

  /**
   * A look, and how soon the next should come: just after the next embargo (timers run in whole
   * milliseconds and may fire a fraction early, so one more), or at once if a release is due that
   * this look did not release (it fell due between its two queries). If that happens twice in a
   * row, the release is another instance's in progress or one that fails: the poll paces those.
   */
  private async lookAndPlan(): Promise<number | void> {
    await this.tick();
    const next = await this.releases.nextReleaseInMs();
    const overdue = next !== null && next <= 0;
    const retry = overdue && !this.lookedAgainForOverdue;
    this.lookedAgainForOverdue = retry;
    if (next === null || (overdue && !retry)) return undefined;
    return overdue ? 0 : Math.ceil(next) + 1;
  }

  /** One look: releases everything due now, batch after batch. Resolves to how many it released. */
  async tick(): Promise<number> {
    let total = 0;
    for (;;) {
      const released = await this.releases.releaseDue(this.options.batch);
      for (const release of released) {
        this.options.logger.info({ draftId: release.draftId, lagMs: release.lagMs }, 'released an embargoed draft');
        for (const listener of this.listeners) listener(release);
      }
      total += released.length;
      if (released.length < this.options.batch || this.loop.stopping) return total;
    }
  }
}
