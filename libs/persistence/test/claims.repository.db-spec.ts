import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { RelativePositionJson } from '#contracts';
import { DomainError } from '#domain';
import {
  ClaimsRepository,
  DraftDocumentsRepository,
  ReviewsRepository,
  queueCursorOf,
  type ClaimRecord,
  type ClaimUpdateRow,
  type ClaimWrites,
  type Database,
  type NewClaimRow,
  type QueueRow,
  type QueueStatus,
} from '#persistence';
import { openMigratedTestDatabase } from '../../../test/support/test-database.js';
import { startReconcile } from '../src/repositories/claims/reconcile-lock.js';

let database: Database;
let dispose: () => Promise<void>;
let repo: ClaimsRepository;
let checker: string;
let editor: string;
let deskA: string;

const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> =>
  database.dataSource.query(text, params);

/** Sequence numbers only ever grow, so each reconcile below is ahead of its draft's reconciled seq. */
let lastSeq = 0;
const nextSeq = () => ++lastSeq;

async function newUser(displayName: string): Promise<string> {
  const [{ id }] = await sql<{ id: string }>(
    `INSERT INTO users (email, display_name, role, password_hash) VALUES ($1, $2, 'fact_checker', 'x') RETURNING id`,
    [`${randomUUID()}@example.test`, displayName],
  );
  return id;
}

async function newDesk(): Promise<string> {
  const [{ id }] = await sql<{ id: string }>(`INSERT INTO desks (name) VALUES ($1) RETURNING id`, [randomUUID()]);
  return id;
}

async function newDraft(
  deskId = deskA,
  options: { reviewState?: string; createdAt?: Date; headline?: string } = {},
): Promise<string> {
  const [{ id }] = await sql<{ id: string }>(
    `INSERT INTO drafts (desk_id, language, headline, created_by, author_ids, review_state, created_at)
     VALUES ($1, 'ar', $2, $3, ARRAY[$3]::uuid[], $4, coalesce($5, date_trunc('milliseconds', now()))) RETURNING id`,
    [deskId, options.headline ?? '', editor, options.reviewState ?? 'draft', options.createdAt ?? null],
  );
  return id;
}

function position(clock: number): RelativePositionJson {
  return { type: { client: 1, clock: 0 }, tname: null, item: { client: 7, clock }, assoc: 0 };
}

function claimRow(start: number, overrides: Partial<NewClaimRow> = {}): NewClaimRow {
  return {
    kind: 'number',
    origin: 'auto',
    anchor: position(start),
    head: position(start + 3),
    text: `n${start}`,
    startOffset: start,
    endOffset: start + 3,
    value: start,
    subject: null,
    memoryKey: null,
    note: null,
    createdBy: null,
    findings: [],
    ...overrides,
  };
}

/** An update that rewrites the claim exactly as it is stored. */
function sameAs(record: ClaimRecord, overrides: Partial<ClaimUpdateRow> = {}): ClaimUpdateRow {
  return {
    id: record.id,
    anchor: record.anchor,
    head: record.head,
    text: record.text,
    startOffset: record.startOffset,
    endOffset: record.endOffset,
    value: record.value,
    subject: record.subject,
    memoryKey: record.memoryKey,
    stale: record.stale,
    findings: record.findings.map(({ kind, message, text }) => ({ kind, message, text })),
    ...overrides,
  };
}

const writes = (partial: Partial<ClaimWrites>): ClaimWrites => ({ created: [], updated: [], closed: [], ...partial });

