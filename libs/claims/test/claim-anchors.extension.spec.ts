import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import * as Y from 'yjs';
import type { AppliedUpdate, DocumentManager, LiveDocument } from '#collab';
import { BURST_WAIT_SPREAD, ClaimAnchorsExtension } from '#claims';

const DRAFT = 'draft-1';
const SETTLE = 100;
const MAX_WAIT = 400;

/** The extension over a fake document store: records when reconciliations start, at which seq. */
function testBed(options: { failFirst?: boolean; random?: () => number } = {}) {
  let clock = 0;
  let seq = 0;
  const runs: { at: number; seq: number }[] = [];
  const logged: string[] = [];
  let failures = options.failFirst ? 1 : 0;
  const live = {
    get watermark() {
      return seq;
    },
    doc: new Y.Doc(),
  } as unknown as LiveDocument;
  const documents: Pick<DocumentManager, 'acquire' | 'release'> = {
    acquire: async () => live,
    release: () => undefined,
  };
  const extension = new ClaimAnchorsExtension(
    documents,
    async (_draftId, at) => {
      runs.push({ at: clock, seq: at });
      if (failures-- > 0) throw new Error('storage down');
    },
    { settleMs: SETTLE, maxWaitMs: MAX_WAIT, logger: { warn: () => undefined, error: (_d, m) => void logged.push(m) } },
    () => clock,
    // Unless a test draws otherwise, every burst may wait the whole of MAX_WAIT.
    options.random ?? (() => 0),
  );
  const apply = (origin: AppliedUpdate['origin'] = 'client') => {
    seq++;
    extension.afterApply({ draftId: DRAFT, seq, origin } as AppliedUpdate);
  };
  const advance = async (ms: number) => {
    for (let step = 0; step < ms; step += 10) {
      clock += 10;
      await jest.advanceTimersByTimeAsync(10);
    }
  };
  return { extension, runs, logged, apply, advance };
}

describe('ClaimAnchorsExtension', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('reconciles once a burst of edits has settled, at the newest state', async () => {
    const { runs, apply, advance } = testBed();
    apply();
    await advance(50);
    apply();
    await advance(50);
    apply();
    expect(runs).toEqual([]);
    await advance(SETTLE + 10);
    expect(runs).toEqual([{ at: 200, seq: 3 }]);
  });

  it('does not wait past the longest wait while the typing goes on', async () => {
    const { runs, apply, advance } = testBed();
    for (let i = 0; i < 12; i++) {
      apply();
      await advance(50);
    }
    expect(runs[0]).toEqual({ at: MAX_WAIT, seq: 8 });
  });

  it('cuts each burst’s longest wait short by a part drawn anew, at most a quarter of it', async () => {
    const draws = [0.5, 0.8, 1];
    const { runs, apply, advance } = testBed({ random: () => draws.shift() ?? 0 });
    for (let i = 0; i < 22; i++) {
      apply();
      await advance(50);
    }
    // 400 × (1 − 0.25 × 0.5) = 350 after the first edit (0); the next burst begins with the edit
    // at 350 and waits 400 × 0.8 = 320; the third, from 700, the shortest: 300.
    expect(runs.map((run) => run.at)).toEqual([350, 670, 1000]);
    expect(MAX_WAIT * (1 - BURST_WAIT_SPREAD)).toBe(300);
  });

  it('catches up on a loaded draft late, and counts a burst of typing into it from its first edit', async () => {
    const loadedAlone = testBed();
    loadedAlone.extension.afterLoad({ draftId: DRAFT, seq: 0, doc: new Y.Doc() });
    await loadedAlone.advance(MAX_WAIT + 10);
    expect(loadedAlone.runs).toEqual([{ at: MAX_WAIT, seq: 0 }]);

    const { extension, runs, apply, advance } = testBed();
    extension.afterLoad({ draftId: DRAFT, seq: 0, doc: new Y.Doc() });
    await advance(300);
    for (let i = 0; i < 12; i++) {
      apply();
      await advance(50);
    }
    // Not at 400, the load's fallback, nor 100 after the first edit: the burst began at 300.
    expect(runs[0]).toEqual({ at: 300 + MAX_WAIT, seq: 8 });
  });

  it('leaves relayed edits to the instance that stored them, reconciling them only as a late fallback', async () => {
    const { runs, apply, advance } = testBed();
    apply('relay');
    await advance(SETTLE * 2);
    expect(runs).toEqual([]);
    await advance(MAX_WAIT);
    expect(runs).toEqual([{ at: MAX_WAIT, seq: 1 }]);
  });

  it('does not put off a reconciliation already due because a relayed edit came in', async () => {
    const { runs, apply, advance } = testBed();
    apply('client');
    await advance(50);
    apply('relay');
    await advance(SETTLE);
    expect(runs).toEqual([{ at: SETTLE, seq: 2 }]);
  });

  it('tries again later when a reconciliation fails, and says so', async () => {
    const { runs, logged, apply, advance } = testBed({ failFirst: true });
    apply();
    await advance(SETTLE + 10);
    expect(logged).toEqual(['reconciling claims failed']);
    await advance(MAX_WAIT + 10);
    expect(runs.map((run) => run.at)).toEqual([SETTLE, SETTLE + MAX_WAIT]);
  });

  it('reconciles what is pending before a document unloads', async () => {
    const { extension, runs, apply } = testBed();
    apply();
    await extension.beforeUnload({ draftId: DRAFT, seq: 1, doc: new Y.Doc() });
    expect(runs).toEqual([{ at: 0, seq: 1 }]);
  });
});

describe('ClaimAnchorsExtension across drafts', () => {
  it('runs at most `concurrency` reconciliations at once; the rest run in turn, each at its draft’s state then', async () => {
    const seqs = new Map<string, number>();
    const finishers: (() => void)[] = [];
    const started: { draftId: string; seq: number }[] = [];
    let underWay = 0;
    let most = 0;
    const documents: Pick<DocumentManager, 'acquire' | 'release'> = {
      acquire: async (draftId) =>
        ({
          get watermark() {
            return seqs.get(draftId) ?? 0;
          },
          doc: new Y.Doc(),
        }) as unknown as LiveDocument,
      release: () => undefined,
    };
    const extension = new ClaimAnchorsExtension(
      documents,
      (draftId, seq) => {
        started.push({ draftId, seq });
        most = Math.max(most, ++underWay);
        return new Promise<void>((resolve) =>
          finishers.push(() => {
            underWay--;
            resolve();
          }),
        );
      },
      { settleMs: 0, maxWaitMs: 0, concurrency: 2, logger: { warn: () => undefined, error: () => undefined } },
    );
    const drafts = ['a', 'b', 'c', 'd', 'e'];
    for (const draftId of drafts) {
      seqs.set(draftId, 1);
      extension.afterApply({ draftId, seq: 1, origin: 'client' } as AppliedUpdate);
    }
    const settled = extension.flush();
    const turn = () => new Promise((resolve) => setImmediate(resolve));
    await turn();
    expect(started.map((run) => run.draftId)).toEqual(['a', 'b']);
    // Edits land while c waits for its turn: it reads them when it runs.
    seqs.set('c', 7);
    while (finishers.length > 0) {
      finishers.shift()!();
      await turn();
    }
    await settled;
    expect(started).toEqual([
      { draftId: 'a', seq: 1 },
      { draftId: 'b', seq: 1 },
      { draftId: 'c', seq: 7 },
      { draftId: 'd', seq: 1 },
      { draftId: 'e', seq: 1 },
    ]);
    expect(most).toBe(2);
  });
});
