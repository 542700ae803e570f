import { describe, expect, it } from '@jest/globals';
import { GroupCommitter, type CommitOutcome, type CommittedBatch } from '../src/group-committer.js';

/** A commit function the test finishes by hand: each call is one batch, pending until settled. */
class ManualCommits<I, R> {
  readonly batches: I[][] = [];
  private readonly finishers: { resolve: (outcomes: CommitOutcome<R>[]) => void; reject: (error: Error) => void }[] =
    [];

  readonly commit = (items: I[]): Promise<CommitOutcome<R>[]> => {
    this.batches.push([...items]);
    return new Promise((resolve, reject) => this.finishers.push({ resolve, reject }));
  };

  succeed(batch: number, outcomes: CommitOutcome<R>[]): void {
    this.finisher(batch).resolve(outcomes);
  }

  fail(batch: number, error: Error): void {
    this.finisher(batch).reject(error);
  }

  private finisher(batch: number) {
    const finisher = this.finishers[batch];
    if (!finisher) throw new Error(`batch ${batch} was never committed (${this.batches.length} so far)`);
    return finisher;
  }
}

type Settled<R> = { ok: true; value: R } | { ok: false; error: string };

/** Records how a submission ends, so a test can look at it without awaiting it. */
function track<R>(promise: Promise<R>): { result: Settled<R> | 'pending' } {
  const tracked: { result: Settled<R> | 'pending' } = { result: 'pending' };
  promise.then(
    (value) => (tracked.result = { ok: true, value }),
    (error: Error) => (tracked.result = { ok: false, error: error.message }),
  );
  return tracked;
}