/** Resolves once `count` sessions of this database wait on a lock (PostgreSQL); fails after 5 s. */
async function waitersOnLocks(count: number, failure: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const [row] = await sql<{ waiting: number }>(
      `SELECT count(*)::int AS waiting FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    if (row!.waiting >= count) return;
    if (Date.now() > deadline) throw new Error(failure);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function claimsSeq(draftId: string): Promise<number> {
  const [row] = await sql<{ seq: string }>('SELECT seq FROM claim_reconciliations WHERE draft_id = $1', [draftId]);
  return Number(row?.seq ?? 0);
}

/** Creates the claims on the draft through a reconcile; resolves to them in input order. */
async function seed(draftId: string, rows: NewClaimRow[]): Promise<ClaimRecord[]> {
  const result = await repo.reconcile(draftId, nextSeq(), () => writes({ created: rows }));
  const byText = new Map(result!.changed.map((claim) => [claim.text, claim]));
  return rows.map((row) => byText.get(row.text)!);
}

async function verdict(draftId: string, claimId: string, status: 'in_progress' | 'verified' | 'false' | 'disputed') {
  const record = await repo.addVerdict(draftId, claimId, {
    status,
    note: null,
    evidence: [],
    byUserId: checker,
    text: (await repo.one(draftId, claimId))!.text,
    citesVerdictId: null,
  });
  return record!.verdicts.at(-1)!;
}

beforeAll(async () => {
  ({ database, dispose } = await openMigratedTestDatabase());
  repo = new ClaimsRepository(database.dataSource);
  checker = await newUser('مدققة الحقائق');
  editor = await newUser('Editor');
  deskA = await newDesk();
});

afterAll(async () => {
  await dispose();
});

describe('the claims schema', () => {
  it('starts drafts at reconciled seq 0 and keeps claim times to the millisecond', async () => {
    const draftId = await newDraft();
    expect(await claimsSeq(draftId)).toBe(0);
    const record = await repo.insertManual(draftId, claimRow(1, { origin: 'manual' }));
    const [raw] = await sql<{ micros: string }>(
      `SELECT (extract(microseconds FROM created_at)::bigint % 1000)::text AS micros FROM claims WHERE id = $1`,
      [record.id],
    );
    expect(raw!.micros).toBe('0');
  });

  it('refuses an unknown origin or status', async () => {
    const draftId = await newDraft();
    const claim = await repo.insertManual(draftId, claimRow(1));
    await expect(sql(`UPDATE claims SET status = 'nonsense' WHERE id = $1`, [claim.id])).rejects.toThrow();
    await expect(sql(`UPDATE claims SET origin = 'robot' WHERE id = $1`, [claim.id])).rejects.toThrow();
  });

  it('goes with its draft, unless a verdict put it in the review log, which keeps the draft', async () => {
    const draftId = await newDraft();
    const [claim] = await seed(draftId, [
      claimRow(1, { findings: [{ kind: 'invalid_date', message: 'm', text: 't' }] }),
    ]);
    await sql('DELETE FROM drafts WHERE id = $1', [draftId]);
    expect(await sql('SELECT id FROM claims WHERE id = $1', [claim!.id])).toEqual([]);
    expect(await sql('SELECT id FROM claim_findings WHERE claim_id = $1', [claim!.id])).toEqual([]);

    const checked = await newDraft();
    const [verified] = await seed(checked, [claimRow(1)]);
    await verdict(checked, verified!.id, 'verified');
    await expect(sql('DELETE FROM drafts WHERE id = $1', [checked])).rejects.toThrow();
    expect(await sql('SELECT id FROM claim_verdicts WHERE claim_id = $1', [verified!.id])).toHaveLength(1);
  });
});

describe('insertManual, one and active', () => {
  it('stores a claim as given and reads every field back', async () => {
    const draftId = await newDraft();
    const { findings, ...fields } = {
      kind: 'money' as const,
      origin: 'manual' as const,
      anchor: position(4),
      head: position(12),
      text: '5 ملايين دولار',
      startOffset: 4,
      endOffset: 18,
      value: { amount: 5_000_000, currency: 'USD' },
      subject: 'الميزانية',
      memoryKey: 'money:5000000:USD',
      note: 'check the budget figure',
      createdBy: checker,
      findings: [{ kind: 'inconsistent_figure' as const, message: 'differs from paragraph 2', text: '5 ملايين' }],
    };
    const record = await repo.insertManual(draftId, { ...fields, findings });
    expect(record).toMatchObject({
      ...fields,
      draftId,
      status: 'unchecked',
      checkedText: null,
      stale: false,
      closedAt: null,
      closedReason: null,
      verdicts: [],
    });
    expect(record.createdAt).toBeInstanceOf(Date);
    expect(record.updatedAt.getTime()).toBe(record.createdAt.getTime());
    expect(record.findings).toEqual([
      expect.objectContaining({
        claimId: record.id,
        kind: 'inconsistent_figure',
        message: 'differs from paragraph 2',
        text: '5 ملايين',
        dismissedBy: null,
        dismissedByName: null,
        dismissedAt: null,
        dismissReason: null,
      }),
    ]);
    expect(await repo.one(draftId, record.id)).toEqual(record);
  });

  it('keeps a null value as null and NUL characters as U+FFFD, one for one', async () => {
    const draftId = await newDraft();
    const record = await repo.insertManual(draftId, claimRow(2, { value: null, text: 'a\u0000b', note: '\u0000' }));
    expect(record.value).toBeNull();
    expect(record.text).toBe('a\uFFFDb');
    expect(record.note).toBe('\uFFFD');
    const [raw] = await sql<{ is_null: boolean }>('SELECT value IS NULL AS is_null FROM claims WHERE id = $1', [
      record.id,
    ]);
    expect(raw!.is_null).toBe(true);
  });

  it('finds a claim only in its own draft', async () => {
    const draftId = await newDraft();
    const other = await newDraft();
    const record = await repo.insertManual(draftId, claimRow(1));
    expect(await repo.one(other, record.id)).toBeNull();
    expect(await repo.one(draftId, randomUUID())).toBeNull();
    expect(await repo.one(draftId, 'not-a-uuid')).toBeNull();
  });

  it('lists the open claims in document order, then in the order tagged; closed ones only through one', async () => {
    const draftId = await newDraft();
    const [late, early, tie1] = await seed(draftId, [claimRow(30), claimRow(5), claimRow(10, { text: 'first at 10' })]);
    const tie2 = await repo.insertManual(draftId, claimRow(10, { text: 'second at 10', origin: 'manual' }));
    const gone = await repo.insertManual(draftId, claimRow(1, { text: 'closed soon', origin: 'manual' }));
    await repo.reconcile(draftId, nextSeq(), () => writes({ closed: [{ id: gone.id, reason: 'removed' }] }));

    expect((await repo.active(draftId)).map((c) => c.id)).toEqual([early!.id, tie1!.id, tie2.id, late!.id]);
    expect(await repo.active(await newDraft())).toEqual([]);
    const closed = await repo.one(draftId, gone.id);
    expect(closed).toMatchObject({ id: gone.id, closedReason: 'removed' });
    expect(closed!.closedAt).toBeInstanceOf(Date);
  });
});

describe('reconcile', () => {
  it('creates claims with their findings, advances the reconciled seq and returns them in document order', async () => {
    const draftId = await newDraft();
    const seq = nextSeq();
    const decide = jest.fn((active: ClaimRecord[]) => {
      expect(active).toEqual([]);
      return writes({
        created: [
          claimRow(20),
          claimRow(3, { findings: [{ kind: 'weekday_mismatch', message: 'Monday?', text: 'الاثنين' }] }),
        ],
      });
    });
    const result = await repo.reconcile(draftId, seq, decide);
    expect(decide).toHaveBeenCalledTimes(1);
    expect(result!.closed).toEqual([]);
    expect(result!.changed.map((c) => c.startOffset)).toEqual([3, 20]);
    expect(result!.changed[0]!.findings.map((f) => f.message)).toEqual(['Monday?']);
    expect(await claimsSeq(draftId)).toBe(seq);
    expect(result!.changed).toEqual(await repo.active(draftId));
  });

  it('skips, without calling decide, a seq already reached or passed', async () => {
    const draftId = await newDraft();
    const older = nextSeq();
    const newer = nextSeq();
    expect(await repo.reconcile(draftId, newer, () => writes({ created: [claimRow(1)] }))).not.toBeNull();

    const decide = jest.fn(() => writes({ created: [claimRow(2)] }));
    expect(await repo.reconcile(draftId, newer, decide)).toBeNull();
    expect(await repo.reconcile(draftId, older, decide)).toBeNull();
    expect(decide).not.toHaveBeenCalled();
    expect(await claimsSeq(draftId)).toBe(newer);
    expect((await repo.active(draftId)).map((c) => c.startOffset)).toEqual([1]);
  });

  it('advances the reconciled seq when decide has nothing to write', async () => {
    const draftId = await newDraft();
    const seq = nextSeq();
    expect(await repo.reconcile(draftId, seq, () => null)).toEqual({ changed: [], closed: [] });
    expect(await claimsSeq(draftId)).toBe(seq);
    const decide = jest.fn(() => null);
    expect(await repo.reconcile(draftId, seq, decide)).toBeNull();
    expect(decide).not.toHaveBeenCalled();
  });

  it('resolves to null for a draft that does not exist', async () => {
    const decide = jest.fn(() => null);
    expect(await repo.reconcile(randomUUID(), nextSeq(), decide)).toBeNull();
    expect(decide).not.toHaveBeenCalled();
  });

  it('writes nothing and keeps the reconciled seq when decide throws', async () => {
    const draftId = await newDraft();
    const seq = nextSeq();
    await expect(
      repo.reconcile(draftId, seq, () => {
        throw new Error('rules failed');
      }),
    ).rejects.toThrow('rules failed');
    expect(await claimsSeq(draftId)).toBe(0);
    expect(await repo.reconcile(draftId, seq, () => writes({ created: [claimRow(1)] }))).not.toBeNull();
  });

  it('lets exactly one of two concurrent reconciles at the same seq write', async () => {
    const draftId = await newDraft();
    const seq = nextSeq();
    // Hold the draft's reconciliation row so that both reconciles are under way before either may go on.
    await sql('INSERT INTO claim_reconciliations (draft_id) VALUES ($1)', [draftId]);
    const holder = database.dataSource.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    await holder.query('SELECT seq FROM claim_reconciliations WHERE draft_id = $1 FOR UPDATE', [draftId]);
    const decideA = jest.fn(() => writes({ created: [claimRow(1, { text: 'from A' })] }));
    const decideB = jest.fn(() => writes({ created: [claimRow(1, { text: 'from B' })] }));
    const both = Promise.all([repo.reconcile(draftId, seq, decideA), repo.reconcile(draftId, seq, decideB)]);
    if (database.kind === 'postgres') {
      // Both blocked on that row's lock (the embedded database queues them on its one connection).
      await waitersOnLocks(2, 'the reconciles never waited for the lock');
    } else {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await holder.commitTransaction();
    await holder.release();

    const results = await both;
    expect(results.filter((result) => result !== null)).toHaveLength(1);
    expect(decideA.mock.calls.length + decideB.mock.calls.length).toBe(1);
    const written = results.find((result) => result !== null)!;
    const active = await repo.active(draftId);
    expect(active).toHaveLength(1);
    expect(written.changed.map((c) => c.id)).toEqual([active[0]!.id]);
    expect(await claimsSeq(draftId)).toBe(seq);
  });

  it('decides on the claims a reconcile committed while it waited, as the next seq', async () => {
    const draftId = await newDraft();
    const [first, second] = [nextSeq(), nextSeq()];
    await sql('INSERT INTO claim_reconciliations (draft_id) VALUES ($1)', [draftId]);
    const holder = database.dataSource.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    await holder.query('SELECT seq FROM claim_reconciliations WHERE draft_id = $1 FOR UPDATE', [draftId]);
    const seen: number[] = [];
    // The first creates the claim; the second, whose lock statement began before that, must see it.
    const decide = (active: ClaimRecord[]) => {
      seen.push(active.length);
      return active.length === 0 ? writes({ created: [claimRow(1)] }) : writes({ updated: [sameAs(active[0]!)] });
    };
    const earlier = repo.reconcile(draftId, first, decide);
    if (database.kind === 'postgres') await waitersOnLocks(1, 'the first reconcile never waited for the lock');
    const later = repo.reconcile(draftId, second, decide);
    if (database.kind === 'postgres') await waitersOnLocks(2, 'the second reconcile never waited for the lock');
    await holder.commitTransaction();
    await holder.release();
    await Promise.all([earlier, later]);
    expect(seen).toEqual([0, 1]);
    expect(await repo.active(draftId)).toHaveLength(1);
    expect(await claimsSeq(draftId)).toBe(second);
  });

  it('locks and decides on a claim tagged while it waited for the draft’s reconciliation', async () => {
    if (database.kind !== 'postgres') return; // one connection: nothing runs beside a transaction
    const draftId = await newDraft();
    const [seeded] = await seed(draftId, [claimRow(1)]);
    const holder = database.dataSource.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    await holder.query('SELECT seq FROM claim_reconciliations WHERE draft_id = $1 FOR UPDATE', [draftId]);
    let tagged: ClaimRecord | null = null;
    const lockedWhileUnderWay = database.dataSource.transaction(async (tx) => {
      const start = await startReconcile(tx, draftId, nextSeq());
      // Its lock statement's snapshot predates the tag: the claim is locked after the read.
      const tryLock = sql('SELECT id FROM claims WHERE id = $1 FOR UPDATE NOWAIT', [tagged!.id]);
      await expect(tryLock).rejects.toMatchObject({ driverError: { code: '55P03' } });
      return start!.active.map((claim) => claim.id);
    });
    await waitersOnLocks(1, 'the reconcile never waited for the lock');
    tagged = await repo.insertManual(draftId, claimRow(5, { origin: 'manual', text: 'tagged', createdBy: checker }));
    await holder.commitTransaction();
    await holder.release();
    expect(await lockedWhileUnderWay).toEqual([seeded!.id, tagged.id]);
  });

  it('does not hold up the draft’s update commits while it holds its lock', async () => {
    if (database.kind !== 'postgres') return; // one connection: nothing runs beside a transaction
    const draftId = await newDraft();
    await sql('INSERT INTO claim_reconciliations (draft_id) VALUES ($1)', [draftId]);
    const holder = database.dataSource.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    try {
      await holder.query('SELECT seq FROM claim_reconciliations WHERE draft_id = $1 FOR UPDATE', [draftId]);
      const appended = await new DraftDocumentsRepository(database.dataSource).appendUpdates([
        { draftId, data: new Uint8Array([0, 0]), userId: checker },
      ]);
      expect(appended).toEqual([{ ok: true, seq: 1 }]);
    } finally {
      await holder.rollbackTransaction();
      await holder.release();
    }
  });

  it('decides on the claims as a verdict being given leaves them (their rows are locked too)', async () => {
    const draftId = await newDraft();
    const [claim] = await seed(draftId, [claimRow(1)]);
    // A verdict under way: it holds the claim's row, and commits while the reconcile waits.
    const holder = database.dataSource.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    await holder.query('SELECT id FROM claims WHERE id = $1 FOR UPDATE', [claim!.id]);
    await holder.query(`UPDATE claims SET status = 'verified', checked_text = 'n1' WHERE id = $1`, [claim!.id]);
    const seen: ClaimRecord[] = [];
    const reconciled = repo.reconcile(draftId, nextSeq(), (active) => {
      seen.push(...active);
      return writes({ updated: [sameAs(active[0]!, { stale: active[0]!.checkedText !== 'n1' })] });
    });
    if (database.kind === 'postgres') await waitersOnLocks(1, 'the reconcile never waited for the claim');
    await holder.commitTransaction();
    await holder.release();
    await reconciled;
    expect(seen.map((c) => [c.status, c.checkedText])).toEqual([['verified', 'n1']]);
    expect((await repo.one(draftId, claim!.id))!.stale).toBe(false);
  });

  it('reports only the claims whose stored fields changed, and touches only those', async () => {
    const draftId = await newDraft();
    const [same, moved, restated, staled, anchored] = await seed(draftId, [
      claimRow(1),
      claimRow(10),
      claimRow(20),
      claimRow(30),
      claimRow(40),
    ]);
    const result = await repo.reconcile(draftId, nextSeq(), (active) => {
      expect(active.map((c) => c.id)).toEqual([same!.id, moved!.id, restated!.id, staled!.id, anchored!.id]);
      return writes({
        updated: [
          sameAs(same!),
          sameAs(moved!, { startOffset: 12, endOffset: 15 }),
          sameAs(restated!, { text: 'n20 restated', value: 21 }),
          sameAs(staled!, { stale: true }),
          sameAs(anchored!, { anchor: position(99) }),
        ],
      });
    });
    expect(result!.closed).toEqual([]);
    expect(result!.changed.map((c) => c.id)).toEqual([moved!.id, restated!.id, staled!.id, anchored!.id]);
    expect(result!.changed).toEqual([
      expect.objectContaining({ startOffset: 12, endOffset: 15 }),
      expect.objectContaining({ text: 'n20 restated', value: 21 }),
      expect.objectContaining({ stale: true }),
      expect.objectContaining({ anchor: position(99) }),
    ]);
    expect(await repo.one(draftId, same!.id)).toEqual(same);
  });

  it('closes claims, reports them once and ignores claims that are not open in the draft', async () => {
    const draftId = await newDraft();
    const otherDraft = await newDraft();
    const [kept, closing] = await seed(draftId, [claimRow(1), claimRow(2)]);
    const [foreign] = await seed(otherDraft, [claimRow(3)]);

    const result = await repo.reconcile(draftId, nextSeq(), () =>
      writes({
        updated: [sameAs(closing!, { text: 'rewritten then closed' }), sameAs(foreign!, { text: 'hijacked' })],
        closed: [
          { id: closing!.id, reason: 'text_removed' },
          { id: foreign!.id, reason: 'text_removed' },
        ],
      }),
    );
    expect(result).toEqual({ changed: [], closed: [closing!.id] });
    expect((await repo.active(draftId)).map((c) => c.id)).toEqual([kept!.id]);
    expect(await repo.one(draftId, closing!.id)).toMatchObject({ text: 'n2', closedReason: 'text_removed' });
    expect(await repo.one(otherDraft, foreign!.id)).toEqual(foreign);

    const again = await repo.reconcile(draftId, nextSeq(), () =>
      writes({ updated: [sameAs(closing!, { text: 'reopened?' })], closed: [{ id: closing!.id, reason: 'again' }] }),
    );
    expect(again).toEqual({ changed: [], closed: [] });
    expect(await repo.one(draftId, closing!.id)).toMatchObject({ text: 'n2', closedReason: 'text_removed' });
  });

  it('matches findings by kind, message and text: kept ones keep their dismissal, others go, new ones come', async () => {
    const draftId = await newDraft();
    const weekday = { kind: 'weekday_mismatch' as const, message: 'Tuesday, not Monday', text: 'الاثنين 3 مارس' };
    const invalid = { kind: 'invalid_date' as const, message: 'no 30 February', text: '30 فبراير' };
    const [claim] = await seed(draftId, [claimRow(1, { findings: [weekday, invalid] })]);
    const [weekdayFinding, invalidFinding] = ['weekday_mismatch', 'invalid_date'].map((kind) =>
      claim!.findings.find((f) => f.kind === kind)!,
    );
    const dismissed = await repo.dismissFinding(draftId, claim!.id, weekdayFinding!.id, {
      byUserId: checker,
      reason: 'the event was on Monday',
    });

    // The same findings again: nothing changes.
    const unchanged = await repo.reconcile(draftId, nextSeq(), (active) => writes({ updated: [sameAs(active[0]!)] }));
    expect(unchanged).toEqual({ changed: [], closed: [] });
    const past = new Date('2020-01-01T00:00:00.000Z');
    await sql('UPDATE claims SET updated_at = $2 WHERE id = $1', [claim!.id, past]);

    // The weekday one still reported (its message reworded elsewhere would be a new finding), the date one gone.
    const figure = { kind: 'inconsistent_figure' as const, message: '5 or 6?', text: '5' };
    const result = await repo.reconcile(draftId, nextSeq(), (active) =>
      writes({ updated: [sameAs(active[0]!, { findings: [weekday, figure, figure] })] }),
    );
    expect(result!.changed.map((c) => c.id)).toEqual([claim!.id]);
    expect(result!.changed[0]!.updatedAt.getTime()).toBeGreaterThan(past.getTime());
    const findings = result!.changed[0]!.findings;
    expect(findings).toHaveLength(2);
    expect(findings.find((f) => f.kind === 'weekday_mismatch')).toEqual(
      dismissed!.findings.find((f) => f.id === weekdayFinding!.id),
    );
    expect(findings.find((f) => f.kind === 'weekday_mismatch')).toMatchObject({
      id: weekdayFinding!.id,
      dismissedBy: checker,
      dismissReason: 'the event was on Monday',
    });
    expect(findings.find((f) => f.kind === 'inconsistent_figure')).toMatchObject({ ...figure, dismissedAt: null });
    // The one no longer reported stays in the history, marked gone.
    const [gone] = await sql<{ gone: boolean }>(
      'SELECT gone_at IS NOT NULL AS gone FROM claim_findings WHERE id = $1',
      [invalidFinding!.id],
    );
    expect(gone!.gone).toBe(true);

    // null leaves them alone (a manual claim's); an empty list clears them.
    expect(
      await repo.reconcile(draftId, nextSeq(), (active) =>
        writes({ updated: [sameAs(active[0]!, { findings: null })] }),
      ),
    ).toEqual({ changed: [], closed: [] });
    expect((await repo.one(draftId, claim!.id))!.findings).toHaveLength(2);
    const cleared = await repo.reconcile(draftId, nextSeq(), (active) =>
      writes({ updated: [sameAs(active[0]!, { findings: [] })] }),
    );
    expect(cleared!.changed[0]!.findings).toEqual([]);
  });
});

describe('addVerdict', () => {
  it('appends to the history, sets the status and checked text, and clears stale', async () => {
    const draftId = await newDraft();
    const [claim] = await seed(draftId, [claimRow(1)]);
    const first = await repo.addVerdict(draftId, claim!.id, {
      status: 'in_progress',
      note: 'calling the ministry',
      evidence: [],
      byUserId: checker,
      text: 'n1',
      citesVerdictId: null,
    });
    expect(first).toMatchObject({ status: 'in_progress', checkedText: 'n1', stale: false });

    await repo.reconcile(draftId, nextSeq(), (active) =>
      writes({ updated: [sameAs(active[0]!, { text: 'n1 changed', stale: true })] }),
    );
    expect((await repo.one(draftId, claim!.id))!.stale).toBe(true);

    const evidence = [
      { url: 'https://example.test/report', title: 'Annual report' },
      { url: 'https://example.test/x' },
    ];
    const second = await repo.addVerdict(draftId, claim!.id, {
      status: 'verified',
      note: null,
      evidence,
      byUserId: editor,
      text: 'n1 changed',
      citesVerdictId: null,
    });
    expect(second).toMatchObject({ status: 'verified', checkedText: 'n1 changed', stale: false });
    expect(second!.updatedAt.getTime()).toBeGreaterThanOrEqual(first!.updatedAt.getTime());
    expect(second!.verdicts).toEqual([
      first!.verdicts[0],
      expect.objectContaining({
        claimId: claim!.id,
        status: 'verified',
        note: null,
        evidence,
        byUserId: editor,
        byName: 'Editor',
        text: 'n1 changed',
        citesVerdictId: null,
      }),
    ]);
    expect(first!.verdicts[0]).toMatchObject({
      status: 'in_progress',
      note: 'calling the ministry',
      evidence: [],
      byName: 'مدققة الحقائق',
      text: 'n1',
    });
    expect(second!.verdicts[1]!.at.getTime()).toBeGreaterThan(second!.verdicts[0]!.at.getTime());
  });

  it('keeps the history in the order given, even when the clock disagrees', async () => {
    const draftId = await newDraft();
    const [claim] = await seed(draftId, [claimRow(1)]);
    const first = await verdict(draftId, claim!.id, 'in_progress');
    // As if given by an instance whose clock runs an hour ahead.
    const ahead = new Date(Date.now() + 3_600_000);
    await sql('UPDATE claim_verdicts SET at = $2 WHERE id = $1', [first.id, ahead]);
    const statuses = ['disputed', 'false', 'verified'] as const;
    for (const status of statuses) await verdict(draftId, claim!.id, status);
    const record = await repo.one(draftId, claim!.id);
    expect(record!.verdicts.map((v) => v.status)).toEqual(['in_progress', ...statuses]);
    expect(record!.verdicts[0]).toEqual({ ...first, at: ahead });
    const times = record!.verdicts.map((v) => v.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(new Set(times).size).toBe(times.length);
    expect(record!.status).toBe('verified');
  });

  it('records a citation of an existing verdict and refuses one that does not exist, writing nothing', async () => {
    const draftId = await newDraft();
    const [earlier, claim] = await seed(draftId, [claimRow(1), claimRow(2)]);
    const cited = await verdict(draftId, earlier!.id, 'verified');
    const citing = { status: 'verified' as const, note: null, evidence: [], byUserId: checker, text: 'n2' };

    const error = await repo
      .addVerdict(draftId, claim!.id, { ...citing, citesVerdictId: randomUUID() })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'NOT_FOUND' });
    await expect(repo.addVerdict(draftId, claim!.id, { ...citing, citesVerdictId: 'nope' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await repo.one(draftId, claim!.id)).toEqual(claim);

    const record = await repo.addVerdict(draftId, claim!.id, { ...citing, citesVerdictId: cited.id });
    expect(record!.verdicts.map((v) => v.citesVerdictId)).toEqual([cited.id]);
  });

  it('answers null for a claim that is closed, in another draft or missing', async () => {
    const draftId = await newDraft();
    const [open, closed] = await seed(draftId, [claimRow(1), claimRow(2)]);
    await repo.reconcile(draftId, nextSeq(), () => writes({ closed: [{ id: closed!.id, reason: 'gone' }] }));
    const v = {
      status: 'verified' as const,
      note: null,
      evidence: [],
      byUserId: checker,
      text: 'x',
      citesVerdictId: null,
    };
    expect(await repo.addVerdict(draftId, closed!.id, v)).toBeNull();
    expect(await repo.addVerdict(await newDraft(), open!.id, v)).toBeNull();
    expect(await repo.addVerdict(draftId, randomUUID(), v)).toBeNull();
    const [{ count }] = await sql<{ count: number }>(
      'SELECT count(*)::int AS count FROM claim_verdicts WHERE claim_id = ANY($1::uuid[])',
      [[open!.id, closed!.id]],
    );
    expect(count).toBe(0);
  });
});

describe('the review log', () => {
  it('gets an entry, in the same transaction, for every verdict and every first dismissal of a finding', async () => {
    const draftId = await newDraft();
    const finding = { kind: 'weekday_mismatch' as const, message: 'it was a Monday', text: 'الأحد 9 شباط' };
    const [claim] = await seed(draftId, [claimRow(1, { findings: [finding] })]);
    const verdict = { evidence: [], text: 'n1', citesVerdictId: null };
    await repo.addVerdict(draftId, claim!.id, { ...verdict, status: 'in_progress', note: null, byUserId: checker });
    await repo.addVerdict(draftId, claim!.id, { ...verdict, status: 'verified', note: 'المصدر', byUserId: editor });
    const findingId = claim!.findings[0]!.id;
    await repo.dismissFinding(draftId, claim!.id, findingId, { byUserId: checker, reason: 'الموعد مؤكد' });
    await repo.dismissFinding(draftId, claim!.id, findingId, { byUserId: editor, reason: 'again' });
    // Refused: nothing logged.
    await expect(
      repo.addVerdict(draftId, claim!.id, {
        ...verdict,
        status: 'false',
        note: null,
        byUserId: editor,
        citesVerdictId: randomUUID(),
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const log = await new ReviewsRepository(database.dataSource).events(draftId);
    expect(log.map((event) => [event.kind, event.actorId, event.claimId, event.reason, event.details])).toEqual([
      ['verdict', checker, claim!.id, null, { status: 'in_progress', citesVerdictId: null }],
      ['verdict', editor, claim!.id, 'المصدر', { status: 'verified', citesVerdictId: null }],
      ['finding_dismissed', checker, claim!.id, 'الموعد مؤكد', { findingId }],
    ]);
  });
});

describe('dismissFinding', () => {
  it('sets a finding aside once, and answers null for one that is not there', async () => {
    const draftId = await newDraft();
    const finding = { kind: 'invalid_date' as const, message: 'no 31 April', text: '31 أبريل' };
    const [claim, other] = await seed(draftId, [
      claimRow(1, { findings: [finding] }),
      claimRow(2, { findings: [finding] }),
    ]);
    const findingId = claim!.findings[0]!.id;

    const dismissed = await repo.dismissFinding(draftId, claim!.id, findingId, { byUserId: checker, reason: 'typo' });
    expect(dismissed!.findings).toEqual([
      expect.objectContaining({
        id: findingId,
        dismissedBy: checker,
        dismissedByName: 'مدققة الحقائق',
        dismissReason: 'typo',
      }),
    ]);
    expect(dismissed!.findings[0]!.dismissedAt).toBeInstanceOf(Date);
    expect((await repo.one(draftId, other!.id))!.findings[0]!.dismissedAt).toBeNull();

    const again = await repo.dismissFinding(draftId, claim!.id, findingId, { byUserId: editor, reason: 'other' });
    expect(again!.findings).toEqual(dismissed!.findings);

    expect(await repo.dismissFinding(draftId, other!.id, findingId, { byUserId: checker, reason: 'x' })).toBeNull();
    expect(await repo.dismissFinding(draftId, claim!.id, randomUUID(), { byUserId: checker, reason: 'x' })).toBeNull();
    expect(
      await repo.dismissFinding(await newDraft(), claim!.id, findingId, { byUserId: checker, reason: 'x' }),
    ).toBeNull();

    // A finding the extractor no longer reports cannot be dismissed.
    const goneId = other!.findings[0]!.id;
    await repo.reconcile(draftId, nextSeq(), (active) =>
      writes({
        updated: [
          sameAs(
            active.find((c) => c.id === other!.id)!,
            { findings: [] },
          ),
        ],
      }),
    );
    expect(await repo.dismissFinding(draftId, other!.id, goneId, { byUserId: checker, reason: 'x' })).toBeNull();
  });
});

describe('queue', () => {
  const t = (minute: number) => new Date(Date.UTC(2025, 0, 1, 12, minute, 0, 123));

  interface Fixture {
    deskA: string;
    deskB: string;
    /** Every queued claim, with what decides its place and which statuses list it. */
    queued: {
      id: string;
      deskId: string;
      inReview: boolean;
      createdAt: Date;
      draftId: string;
      start: number;
      as: QueueStatus;
    }[];
  }

  let fixture: Fixture;

  beforeAll(async () => {
    const [qa, qb, qc] = [await newDesk(), await newDesk(), await newDesk()];
    const drafts = {
      oldInReview: await newDraft(qa, { reviewState: 'in_review', createdAt: t(1), headline: 'old in review' }),
      newest: await newDraft(qb, { createdAt: t(9), headline: 'newest' }),
      middle: await newDraft(qa, { reviewState: 'approved', createdAt: t(5), headline: 'middle' }),
      // Two drafts created at the same millisecond: their ids decide.
      twinA: await newDraft(qa, { createdAt: t(3) }),
      twinB: await newDraft(qb, { createdAt: t(3) }),
      newInReview: await newDraft(qb, { reviewState: 'in_review', createdAt: t(7) }),
      elsewhere: await newDraft(qc, { reviewState: 'in_review', createdAt: t(8) }),
      empty: await newDraft(qa, { createdAt: t(10) }),
    };
    const queued: Fixture['queued'] = [];
    const at = async (
      name: keyof typeof drafts,
      starts: number[],
      as: QueueStatus | 'none' | 'verified' | 'closed',
    ) => {
      const draftId = drafts[name];
      const [{ review_state, created_at, desk_id }] = await sql<{
        review_state: string;
        created_at: Date;
        desk_id: string;
      }>('SELECT review_state, created_at, desk_id FROM drafts WHERE id = $1', [draftId]);
      const claims = await seed(
        draftId,
        starts.map((start, i) => claimRow(start, { text: `${name} ${as} ${i}` })),
      );
      for (const claim of claims) {
        if (as === 'in_progress' || as === 'verified') await verdict(draftId, claim.id, as);
        if (as === 'stale') {
          await verdict(draftId, claim.id, 'verified');
          await repo.reconcile(draftId, nextSeq(), (active) =>
            writes({
              updated: [
                sameAs(
                  active.find((c) => c.id === claim.id)!,
                  { stale: true },
                ),
              ],
            }),
          );
        }
        if (as === 'closed')
          await repo.reconcile(draftId, nextSeq(), () => writes({ closed: [{ id: claim.id, reason: 'x' }] }));
        if (as === 'unchecked' || as === 'in_progress' || as === 'stale') {
          queued.push({
            id: claim.id,
            deskId: desk_id,
            inReview: review_state === 'in_review',
            createdAt: new Date(created_at),
            draftId,
            start: claim.startOffset,
            as,
          });
        }
      }
    };
    await at('oldInReview', [50, 5, 5, 20], 'unchecked');
    await at('oldInReview', [7], 'stale');
    await at('oldInReview', [9], 'verified');
    await at('newest', [1, 2], 'in_progress');
    await at('newest', [3], 'unchecked');
    await at('newest', [0], 'closed');
    await at('middle', [4, 8], 'stale');
    await at('middle', [6], 'unchecked');
    await at('twinA', [2, 1], 'unchecked');
    await at('twinB', [1], 'in_progress');
    await at('twinB', [0], 'unchecked');
    await at('newInReview', [3], 'unchecked');
    await at('newInReview', [1], 'verified');
    await at('elsewhere', [1, 2], 'unchecked');
    fixture = { deskA: qa, deskB: qb, queued };
  });

  /** The queue's order, computed here on its own. */
  function expected(statuses: QueueStatus[], deskIds = [fixture.deskA, fixture.deskB]): string[] {
    const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    return fixture.queued
      .filter((c) => statuses.includes(c.as) && deskIds.includes(c.deskId))
      .sort(
        (a, b) =>
          Number(b.inReview) - Number(a.inReview) ||
          b.createdAt.getTime() - a.createdAt.getTime() ||
          cmp(b.draftId, a.draftId) ||
          a.start - b.start ||
          cmp(a.id, b.id),
      )
      .map((c) => c.id);
  }

  const ALL: QueueStatus[] = ['unchecked', 'stale', 'in_progress'];

  async function allPages(limit: number, statuses = ALL, deskId?: string): Promise<QueueRow[]> {
    const rows: QueueRow[] = [];
    let after: ReturnType<typeof queueCursorOf> | undefined;
    for (let page = 0; page < 100; page++) {
      const got = await repo.queue({ deskIds: [fixture.deskA, fixture.deskB], statuses, deskId, after, limit });
      expect(got.length).toBeLessThanOrEqual(limit);
      rows.push(...got);
      if (got.length < limit) return rows;
      after = queueCursorOf(got.at(-1)!);
    }
    throw new Error('the queue never ended');
  }

  it('lists drafts in review first, then newer drafts, then claims in document order', async () => {
    const rows = await repo.queue({ deskIds: [fixture.deskA, fixture.deskB], statuses: ALL, limit: 100 });
    expect(rows.map((r) => r.id)).toEqual(expected(ALL));
    // Sanity of the fixture itself: the order has something to get wrong.
    expect(rows.length).toBe(16);
    expect(rows.slice(0, 6).every((r) => r.draftReviewState === 'in_review')).toBe(true);
    const first = rows.find((r) => r.startOffset === 50)!;
    expect(first).toMatchObject({
      draftHeadline: 'old in review',
      draftReviewState: 'in_review',
      deskId: fixture.deskA,
      status: 'unchecked',
    });
    expect(first.draftCreatedAt.getTime()).toBe(t(1).getTime());
    expect(rows.every((r) => r.closedAt === null)).toBe(true);
  });

  it.each([1, 2, 3, 4, 7])('pages of %i neither skip nor repeat a row', async (limit) => {
    expect((await allPages(limit)).map((r) => r.id)).toEqual(expected(ALL));
  });

  it('filters by status: stale means stale, the others that status and not stale', async () => {
    for (const statuses of [
      ['stale'],
      ['unchecked'],
      ['in_progress'],
      ['unchecked', 'in_progress'],
    ] as QueueStatus[][]) {
      const rows = await allPages(2, statuses);
      expect(rows.map((r) => r.id)).toEqual(expected(statuses));
      expect(rows.length).toBeGreaterThan(0);
    }
    const stale = await repo.queue({ deskIds: [fixture.deskA, fixture.deskB], statuses: ['stale'], limit: 100 });
    expect(stale.every((r) => r.stale && r.status === 'verified')).toBe(true);
  });

  it('narrows to one desk and lists nothing for no desks or no statuses', async () => {
    const rows = await allPages(3, ALL, fixture.deskB);
    expect(rows.every((r) => r.deskId === fixture.deskB)).toBe(true);
    expect(rows.map((r) => r.id)).toEqual(expected(ALL, [fixture.deskB]));
    expect(rows.length).toBe(6);
    expect(await repo.queue({ deskIds: [], statuses: ALL, limit: 10 })).toEqual([]);
    expect(await repo.queue({ deskIds: [fixture.deskA], statuses: [], limit: 10 })).toEqual([]);
    expect(await repo.queue({ deskIds: [fixture.deskA], statuses: ALL, deskId: fixture.deskB, limit: 10 })).toEqual([]);
  });
});

describe('suggestions and findVerdict', () => {
  it('remembers open, checked claims on other drafts of the desks, newest verdict first, five at most', async () => {
    const [deskX, deskY] = [await newDesk(), await newDesk()];
    const self = await newDraft(deskX);
    const key = `key-${randomUUID()}`;
    const other = `other-${randomUUID()}`;
    const stamp = async (verdictId: string, minute: number) =>
      sql('UPDATE claim_verdicts SET at = $2 WHERE id = $1', [verdictId, new Date(Date.UTC(2025, 1, 1, 0, minute))]);

    const remembered = async (
      deskId: string,
      statuses: ('in_progress' | 'verified' | 'false' | 'disputed')[],
      minute: number,
      memoryKey = key,
    ) => {
      const draftId = await newDraft(deskId);
      const [claim] = await seed(draftId, [claimRow(1, { memoryKey })]);
      let last;
      for (const [i, status] of statuses.entries()) {
        last = await verdict(draftId, claim!.id, status);
        await stamp(last.id, minute + i);
      }
      return { draftId, claimId: claim!.id, verdictId: last?.id };
    };

    const [onSelf] = await seed(self, [claimRow(1, { memoryKey: key })]);
    await verdict(self, onSelf!.id, 'verified');
    const verified = await remembered(deskX, ['verified'], 10);
    const falseOne = await remembered(deskX, ['in_progress', 'false'], 20);
    const otherDesk = await remembered(deskY, ['verified'], 30);
    const inProgress = await remembered(deskX, ['verified', 'in_progress'], 40);
    const unchecked = await remembered(deskX, [], 0);
    const otherKey = await remembered(deskX, ['disputed'], 50, other);
    const closed = await remembered(deskX, ['verified'], 60);
    await repo.reconcile(closed.draftId, nextSeq(), () => writes({ closed: [{ id: closed.claimId, reason: 'x' }] }));
    const stale = await remembered(deskX, ['verified'], 70);
    await repo.reconcile(stale.draftId, nextSeq(), (active) =>
      writes({ updated: [sameAs(active[0]!, { stale: true })] }),
    );

    const found = await repo.suggestions([key, other, 'nothing'], [deskX], self);
    expect([...found.keys()].sort()).toEqual([key, other, 'nothing'].sort());
    expect(found.get('nothing')).toEqual([]);
    expect(found.get(key)!.map((s) => s.claimId)).toEqual([falseOne.claimId, verified.claimId]);
    expect(found.get(key)![0]).toEqual({
      draftId: falseOne.draftId,
      claimId: falseOne.claimId,
      verdict: expect.objectContaining({ id: falseOne.verdictId, status: 'false', byName: 'مدققة الحقائق' }),
    });
    expect(found.get(other)!.map((s) => s.verdict.id)).toEqual([otherKey.verdictId]);
    for (const excluded of [otherDesk, inProgress, unchecked, closed, stale]) {
      expect(found.get(key)!.some((s) => s.claimId === excluded.claimId)).toBe(false);
    }

    // Both desks: the other desk's claim joins, newest first.
    const wider = await repo.suggestions([key], [deskX, deskY], self);
    expect(wider.get(key)!.map((s) => s.claimId)).toEqual([otherDesk.claimId, falseOne.claimId, verified.claimId]);

    // The draft itself is what is excluded, not the desk.
    const fromElsewhere = await repo.suggestions([key], [deskX], falseOne.draftId);
    expect(fromElsewhere.get(key)!.map((s) => s.claimId)).toContain(onSelf!.id);
    expect(fromElsewhere.get(key)!.some((s) => s.claimId === falseOne.claimId)).toBe(false);

    // At most five per key.
    for (let i = 0; i < 5; i++) await remembered(deskX, ['verified'], 100 + i);
    const capped = await repo.suggestions([key], [deskX], self);
    expect(capped.get(key)).toHaveLength(5);
    expect(capped.get(key)!.every((s) => s.verdict.at.getTime() >= Date.UTC(2025, 1, 1, 0, 100))).toBe(true);
    expect((await repo.suggestions([key], [], self)).get(key)).toEqual([]);
  });

  it('offers no draft its own verdict back: not one citing it, directly or through another citation', async () => {
    const deskId = await newDesk();
    const key = `key-${randomUUID()}`;
    const withClaim = async () => {
      const draftId = await newDraft(deskId);
      const [claim] = await seed(draftId, [claimRow(1, { memoryKey: key })]);
      return { draftId, claimId: claim!.id };
    };
    const cite = async (on: { draftId: string; claimId: string }, citesVerdictId: string | null) => {
      const record = await repo.addVerdict(on.draftId, on.claimId, {
        status: 'verified',
        note: null,
        evidence: [],
        byUserId: editor,
        text: 'n1',
        citesVerdictId,
      });
      return record!.verdicts.at(-1)!.id;
    };
    const first = await withClaim();
    const firstVerdict = await cite(first, null);
    const second = await withClaim(); // accepted the first draft's verdict
    await cite(second, firstVerdict);
    const third = await withClaim(); // accepted the second's, which cites the first's
    const thirdVerdict = await cite(third, (await repo.one(second.draftId, second.claimId))!.verdicts[0]!.id);
    const independent = await withClaim(); // checked on its own
    await cite(independent, null);

    const claimIds = async (draftId: string) =>
      (await repo.suggestions([key], [deskId], draftId)).get(key)!.map((s) => s.claimId);
    // The first draft hears of the independent check only: the others are its own verdict come back.
    expect(await claimIds(first.draftId)).toEqual([independent.claimId]);
    // The second draft's own verdict cites the first: the first is a fair suggestion; the third comes back to it.
    expect((await claimIds(second.draftId)).sort()).toEqual([first.claimId, independent.claimId].sort());
    // A draft no verdict cites hears of every one of them.
    expect((await claimIds(independent.draftId)).sort()).toEqual([first.claimId, second.claimId, third.claimId].sort());
    // A new draft: all four, the citing ones as they are.
    const fresh = await newDraft(deskId);
    const all = (await repo.suggestions([key], [deskId], fresh)).get(key)!;
    expect(all).toHaveLength(4);
    expect(all.find((s) => s.claimId === third.claimId)!.verdict).toMatchObject({ id: thirdVerdict });
  });

  it('finds a verdict with its draft and desk', async () => {
    const deskId = await newDesk();
    const draftId = await newDraft(deskId);
    const [claim] = await seed(draftId, [claimRow(1)]);
    const given = await verdict(draftId, claim!.id, 'disputed');
    expect(await repo.findVerdict(given.id)).toEqual({ ...given, draftId, deskId });
    expect(await repo.findVerdict(randomUUID())).toBeNull();
    expect(await repo.findVerdict('nope')).toBeNull();
  });
});
