import { CopydeskSessionError, type SessionError } from './session-error.js';

/**
 * The local updates that the server has not durably acked yet, numbered in the order they
 * were made. Nothing here holds update bytes: the document itself is the buffer, and a resync
 * sends the server whatever it lacks.
 */
export class PendingUpdates {
  private lastAdded = 0;
  /** A set keeps insertion order, which is sequence order. */
  private readonly open = new Set<number>();
  private waiters: Waiter[] = [];

  /** Records a new local update; returns its sequence number. */
  add(): number {
    this.lastAdded += 1;
    this.open.add(this.lastAdded);
    return this.lastAdded;
  }

  get size(): number {
    return this.open.size;
  }

  /** The sequence number of the newest local update (0 before the first). */
  get lastSeq(): number {
    return this.lastAdded;
  }

  /** The open updates up to `seq`, oldest first. */
  openUpTo(seq: number): number[] {
    const found: number[] = [];
    for (const open of this.open) {
      if (open > seq) break;
      found.push(open);
    }
    return found;
  }

  /** Acks these updates; returns the ones that were still open. */
  settle(seqs: Iterable<number>): number[] {
    const settled = [...seqs].filter((seq) => this.open.delete(seq));
    this.wake();
    return settled;
  }

  /** Gives these updates up as refused; `flushed()` promises covering them reject. */
  fail(seqs: Iterable<number>, error: SessionError): number[] {
    const failed = [...seqs].filter((seq) => this.open.delete(seq));
    for (const waiter of this.waiters) {
      if (!waiter.failure && failed.some((seq) => seq <= waiter.upTo)) waiter.failure = error;
    }
    this.wake();
    return failed;
  }

  /** Resolves once every update up to `upTo` is acked; rejects if one of them was refused. */
  waitFor(upTo: number = this.lastAdded): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiters.push({ upTo, resolve, reject });
      this.wake();
    });
  }

  /** Rejects every waiter (the session closed). */
  abandon(error: SessionError): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter.reject(new CopydeskSessionError(error));
  }

  private wake(): void {
    const oldestOpen = this.open.values().next();
    const oldest = oldestOpen.done ? Infinity : oldestOpen.value;
    const still: Waiter[] = [];
    for (const waiter of this.waiters) {
      if (oldest <= waiter.upTo) still.push(waiter);
      else if (waiter.failure) waiter.reject(new CopydeskSessionError(waiter.failure));
      else waiter.resolve();
    }
    this.waiters = still;
  }
}

interface Waiter {
  upTo: number;
  resolve: () => void;
  reject: (error: Error) => void;
  failure?: SessionError;
}