/** Lets every promise callback that is due run (a commit's outcomes travel through a few). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

const ok = <R>(value: R): CommitOutcome<R> => ({ ok: true, value });
const refused = (message: string): CommitOutcome<never> => ({ ok: false, error: new Error(message) });

describe('GroupCommitter', () => {
  it('reports each commit: how long each of its items queued for it, and how long it took', async () => {
    const commits = new ManualCommits<string, number>();
    const reported: CommittedBatch[] = [];
    const committer = new GroupCommitter(commits.commit, { committed: (batch) => reported.push(batch) });
    void committer.submit('a');
    const queuedAt = performance.now();
    void committer.submit('b');
    void committer.submit('c');
    await new Promise((resolve) => setTimeout(resolve, 20));
    commits.succeed(0, [ok(1)]);
    await settle();
    expect(reported).toHaveLength(1);
    expect(reported[0]!.waitedMs).toHaveLength(1);
    expect(reported[0]!.waitedMs[0]).toBeLessThan(reported[0]!.commitMs);
    expect(reported[0]!.commitMs).toBeGreaterThanOrEqual(15);
    // b and c waited for a's commit: their wait covers it, and they go together.
    const waited = performance.now() - queuedAt;
    commits.succeed(1, [ok(2), ok(3)]);
    await settle();
    expect(reported).toHaveLength(2);
    expect(reported[1]!.waitedMs).toHaveLength(2);
    for (const ms of reported[1]!.waitedMs) {
      expect(ms).toBeGreaterThanOrEqual(reported[0]!.commitMs - 1);
      expect(ms).toBeLessThanOrEqual(waited);
    }
  });

  it('commits a lone item at once when idle', () => {
    const commits = new ManualCommits<string, number>();
    const committer = new GroupCommitter(commits.commit);
    void committer.submit('a');
    expect(commits.batches).toEqual([['a']]);
    expect(committer.pending).toBe(0);
  });

  it('puts items submitted while a commit runs in the next batch, in submission order', async () => {
    const commits = new ManualCommits<string, string>();
    const committer = new GroupCommitter(commits.commit);
    const first = track(committer.submit('a'));
    const waiting = ['b', 'c', 'd'].map((item) => track(committer.submit(item)));
    expect(commits.batches).toEqual([['a']]);
    expect(committer.pending).toBe(3);

    commits.succeed(0, [ok('A')]);
    await settle();
    expect(first.result).toEqual({ ok: true, value: 'A' });
    expect(commits.batches).toEqual([['a'], ['b', 'c', 'd']]);
    expect(committer.pending).toBe(0);
    const late = track(committer.submit('e'));
    expect(committer.pending).toBe(1);

    commits.succeed(1, [ok('B'), ok('C'), ok('D')]);
    await settle();
    expect(waiting.map((item) => item.result)).toEqual([
      { ok: true, value: 'B' },
      { ok: true, value: 'C' },
      { ok: true, value: 'D' },
    ]);
    expect(commits.batches).toEqual([['a'], ['b', 'c', 'd'], ['e']]);
    expect(late.result).toBe('pending');

    commits.succeed(2, [ok('E')]);
    await settle();
    expect(late.result).toEqual({ ok: true, value: 'E' });
  });

  it('commits at once again after it went idle', async () => {
    const commits = new ManualCommits<string, number>();
    const committer = new GroupCommitter(commits.commit);
    const first = track(committer.submit('a'));
    commits.succeed(0, [ok(1)]);
    await settle();
    expect(first.result).toEqual({ ok: true, value: 1 });
    void committer.submit('b');
    expect(commits.batches).toEqual([['a'], ['b']]);
  });

  it('never puts more than maxBatch items in one commit', async () => {
    const commits = new ManualCommits<number, number>();
    const committer = new GroupCommitter(commits.commit, { maxBatch: 2 });
    const items = [1, 2, 3, 4, 5, 6].map((item) => track(committer.submit(item)));
    expect(committer.pending).toBe(5);
    for (let batch = 0; batch < 4; batch++) {
      commits.succeed(
        batch,
        commits.batches[batch]!.map((item) => ok(item * 10)),
      );
      await settle();
    }
    expect(commits.batches).toEqual([[1], [2, 3], [4, 5], [6]]);
    expect(items.map((item) => item.result)).toEqual([10, 20, 30, 40, 50, 60].map((value) => ({ ok: true, value })));
  });

  type Ending = (commits: ManualCommits<string, string>) => void;
  it.each<[string, Ending, Settled<string>[]]>([
    [
      'every item stored',
      (commits) => commits.succeed(1, [ok('B'), ok('C'), ok('D')]),
      [
        { ok: true, value: 'B' },
        { ok: true, value: 'C' },
        { ok: true, value: 'D' },
      ],
    ],
    [
      'one item refused among stored ones',
      (commits) => commits.succeed(1, [ok('B'), refused('LOCKED'), ok('D')]),
      [
        { ok: true, value: 'B' },
        { ok: false, error: 'LOCKED' },
        { ok: true, value: 'D' },
      ],
    ],
    [
      'fewer outcomes than items',
      (commits) => commits.succeed(1, [ok('B')]),
      [
        { ok: true, value: 'B' },
        { ok: false, error: 'commit returned no outcome' },
        { ok: false, error: 'commit returned no outcome' },
      ],
    ],
    [
      'the commit failing as a whole',
      (commits) => commits.fail(1, new Error('connection lost')),
      [
        { ok: false, error: 'connection lost' },
        { ok: false, error: 'connection lost' },
        { ok: false, error: 'connection lost' },
      ],
    ],
  ])('answers each item of a batch with its own outcome: %s', async (_, end, expected) => {
    const commits = new ManualCommits<string, string>();
    const committer = new GroupCommitter(commits.commit);
    const before = track(committer.submit('a'));
    const batch = ['b', 'c', 'd'].map((item) => track(committer.submit(item)));
    commits.succeed(0, [ok('A')]);
    await settle();
    const after = track(committer.submit('e'));

    end(commits);
    await settle();
    expect(batch.map((item) => item.result)).toEqual(expected);
    // The batches before and after are untouched by this one's fate.
    expect(before.result).toEqual({ ok: true, value: 'A' });
    expect(commits.batches.at(-1)).toEqual(['e']);
    commits.succeed(2, [ok('E')]);
    await settle();
    expect(after.result).toEqual({ ok: true, value: 'E' });
  });

  it('rejects only the batch whose commit throws synchronously, and goes on with the next', async () => {
    const batches: string[][] = [];
    let gate: () => void = () => undefined;
    const upperCased = (items: string[]) => items.map((item) => ok(item.toUpperCase()));
    // Not an async function: the throw happens in the call itself, before any promise exists.
    const committer = new GroupCommitter<string, string>((items) => {
      batches.push(items);
      if (items.includes('boom')) throw new Error('statement failed');
      if (items.includes('slow')) return new Promise((resolve) => (gate = () => resolve(upperCased(items))));
      return Promise.resolve(upperCased(items));
    });
    const slow = track(committer.submit('slow'));
    const doomed = ['x', 'boom'].map((item) => track(committer.submit(item)));
    gate();
    await settle();
    const next = track(committer.submit('y'));
    await settle();
    expect(batches).toEqual([['slow'], ['x', 'boom'], ['y']]);
    expect(slow.result).toEqual({ ok: true, value: 'SLOW' });
    expect(doomed.map((item) => item.result)).toEqual([
      { ok: false, error: 'statement failed' },
      { ok: false, error: 'statement failed' },
    ]);
    expect(next.result).toEqual({ ok: true, value: 'Y' });
  });

  describe('drain', () => {
    it('resolves at once when nothing was submitted', async () => {
      const committer = new GroupCommitter(new ManualCommits<string, string>().commit);
      const drained = track(committer.drain());
      await settle();
      expect(drained.result).toEqual({ ok: true, value: undefined });
    });

    it('resolves once everything submitted so far is answered, batches queued meanwhile included', async () => {
      const commits = new ManualCommits<string, string>();
      const committer = new GroupCommitter(commits.commit);
      const a = track(committer.submit('a'));
      const b = track(committer.submit('b'));
      const drained = track(committer.drain());

      commits.succeed(0, [ok('A')]);
      await settle();
      expect(a.result).toEqual({ ok: true, value: 'A' });
      expect(drained.result).toBe('pending');
      const c = track(committer.submit('c')); // arrives while b's batch is in flight

      commits.fail(1, new Error('connection lost'));
      await settle();
      expect(b.result).toEqual({ ok: false, error: 'connection lost' });
      expect(drained.result).toBe('pending');

      commits.succeed(2, [ok('C')]);
      await settle();
      expect(c.result).toEqual({ ok: true, value: 'C' });
      // A failed batch does not make drain fail: it waits for answers, whatever they are.
      expect(drained.result).toEqual({ ok: true, value: undefined });
      expect(committer.pending).toBe(0);
    });
  });

  describe('with more than one commit under way', () => {
    /** Items are "<key><n>": the key is the letters. */
    const keyOf = (item: string) => item.replace(/\d+$/, '');
    const upper = (items: string[]) => items.map((item) => ok(item.toUpperCase()));
    const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

    it('starts a second commit at the end of the turn, with what arrived for keys not under way', async () => {
      const commits = new ManualCommits<string, string>();
      const committer = new GroupCommitter(commits.commit, { maxInFlight: 2, keyOf });
      const a1 = track(committer.submit('a1'));
      const waiting = ['a2', 'b1', 'c1', 'b2'].map((item) => track(committer.submit(item)));
      expect(commits.batches).toEqual([['a1']]); // at once, alone
      await turn();
      // a2 waits for a1's commit to end; b and c go together, b's in order.
      expect(commits.batches).toEqual([['a1'], ['b1', 'c1', 'b2']]);
      expect(committer.pending).toBe(1);

      const late = track(committer.submit('d1'));
      await turn();
      expect(commits.batches).toHaveLength(2); // two under way already: d1 waits too
      commits.succeed(1, upper(commits.batches[1]!));
      await settle();
      expect(waiting.slice(1).map((item) => item.result)).toEqual(
        ['B1', 'C1', 'B2'].map((value) => ({ ok: true, value })),
      );
      // a is still under way: d1 goes (at the end of the turn), a2 stays.
      await turn();
      expect(commits.batches.at(-1)).toEqual(['d1']);
      expect(waiting[0]!.result).toBe('pending');

      commits.succeed(0, [ok('A1')]);
      await settle();
      expect(a1.result).toEqual({ ok: true, value: 'A1' });
      await turn(); // d1's commit is under way: a2's starts at the end of the turn
      expect(commits.batches.at(-1)).toEqual(['a2']);
      commits.succeed(3, [ok('A2')]);
      commits.succeed(2, [ok('D1')]);
      await settle();
      expect(waiting[0]!.result).toEqual({ ok: true, value: 'A2' });
      expect(late.result).toEqual({ ok: true, value: 'D1' });
    });

    it('never has two commits of one key under way, whatever the order they end in', async () => {
      const commits = new ManualCommits<string, string>();
      const committer = new GroupCommitter(commits.commit, { maxInFlight: 3, keyOf });
      const items = ['a1', 'b1', 'a2', 'b2', 'a3', 'c1', 'b3'];
      const tracked = items.map((item) => track(committer.submit(item)));
      const answered = new Set<number>();
      // Answer the newest commit under way first, each time, until every item has its answer.
      for (let round = 0; round < 20 && tracked.some((item) => item.result === 'pending'); round++) {
        await turn();
        const underWay = commits.batches.flatMap((_, i) => (answered.has(i) ? [] : [i]));
        const keysUnderWay = underWay.flatMap((i) => [...new Set(commits.batches[i]!.map(keyOf))]);
        expect(new Set(keysUnderWay).size).toBe(keysUnderWay.length);
        const newest = underWay.at(-1)!;
        answered.add(newest);
        commits.succeed(newest, upper(commits.batches[newest]!));
        await settle();
      }
      expect(tracked.map((item) => item.result)).toEqual(
        items.map((item) => ({ ok: true, value: item.toUpperCase() })),
      );
      // More than one commit was under way at times, and each key's items went in submission order.
      expect(commits.batches.length).toBeGreaterThan(2);
      const inCommitOrder = commits.batches.flat();
      for (const key of ['a', 'b', 'c']) {
        expect(inCommitOrder.filter((item) => keyOf(item) === key)).toEqual(
          items.filter((item) => keyOf(item) === key),
        );
      }
    });

    it('puts an item to retry ahead of its key’s later items, and starts nothing until the delay has passed', async () => {
      const commits = new ManualCommits<string, string>();
      const committer = new GroupCommitter(commits.commit, { maxInFlight: 2, keyOf, retryDelayMs: () => 30 });
      const a1 = track(committer.submit('a1'));
      await turn();
      const a2 = track(committer.submit('a2'));
      const b1 = track(committer.submit('b1'));
      await turn();
      expect(commits.batches).toEqual([['a1'], ['b1']]);
      commits.succeed(0, [{ ok: 'retry' }]);
      await settle();
      const c1 = track(committer.submit('c1'));
      await turn();
      // A slot is free, but the committer waits out the delay.
      expect(commits.batches).toHaveLength(2);
      expect(a1.result).toBe('pending');
      await new Promise((resolve) => setTimeout(resolve, 40));
      expect(commits.batches.at(-1)).toEqual(['a1', 'a2', 'c1']);
      commits.succeed(2, [ok('A1'), ok('A2'), ok('C1')]);
      commits.succeed(1, [ok('B1')]);
      await settle();
      expect([a1, a2, b1, c1].map((item) => item.result)).toEqual(
        ['A1', 'A2', 'B1', 'C1'].map((value) => ({ ok: true, value })),
      );
    });

    it('drains only once every commit under way has ended', async () => {
      const commits = new ManualCommits<string, string>();
      const committer = new GroupCommitter(commits.commit, { maxInFlight: 2, keyOf });
      void committer.submit('a1');
      void committer.submit('b1');
      await turn();
      const drained = track(committer.drain());
      commits.succeed(0, [ok('A1')]);
      await settle();
      expect(drained.result).toBe('pending');
      commits.succeed(1, [ok('B1')]);
      await settle();
      expect(drained.result).toEqual({ ok: true, value: undefined });
    });
  });
});
