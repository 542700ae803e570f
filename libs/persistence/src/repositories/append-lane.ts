import type { DataSource, QueryRunner } from 'typeorm';

/** How long a commit's connection waits for the next commit before it goes back to the pool. */
const KEEP_FOR_MS = 250;

/** A query runner for one append, and what to do with it afterwards. */
export interface LaneTurn {
  runner: QueryRunner;
  /** Keeps the connection for the next append, or, when the append failed, gives it back. */
  done(failed: boolean): Promise<void>;
}

/**
 * The group committer's own connections. Every ack waits for a commit; a commit that took its
 * connection from the shared pool waited behind whatever held the pool (claims reconciliations,
 * text syncs, joins), and at 1,000 updates a second that wait was most of the ack's tail
 * (docs/benchmarks.md). So an append keeps its connection for the next one while appends follow
 * each other, and gives it back once none came for a moment: the pool's `end` waits for it, and a
 * quiet instance holds nothing. Appends under way at once (the committer runs more than one commit
 * when configured to) each keep one, so the lane holds as many connections as commits overlap.
 * Only with a pool of two connections or more: PGlite's one session must stay shared.
 */
export class AppendLane {
  /** Kept connections with no append under way, the most recently used last. */
  private readonly idle: { runner: QueryRunner; giveBack: NodeJS.Timeout }[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly keepForMs = KEEP_FOR_MS,
  ) {}

  take(): LaneTurn {
    if (!this.enabled()) {
      const runner = this.dataSource.createQueryRunner();
      return { runner, done: () => runner.release() };
    }
    let runner: QueryRunner | undefined;
    while (!runner) {
      const kept = this.idle.pop();
      if (!kept) runner = this.dataSource.createQueryRunner();
      else {
        clearTimeout(kept.giveBack);
        if (!kept.runner.isReleased) runner = kept.runner;
      }
    }
    const taken = runner;
    return {
      runner: taken,
      done: async (failed) => {
        if (failed) return taken.release();
        this.keep(taken);
      },
    };
  }

  /** A pool of two or more (pg's default is ten); PGlite's is one. */
  private enabled(): boolean {
    const extra = (this.dataSource.options as { extra?: { max?: unknown } } | undefined)?.extra;
    return Number(extra?.max ?? 10) >= 2;
  }

  private keep(runner: QueryRunner): void {
    const entry = {
      runner,
      giveBack: setTimeout(() => {
        const at = this.idle.indexOf(entry);
        if (at < 0) return;
        this.idle.splice(at, 1);
        void runner.release();
      }, this.keepForMs),
    };
    entry.giveBack.unref();
    this.idle.push(entry);
  }
}
