/**
 * Group commit: items submitted while a commit is in flight wait and go together in the next
 * one, so durability costs one round of fsync per batch rather than per item. An idle committer
 * commits a lone item at once: batching never adds latency.
 */
export type CommitOutcome<R> = { ok: true; value: R } | { ok: false; error: Error };

export class GroupCommitter<I, R> {
  private queue: { item: I; resolve: (value: R) => void; reject: (error: Error) => void }[] = [];
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly commit: (items: I[]) => Promise<CommitOutcome<R>[]>,
    private readonly maxBatch = 500,
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
        try {
          const outcomes = await this.commit(batch.map((entry) => entry.item));
          batch.forEach((entry, i) => {
            const outcome = outcomes[i];
            if (!outcome) entry.reject(new Error('commit returned no outcome'));
            else if (outcome.ok) entry.resolve(outcome.value);
            else entry.reject(outcome.error);
          });
        } catch (error) {
          for (const entry of batch) entry.reject(error as Error);
        }
      }
    } finally {
      this.flushing = null;
    }
  }
}
