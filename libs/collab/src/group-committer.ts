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

/** One commit as it went: what an operator needs to tell a slow store from a long queue. */
export interface CommittedBatch {
  /** How long each item of the batch waited, from its submission to the batch's start, in ms (a retried item from its first). */
  waitedMs: number[];
  /** From the batch's start to the commit's end (the store's answer, the event loop's turns, what the commit does with it), in ms. */
  commitMs: number;
}

interface Entry<I, R> {
  item: I;
  submittedAt: number;
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
    private readonly committed: (batch: CommittedBatch) => void = () => undefined,
  ) {}

  submit(item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, submittedAt: performance.now(), resolve, reject });
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
        const startedAt = performance.now();
        try {
          const outcomes = await this.commit(batch.map((entry) => entry.item));
          this.committed({
            waitedMs: batch.map((entry) => startedAt - entry.submittedAt),
            commitMs: performance.now() - startedAt,
          });
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
