import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as Y from 'yjs';
import { anchorSpan, BodyPositions, ClaimsReconciler, resolveSpan } from '#claims';
import { DOCUMENT_FIELDS } from '#contracts';
import { buildArabicNewsText, extractClaims } from '#domain';
import { ClaimsRepository, type Database } from '#persistence';
import { recordStatements } from '../../../test/support/statement-log.js';
import { openMigratedTestDatabase } from '../../../test/support/test-database.js';

/**
 * What one reconciliation costs the database, counted at TypeORM's query runner (every statement
 * sent, BEGIN and COMMIT included) against a real database: issue 17 found reconciliations
 * sending most of the statements at 1,000 updates/s.
 */
let database: Database;
let dispose: () => Promise<void>;
let reconciler: ClaimsReconciler;
let repo: ClaimsRepository;
let statements: string[] | null = null;

/** Runs `work` and resolves to the statements it sent, one line each. */
async function counted(work: () => Promise<unknown>): Promise<string[]> {
  statements = [];
  try {
    await work();
    return statements;
  } finally {
    statements = null;
  }
}

/**
 * Every row version of the draft's claims, findings, verdicts and reconciliation row, as the
 * database holds them: a write (or a row lock, for `locks`) changes a row's xmin (xmax).
 */
async function rowVersions(draftId: string, locks = false): Promise<Record<string, string>> {
  const version = locks ? `xmin::text || '/' || xmax::text` : 'xmin::text';
  const rows: { key: string; version: string }[] = await database.dataSource.query(
    `SELECT 'claim ' || id AS key, ${version} AS version FROM claims WHERE draft_id = $1
     UNION ALL SELECT 'finding ' || id, ${version} FROM claim_findings
      WHERE claim_id IN (SELECT id FROM claims WHERE draft_id = $1)
     UNION ALL SELECT 'verdict ' || id, ${version} FROM claim_verdicts
      WHERE claim_id IN (SELECT id FROM claims WHERE draft_id = $1)
     UNION ALL SELECT 'reconciliation', ${version} FROM claim_reconciliations WHERE draft_id = $1`,
    [draftId],
  );
  return Object.fromEntries(rows.map(({ key, version }) => [key, version]));
}

/** The statements that may write: everything but plain reads and transaction control. */
const writing = (sent: string[]) =>
  sent.filter((sql) => !/^(START TRANSACTION|COMMIT)$/.test(sql) && /\b(INSERT|UPDATE|DELETE)\b/i.test(sql));

async function newDraft(): Promise<string> {
  const q = (text: string, params: unknown[]) => database.dataSource.query(text, params) as Promise<{ id: string }[]>;
  const [user] = await q(
    `INSERT INTO users (email, display_name, role, password_hash) VALUES ($1, 'Ed', 'editor', 'x') RETURNING id`,
    [`${randomUUID()}@example.test`],
  );
  const [desk] = await q('INSERT INTO desks (name) VALUES ($1) RETURNING id', [randomUUID()]);
  const [draft] = await q(
    `INSERT INTO drafts (desk_id, language, headline, created_by, author_ids)
     VALUES ($1, 'en', '', $2, ARRAY[$2]::uuid[]) RETURNING id`,
    [desk!.id, user!.id],
  );
  return draft!.id;
}

beforeAll(async () => {
  ({ database, dispose } = await openMigratedTestDatabase());
  recordStatements(database.dataSource, (query) => statements?.push(query.replace(/\s+/g, ' ').trim()));
  repo = new ClaimsRepository(database.dataSource);
  reconciler = new ClaimsReconciler(repo);
});

afterAll(async () => {
  await dispose();
});

