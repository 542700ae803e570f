/**
 * Group commit: items submitted while a commit is in flight wait and go together in a later one,
 * so durability costs one round of fsync per batch rather than per item. An idle committer
 * commits a lone item at once: batching never adds latency.
 *
 * More than one commit may be under way (`maxInFlight`): the first starts at once, the others at
 * the end of the event loop's turn, each with what arrived meanwhile. Items with the same key (a
 * draft) are never in two commits at once: they are committed in submission order, each batch
 * of a key after the one before it has ended.
 *
 * An outcome may also ask for the item to be tried again (`retry`): it goes back to the head of
 * the queue, ahead of everything submitted since, and no commit starts for `retryDelayMs`.
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

export interface GroupCommitterOptions<I> {
  /** Most items in one commit (default 500). */
  maxBatch?: number;
  /** Commits under way at once (default 1). */
  maxInFlight?: number;
  /** Items of one key commit in order, one batch at a time (default: one key for every item). */
  keyOf?: (item: I) => string;
  /** The wait before the next commit after one asked for retries, by failures in a row (default 100 ms). */
  retryDelayMs?: (failures: number) => number;
  /** Told of every commit that answered (not of one that threw). */
  committed?: (batch: CommittedBatch) => void;
}

interface Entry<I, R> {
  item: I;
  key: string;
  submittedAt: number;
  resolve: (value: R) => void;
  reject: (error: Error) => void;
}

export class GroupCommitter<I, R> {
  private queue: Entry<I, R>[] = [];
  /** Keys with a commit under way. */
  private readonly busy = new Set<string>();
  private underWay = 0;
  private failures = 0;
  private pausedForRetry = false;
  private startScheduled = false;
  private readonly idleWaiters: (() => void)[] = [];
  private readonly maxBatch: number;
  private readonly maxInFlight: number;
  private readonly keyOf: (item: I) => string;
  private readonly retryDelayMs: (failures: number) => number;
  private readonly committed: (batch: CommittedBatch) => void;

  constructor(
    private readonly commit: (items: I[]) => Promise<CommitOutcome<R>[]>,
    options: GroupCommitterOptions<I> = {},
  ) {
    this.maxBatch = options.maxBatch ?? 500;
    this.maxInFlight = options.maxInFlight ?? 1;
    this.keyOf = options.keyOf ?? (() => '');
    this.retryDelayMs = options.retryDelayMs ?? (() => 100);
    this.committed = options.committed ?? (() => undefined);
  }

  submit(item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, key: this.keyOf(item), submittedAt: performance.now(), resolve, reject });
      this.startCommits();
    });
  }

  /** Resolves once everything submitted so far has been committed (or refused). */
  drain(): Promise<void> {
    if (this.idle) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  get pending(): number {
    return this.queue.length;
  }

  private get idle(): boolean {
    return this.queue.length === 0 && this.underWay === 0;
  }

  /** Starts a commit at once when none is under way; more, if allowed, at the end of this turn. */
  private startCommits(): void {
    if (this.pausedForRetry) return;
    if (this.underWay === 0) this.startBatch();
    if (this.underWay === 0 || this.underWay >= this.maxInFlight || this.startScheduled) return;
    this.startScheduled = true;
    setImmediate(() => {
      this.startScheduled = false;
      while (!this.pausedForRetry && this.underWay < this.maxInFlight && this.startBatch());
    });
  }

  /** Takes the queued items whose keys have no commit under way, in order, and commits them; false if none. */
  private startBatch(): boolean {
    const batch: Entry<I, R>[] = [];
    const rest: Entry<I, R>[] = [];
    for (const entry of this.queue) {
      if (batch.length < this.maxBatch && !this.busy.has(entry.key)) batch.push(entry);
      else rest.push(entry);
    }
    if (batch.length === 0) return false;
    this.queue = rest;
    for (const entry of batch) this.busy.add(entry.key);
    this.underWay++;
    void this.run(batch);
    return true;
  }

  private async run(batch: Entry<I, R>[]): Promise<void> {
    const retry: Entry<I, R>[] = [];
    const startedAt = performance.now();
    let answered = false;
    try {
      const outcomes = await this.commit(batch.map((entry) => entry.item));
      answered = true;
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
    if (answered) {
      this.committed({
        waitedMs: batch.map((entry) => startedAt - entry.submittedAt),
        commitMs: performance.now() - startedAt,
      });
    }
    for (const entry of batch) this.busy.delete(entry.key);
    this.underWay--;
    if (retry.length > 0) this.retryLater(retry);
    else this.failures = 0;
    this.startCommits();
    if (this.idle) for (const wake of this.idleWaiters.splice(0)) wake();
  }

  private retryLater(retry: Entry<I, R>[]): void {
    this.queue.unshift(...retry);
    this.pausedForRetry = true;
    setTimeout(() => {
      this.pausedForRetry = false;
      this.startCommits();
    }, this.retryDelayMs(this.failures++));
  }
}
