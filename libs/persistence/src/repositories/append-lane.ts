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
 * The group committer's own connection. An instance commits its updates one batch at a time and
 * every ack waits for that; a commit that took its connection from the shared pool waited behind
 * whatever held the pool (claims reconciliations, text syncs, joins), and at 1,000 updates a
 * second that wait was most of the ack's tail (docs/benchmarks.md). So an append keeps its
 * connection for the next one while appends follow each other, and gives it back once none came
 * for a moment: the pool's `end` waits for it, and a quiet instance holds nothing. A second
 * append while one is under way (not the committer's pattern) takes a pool connection as before.
 * Only with a pool of two connections or more: PGlite's one session must stay shared.
 */
export class AppendLane {
  private runner: QueryRunner | null = null;
  private busy = false;
  private keep: NodeJS.Timeout | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly keepForMs = KEEP_FOR_MS,
  ) {}

  take(): LaneTurn {
    if (!this.enabled() || this.busy) {
      const runner = this.dataSource.createQueryRunner();
      return { runner, done: () => runner.release() };
    }
    this.busy = true;
    clearTimeout(this.keep);
    if (!this.runner || this.runner.isReleased) this.runner = this.dataSource.createQueryRunner();
    const runner = this.runner;
    return {
      runner,
      done: async (failed) => {
        this.busy = false;
        if (failed) return this.giveBack(runner);
        this.keep = setTimeout(() => void this.giveBack(runner), this.keepForMs);
        this.keep.unref();
      },
    };
  }

  /** A pool of two or more (pg's default is ten); PGlite's is one. */
  private enabled(): boolean {
    const extra = (this.dataSource.options as { extra?: { max?: unknown } } | undefined)?.extra;
    return Number(extra?.max ?? 10) >= 2;
  }

  private async giveBack(runner: QueryRunner): Promise<void> {
    if (this.runner !== runner || this.busy) return;
    this.runner = null;
    await runner.release();
  }
}