describe('statements per reconciliation', () => {
  const text = 'The ministry said 450 people attended. Prices rose 12% in 2025, and 3,000 homes were built.';
  let draftId: string;
  let doc: Y.Doc;
  let seq = 0;
  const body = () => doc.getText(DOCUMENT_FIELDS.body);
  const reconcile = () => reconciler.reconcile(draftId, ++seq, () => doc);
  const report: Record<string, number> = {};

  beforeAll(async () => {
    draftId = await newDraft();
    doc = new Y.Doc();
    body().insert(0, text);
  });

  afterAll(() => {
    // The figures docs/benchmarks.md quotes.
    console.log(`[claims] statements per reconcile: ${JSON.stringify(report)}`);
  });

  it('the first, creating the claims', async () => {
    const sent = await counted(async () => expect((await reconcile())!.changed.length).toBeGreaterThan(2));
    report.create = sent.length;
  });

  it('one that changes nothing writes nothing but the reconciled seq', async () => {
    body().insert(body().length, ' More text.');
    const before = await rowVersions(draftId);
    let result: Awaited<ReturnType<typeof reconcile>> | undefined;
    const sent = await counted(async () => (result = await reconcile()));
    expect(result).toMatchObject({ changed: [], closed: [] });
    report.unchanged = sent.length;
    const after = await rowVersions(draftId);
    expect(after.reconciliation).not.toBe(before.reconciliation);
    expect({ ...after, reconciliation: null }).toEqual({ ...before, reconciliation: null });
    // One statement writes: the one advancing the seq (and locking the claims).
    expect(writing(sent)).toHaveLength(1);
    // BEGIN, the lock, the claims, COMMIT: the facts are known from the reconcile before.
    expect(sent).toHaveLength(4);
    expect(sent.some((sql) => sql.includes('LEFT JOIN claim_reconciliations'))).toBe(false);
  });

  it('one at a state already reconciled writes and locks nothing, and sends nothing from the instance that did it', async () => {
    const here = await counted(async () => expect(await reconciler.reconcile(draftId, seq, () => doc)).toBeNull());
    expect(here).toEqual([]);
    // Another instance (another reconciler) learns it from the database.
    const elsewhere = new ClaimsReconciler(repo);
    const before = await rowVersions(draftId, true);
    const sent = await counted(async () => expect(await elsewhere.reconcile(draftId, seq, () => doc)).toBeNull());
    report.skipped = sent.length;
    expect(await rowVersions(draftId, true)).toEqual(before);
    // One read, before anything is extracted: the seq reached is there.
    expect(sent).toHaveLength(1);
  });

  it('one that moves the claims (text typed before them) stores their offsets and announces none', async () => {
    const before = await repo.active(draftId);
    body().insert(0, 'Breaking: ');
    let changed = -1;
    const sent = await counted(async () => (changed = (await reconcile())!.changed.length));
    expect(changed).toBe(0);
    expect((await repo.active(draftId)).map((claim) => [claim.id, claim.startOffset])).toEqual(
      before.map((claim) => [claim.id, claim.startOffset + 'Breaking: '.length]),
    );
    report.moved = sent.length;
    expect(sent).toHaveLength(5);
  });

  it('one that adds a claim', async () => {
    body().insert(body().length, ' Officials counted 77 buses.');
    let changed: string[] = [];
    const sent = await counted(async () => (changed = (await reconcile())!.changed.map((claim) => claim.text)));
    expect(changed).toEqual(['77']);
    report.added = sent.length;
    expect(sent.length).toBeLessThanOrEqual(5);
  });

  it('one that closes a claim', async () => {
    const at = body().toString().indexOf('77');
    body().delete(at, 2);
    let closed = 0;
    const sent = await counted(async () => (closed = (await reconcile())!.closed.length));
    expect(closed).toBe(1);
    report.closed = sent.length;
    expect(sent.length).toBeLessThanOrEqual(5);
  });

  it('the claims it reports are those a fresh read gives', async () => {
    body().insert(0, 'Update: ');
    body().insert(body().length, ' Officials counted 88 buses.');
    const result = await reconcile();
    const active = await repo.active(draftId);
    expect(result!.changed.map((claim) => claim.text)).toEqual(['88']);
    expect(result!.changed).toEqual(active.filter((claim) => claim.text === '88'));
  });
});

