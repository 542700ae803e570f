import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import * as Y from 'yjs';
import type { AppliedUpdate, DocumentManager, LiveDocument } from '#collab';
import { ClaimAnchorsExtension } from '#claims';

const DRAFT = 'draft-1';
const SETTLE = 100;
const MAX_WAIT = 400;

/** The extension over a fake document store: records when reconciliations start, at which seq. */
function testBed(options: { failFirst?: boolean } = {}) {
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
