/**
 * Group commit: items submitted while a commit is in flight wait and go together in the next
 * one, so durability costs one round of fsync per batch rather than per item. An idle committer
 * commits a lone item at once: batching never adds latency.
 *
 * An outcome may also ask for the item to be tried again (`retry`): it goes back to the head of
 * the queue, ahead of everything submitted since, and the next commit waits `retryDelayMs` first.
 * That is for items whose order matters and that must not be refused (updates relayed before
 * their commit).
 */
export type CommitOutcome<R> = { ok: true; value: R } | { ok: false; error: Error } | { ok: 'retry' };

interface Entry<I, R> {
  item: I;
  resolve: (value: R) => void;
  reject: (error: Error) => void;
}

export class GroupCommitter<I, R> {
  private queue: Entry<I, R>[] = [];
  private flushing: Promise<void> | null = null;
  private failures = 0;

  constructor(
    private readonly commit: (items: I[]) => Promise<CommitOutcome<R>[]>,
    private readonly maxBatch = 500,
    private readonly retryDelayMs: (failures: number) => number = () => 100,
  ) {}

  submit(item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.flushing ??= this.flush();
    });
  }

  /** Resolves once everything submitted so far has been committed (or refused). */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  get pending(): number {
    return this.queue.length;
  }

  private async flush(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        const retry: Entry<I, R>[] = [];
        try {
          const outcomes = await this.commit(batch.map((entry) => entry.item));
          batch.forEach((entry, i) => {
            const outcome = outcomes[i];
            if (!outcome) entry.reject(new Error('commit returned no outcome'));
            else if (outcome.ok === 'retry') retry.push(entry);
            else if (outcome.ok) entry.resolve(outcome.value);
            else entry.reject(outcome.error);
          });
        } catch (error) {
          for (const entry of batch) entry.reject(error as Error);
        }
        if (retry.length === 0) {
          this.failures = 0;
          continue;
        }
        this.queue.unshift(...retry);
        await new Promise((resolve) => setTimeout(resolve, this.retryDelayMs(this.failures++)));
      }
    } finally {
      this.flushing = null;
    }
  }
}