describe('a long draft, read in slices', () => {
  it('lets edits in while its text is extracted, before it takes a lock, and anchors its claims to the text it read', async () => {
    const draftId = await newDraft();
    const doc = new Y.Doc();
    const body = doc.getText(DOCUMENT_FIELDS.body);
    body.insert(0, buildArabicNewsText(100_000));
    await reconciler.reconcile(draftId, 1, () => doc);
    const first = await repo.active(draftId);
    expect(first.length).toBeGreaterThan(100);

    // Someone types at the top on every turn of the event loop the reconcile leaves free.
    let typed = 0;
    let typing = true;
    const type = () => {
      if (!typing) return;
      body.insert(0, 'عاجل: ');
      typed++;
      setImmediate(type);
    };
    // How many edits had come in when the reconcile opened its transaction (after the extraction).
    let typedByBegin: number | null = null;
    const recording: string[] = [];
    recording.push = (...sent: string[]) => {
      if (typedByBegin === null && sent.some((sql) => /^START TRANSACTION/.test(sql))) typedByBegin = typed;
      return Array.prototype.push.apply(recording, sent);
    };
    body.insert(body.length, '\nوبلغ عدد المشاركين 4321 شخصاً.');
    statements = recording;
    const result = await reconciler.reconcile(draftId, 2, () => {
      setImmediate(type);
      return doc;
    });
    typing = false;
    statements = null;
    expect(typedByBegin).toBeGreaterThan(0);
    expect(result!.changed.map((claim) => claim.text)).toEqual(['4321']);

    // Every claim's anchors still cover its text in the document as it is now.
    const now = BodyPositions.of(doc);
    const active = await repo.active(draftId);
    expect(active.length).toBe(first.length + 1);
    for (const claim of active) expect(resolveSpan(now, claim).text).toBe(claim.text);
  });

  it('leaves alone a claim tagged in text written after its reading', async () => {
    const draftId = await newDraft();
    const read = new Y.Doc();
    read.getText(DOCUMENT_FIELDS.body).insert(0, 'The ministry said 450 people attended.');
    await reconciler.reconcile(draftId, 1, () => read);
    // Elsewhere, the text grows and a checker tags a phrase of the new text...
    const newer = new Y.Doc();
    Y.applyUpdate(newer, Y.encodeStateAsUpdate(read));
    newer.getText(DOCUMENT_FIELDS.body).insert(0, 'Officials disputed the figure. ');
    const tagged = BodyPositions.of(newer);
    const anchors = anchorSpan(tagged, 0, 'Officials disputed'.length);
    const claim = await repo.insertManual(draftId, {
      kind: null,
      origin: 'manual',
      ...anchors,
      text: 'Officials disputed',
      startOffset: 0,
      endOffset: 'Officials disputed'.length,
      value: null,
      subject: null,
      memoryKey: null,
      note: null,
      createdBy: null,
      findings: [],
    });
    // ...while this reconcile read the text before it: the claim is not its to judge.
    read.getText(DOCUMENT_FIELDS.body).insert(read.getText(DOCUMENT_FIELDS.body).length, ' Then 7 left.');
    const result = await reconciler.reconcile(draftId, 2, () => read);
    expect(result!.closed).toEqual([]);
    expect((await repo.active(draftId)).map((open) => open.id)).toContain(claim.id);
    // The next reconcile, on the newer text, keeps it where it was tagged.
    Y.applyUpdate(newer, Y.encodeStateAsUpdate(read));
    await reconciler.reconcile(draftId, 3, () => newer);
    const kept = (await repo.active(draftId)).find((open) => open.id === claim.id);
    expect(kept).toMatchObject({ text: 'Officials disputed', startOffset: 0 });
  });
});

describe('the facts an instance remembers from its last reconcile of a draft', () => {
  const text = 'Prices rose on 3 March, and 450 people attended.';
  const dateOf = (claims: { kind: string | null; value: unknown }[]) =>
    claims.find((claim) => claim.kind === 'date')?.value as { date: string } | undefined;

  it('give way to the facts under the lock when they changed: the text is extracted again with those', async () => {
    const draftId = await newDraft();
    const here = new ClaimsReconciler(repo);
    const doc = new Y.Doc();
    doc.getText(DOCUMENT_FIELDS.body).insert(0, text);
    await here.reconcile(draftId, 1, () => doc);
    const [facts] = await database.dataSource.query('SELECT created_at FROM drafts WHERE id = $1', [draftId]);
    const placed = (startedOn: Date) => dateOf(extractClaims(text, { language: 'en', now: startedOn }).claims)?.date;
    expect(dateOf(await repo.active(draftId))?.date).toBe(placed(new Date(facts.created_at)));

    // The day the draft counts as started moves a year back (a year-less date now reads differently).
    const yearEarlier = new Date(new Date(facts.created_at).getTime() - 365 * 24 * 3600 * 1000);
    expect(placed(yearEarlier)).not.toBe(placed(new Date(facts.created_at)));
    await database.dataSource.query('UPDATE drafts SET created_at = $2 WHERE id = $1', [draftId, yearEarlier]);
    doc.getText(DOCUMENT_FIELDS.body).insert(doc.getText(DOCUMENT_FIELDS.body).length, ' More.');
    const sent = await counted(() => here.reconcile(draftId, 2, () => doc));
    expect(sent.some((sql) => sql.includes('LEFT JOIN claim_reconciliations'))).toBe(false);
    expect(dateOf(await repo.active(draftId))?.date).toBe(placed(yearEarlier));
  });

  it('are forgotten once another instance reconciled the draft: the next reconcile reads first again', async () => {
    const draftId = await newDraft();
    const doc = new Y.Doc();
    doc.getText(DOCUMENT_FIELDS.body).insert(0, text);
    const here = new ClaimsReconciler(repo);
    const elsewhere = new ClaimsReconciler(repo);
    await here.reconcile(draftId, 1, () => doc);
    await elsewhere.reconcile(draftId, 3, () => doc);
    // Remembering seq 1 and its facts, this instance extracts and finds seq 3 reached under the lock...
    expect(await here.reconcile(draftId, 2, () => doc)).toBeNull();
    // ...and from then on asks the database first: a state reached elsewhere costs that one read,
    // no extraction and no lock, and is then known here.
    const sent = await counted(async () => expect(await here.reconcile(draftId, 3, () => doc)).toBeNull());
    expect(sent).toHaveLength(1);
    expect(sent[0]).toContain('LEFT JOIN claim_reconciliations');
    const again = await counted(async () => expect(await here.reconcile(draftId, 3, () => doc)).toBeNull());
    expect(again).toEqual([]);
  });
});
