import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import * as Y from 'yjs';
import { CopydeskClient, type DraftSession } from '#client';
import type { ClaimsEvent, DraftClaim } from '#contracts';
import { extractClaims } from '#domain';
import { ALLIANCE_ARTICLE } from '../fixtures/articles.js';
import { bearer, createDesk, createDraft, createUser, type TestUser } from '../support/factories.js';
import { eventually } from '../support/raw-collab-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const FATHA = '\u064E';

/** Claims in a live draft, over real HTTP and socket.io (docs/claims.md, "Claims in a draft"). */
describe('claims in live drafts', () => {
  let server: TestServer;
  let reporter: TestUser;
  let checker: TestUser;
  let editor: TestUser;
  let outsider: TestUser;
  let deskId: string;
  const clients: CopydeskClient[] = [];

  const claimsOf = async (draftId: string, user: TestUser = checker): Promise<DraftClaim[]> =>
    (
      await request(server.url)
        .get(`/api/drafts/${draftId}/claims`)
        .set(...bearer(user))
        .expect(200)
    ).body;
  const claimOf = async (draftId: string, claimId: string): Promise<DraftClaim> =>
    (
      await request(server.url)
        .get(`/api/drafts/${draftId}/claims/${claimId}`)
        .set(...bearer(checker))
        .expect(200)
    ).body;
  const verdict = (draftId: string, claimId: string, body: object, user: TestUser = checker) =>
    request(server.url)
      .post(`/api/drafts/${draftId}/claims/${claimId}/verdicts`)
      .set(...bearer(user))
      .send(body);
  const ordinalOf = (claims: DraftClaim[]) => claims.find((claim) => claim.kind === 'ordinal')!;
  /** The author's live session on the draft, through the SDK. */
  const openSession = async (draftId: string, user: TestUser = reporter): Promise<DraftSession> => {
    const client = new CopydeskClient({ baseUrl: server.url, token: user.token });
    clients.push(client);
    const session = client.openDraft(draftId, { resyncIntervalMs: 0 });
    await session.whenSynced();
    return session;
  };
  /** Resolves with the first `claims` event whose change passes `test`. */
  const nextChange = (session: DraftSession, test: (claim: DraftClaim) => boolean) =>
    new Promise<DraftClaim>((resolve) => {
      const listener = (event: Pick<ClaimsEvent, 'changed'>) => {
        const claim = event.changed.find(test);
        if (!claim) return;
        session.off('claims', listener);
        resolve(claim);
      };
      session.on('claims', listener);
    });

  beforeAll(async () => {
    server = await startTestServer({ env: { CLAIMS_SETTLE_MS: '100', CLAIMS_MAX_WAIT_MS: '400' } });
    const desk = await createDesk(server.app);
    deskId = desk.id;
    const elsewhere = await createDesk(server.app);
    reporter = await createUser(server.app, server.url, 'reporter', [desk.id], 'مراسلة');
    checker = await createUser(server.app, server.url, 'fact_checker', [desk.id], 'مدققة');
    editor = await createUser(server.app, server.url, 'editor', [desk.id], 'محرر');
    outsider = await createUser(server.app, server.url, 'fact_checker', [elsewhere.id], 'Outsider');
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await server.close();
  });

  it('finds the claims the extractor finds, with their findings, and keeps their ids across edits', async () => {
    const draftId = await createDraft(server.url, reporter, { body: ALLIANCE_ARTICLE, headline: 'التحالف' });
    // Year-less dates are placed from the day the draft was started.
    const draft = await request(server.url)
      .get(`/api/drafts/${draftId}`)
      .set(...bearer(reporter))
      .expect(200);
    const expected = extractClaims(ALLIANCE_ARTICLE, { language: 'ar', now: new Date(draft.body.createdAt) });
    const claims = await claimsOf(draftId);
    const shape = (claim: { kind: string | null; text: string; start: number; end: number; value: unknown }) => [
      claim.kind,
      claim.text,
      claim.start,
      claim.end,
      claim.value,
    ];
    expect(claims.map(shape)).toEqual(expected.claims.map(shape));
    expect(claims.every((claim) => claim.origin === 'auto' && claim.status === 'unchecked' && !claim.stale)).toBe(true);
    const findingsOf = (kind: string) => claims.find((claim) => claim.kind === kind)!.findings.map((f) => f.kind);
    for (const finding of expected.findings) {
      expect(findingsOf(expected.claims[finding.claimIndex!]!.kind)).toContain(finding.kind);
    }

    const session = await openSession(draftId);
    session.body.insert(0, 'عاجل: ');
    session.body.insert(session.body.length, '\nوختم البيان بالدعوة إلى اجتماع قريب.');
    await session.flushed();
    await eventually(async () => {
      const after = await claimsOf(draftId);
      expect(after.map((claim) => [claim.id, claim.text])).toEqual(claims.map((claim) => [claim.id, claim.text]));
      expect(after.map((claim) => claim.start)).toEqual(claims.map((claim) => claim.start + 'عاجل: '.length));
    });
  });

  it('announces a claim when it changes, not when typing before it only moves it', async () => {
    const draftId = await createDraft(server.url, reporter, { body: ALLIANCE_ARTICLE });
    const claims = await claimsOf(draftId);
    expect(claims.length).toBeGreaterThan(3);
    const session = await openSession(draftId);
    const announced: string[] = [];
    session.on('claims', (event) => announced.push(...event.changed.map((claim) => claim.id)));

    session.body.insert(0, 'عاجل: ');
    await session.flushed();
    // Reading the claims reconciles them at the document's newest state: every one has moved.
    const moved = await claimsOf(draftId);
    expect(moved.map((claim) => [claim.id, claim.start])).toEqual(
      claims.map((claim) => [claim.id, claim.start + 'عاجل: '.length]),
    );
    // Stored so: another reader's session gets the new offsets in its join answer.
    const reader = await openSession(draftId, checker);
    expect([...reader.claims.values()].map((claim) => claim.start).sort((a, b) => a - b)).toEqual(
      moved.map((claim) => claim.start).sort((a, b) => a - b),
    );

    // A change to one claim's text is announced; events reach the session in order, so any
    // announcement of the moves would have come before it.
    const ordinal = ordinalOf(moved);
    const changed = nextChange(session, (claim) => claim.id === ordinal.id && claim.text === 'رقم 91');
    const zero = ordinal.start + ordinal.text.indexOf('0');
    session.body.delete(zero, 1);
    session.body.insert(zero, '1');
    await session.flushed();
    expect(await changed).toMatchObject({ id: ordinal.id, value: 91 });
    expect(announced).toEqual([ordinal.id]);
  });

  it('marks a verified claim stale when its text changes, not when the text around it or a diacritic does', async () => {
    const draftId = await createDraft(server.url, reporter, { body: ALLIANCE_ARTICLE });
    const ordinal = ordinalOf(await claimsOf(draftId));
    expect(ordinal).toMatchObject({ text: 'رقم 90', value: 90, subject: 'العضو' });
    const verified = await verdict(draftId, ordinal.id, {
      status: 'verified',
      note: 'قائمة أعضاء التحالف',
      evidence: [{ url: 'https://example.org/coalition/members', title: 'Members' }],
    }).expect(201);
    expect(verified.body).toMatchObject({ id: ordinal.id, status: 'verified', stale: false });
    expect(verified.body.verdict).toMatchObject({ status: 'verified', byUserId: checker.id, text: 'رقم 90' });

    const session = await openSession(draftId);
    session.body.insert(session.body.length, '\nوأعلن المشاركون موعد الاجتماع المقبل.');
    session.body.insert(ordinal.start + 1, FATHA); // رَقم
    await session.flushed();
    await eventually(async () => {
      const now = ordinalOf(await claimsOf(draftId));
      expect(now).toMatchObject({ id: ordinal.id, text: `ر${FATHA}قم 90`, status: 'verified', stale: false });
    });

    const wentStale = nextChange(session, (claim) => claim.id === ordinal.id && claim.stale);
    const current = ordinalOf(await claimsOf(draftId));
    const zero = current.start + current.text.indexOf('0');
    session.body.delete(zero, 1);
    session.body.insert(zero, '1'); // 90 -> 91
    await session.flushed();
    // Announced by the settled edit itself: no one asked.
    expect(await wentStale).toMatchObject({ id: ordinal.id, text: `ر${FATHA}قم 91`, status: 'verified', stale: true });
    const stale = await claimOf(draftId, ordinal.id);
    expect(stale.verdict).toMatchObject({ status: 'verified', text: 'رقم 90' });

    // A new verdict clears it, and the history keeps both.
    const rechecked = await verdict(draftId, ordinal.id, { status: 'false', note: 'كانت 90' }).expect(201);
    expect(rechecked.body).toMatchObject({ status: 'false', stale: false });
    expect(rechecked.body.verdicts.map((v: { status: string }) => v.status)).toEqual(['verified', 'false']);
  });

  it('closes a claim whose sentence is deleted and keeps it in the history', async () => {
    const draftId = await createDraft(server.url, reporter, { body: ALLIANCE_ARTICLE });
    const money = (await claimsOf(draftId)).find((claim) => claim.kind === 'money')!;
    const session = await openSession(draftId);
    const sentence = ALLIANCE_ARTICLE.split('\n')[1]!;
    const closedEvent = new Promise<string[]>((resolve) =>
      session.on('claims', (event) => event.closed.length > 0 && resolve(event.closed)),
    );
    session.body.delete(session.body.toString().indexOf(sentence), sentence.length + 1);
    await session.flushed();
    expect(await closedEvent).toContain(money.id);
    expect((await claimsOf(draftId)).map((claim) => claim.id)).not.toContain(money.id);
    const kept = await claimOf(draftId, money.id);
    expect(kept).toMatchObject({ id: money.id, kind: 'money', text: money.text });
    expect(kept.closed).toMatchObject({ reason: expect.stringContaining('deleted') });
    expect(session.claims.has(money.id)).toBe(false);
  });

  it('lets fact-checkers tag any span, which then moves with the text', async () => {
    const draftId = await createDraft(server.url, reporter, { body: ALLIANCE_ARTICLE });
    const body = ALLIANCE_ARTICLE;
    const phrase = 'الحكومة السورية';
    const start = body.indexOf(phrase);
    const tagged = await request(server.url)
      .post(`/api/drafts/${draftId}/claims`)
      .set(...bearer(checker))
      .send({ start, end: start + phrase.length, note: 'تأكد من الصفة الرسمية' })
      .expect(201);
    expect(tagged.body).toMatchObject({
      origin: 'manual',
      text: phrase,
      start,
      kind: null,
      note: 'تأكد من الصفة الرسمية',
    });
    const checking = await openSession(draftId, checker);
    expect(checking.claims.get(tagged.body.id)).toMatchObject({ text: phrase });
    // A manual claim moves with the text and is never closed by re-extraction.
    const writing = await openSession(draftId, reporter);
    writing.body.insert(0, 'عاجل: ');
    await writing.flushed();
    await eventually(async () => {
      expect((await claimsOf(draftId)).find((claim) => claim.id === tagged.body.id)).toMatchObject({
        text: phrase,
        start: start + 'عاجل: '.length,
      });
    });
    // A selection as a client holds it: relative positions in its own document.
    const word = 'التحالف';
    const at = writing.body.toString().indexOf(word);
    const position = (index: number, assoc: number) =>
      Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(writing.body, index, assoc));
    const selected = await request(server.url)
      .post(`/api/drafts/${draftId}/claims`)
      .set(...bearer(editor))
      .send({ anchor: position(at, 0), head: position(at + word.length, -1), kind: 'quote' })
      .expect(201);
    expect(selected.body).toMatchObject({ origin: 'manual', kind: 'quote', text: word, start: at });
  });

  it('attaches the extractor’s findings to their claims and lets a fact-checker set one aside, with why', async () => {
    // 9 February 2026 was a Monday, not a Sunday.
    const draftId = await createDraft(server.url, reporter, { body: 'عُقد الاجتماع الأحد 9 شباط 2026 في الرياض.' });
    const date = (await claimsOf(draftId)).find((claim) => claim.kind === 'date')!;
    expect(date.findings).toEqual([expect.objectContaining({ kind: 'weekday_mismatch', dismissed: null })]);
    const dismiss = (user: TestUser, body: object) =>
      request(server.url)
        .post(`/api/drafts/${draftId}/claims/${date.id}/findings/${date.findings[0]!.id}/dismiss`)
        .set(...bearer(user))
        .send(body);
    expect((await dismiss(reporter, { reason: 'لا' })).status).toBe(403);
    expect((await dismiss(checker, { reason: '  ' })).status).toBe(400);
    const dismissed = await dismiss(checker, { reason: 'الموعد مؤكد من المنظمين' }).expect(200);
    expect(dismissed.body.findings[0].dismissed).toMatchObject({
      byUserId: checker.id,
      byName: 'مدققة', // so a reporter, who may not look users up, can tell who
      reason: 'الموعد مؤكد من المنظمين',
    });
    // Still reported by the extractor after an edit elsewhere: it stays set aside.
    const session = await openSession(draftId);
    session.body.insert(session.body.length, ' وحضره ممثلون عن الدول الأعضاء.');
    await session.flushed();
    await eventually(async () => {
      const after = (await claimsOf(draftId)).find((claim) => claim.id === date.id)!;
      expect(session.body.toString()).toContain('الأعضاء');
      expect(after.findings).toEqual([
        expect.objectContaining({ kind: 'weekday_mismatch', dismissed: expect.anything() }),
      ]);
    });
  });

  it('refuses what may not be done, with the documented codes, and hides drafts one may not see', async () => {
    const draftId = await createDraft(server.url, reporter, { body: ALLIANCE_ARTICLE });
    const ordinal = ordinalOf(await claimsOf(draftId));
    const refused = async (response: request.Response, status: number, code: string) => {
      expect(response.status).toBe(status);
      expect(response.body.error.code).toBe(code);
    };
    await refused(await verdict(draftId, ordinal.id, { status: 'verified' }, reporter), 403, 'FORBIDDEN');
    await refused(await verdict(draftId, ordinal.id, { status: 'waived' }, editor), 400, 'VALIDATION_FAILED');
    await refused(await verdict(draftId, ordinal.id, { status: 'waived', note: 'رأي' }, checker), 403, 'FORBIDDEN');
    await refused(
      await verdict(draftId, ordinal.id, { status: 'verified', evidence: [{ url: 'javascript:alert(1)' }] }),
      400,
      'VALIDATION_FAILED',
    );
    await refused(
      await verdict(draftId, ordinal.id, { status: 'verified', evidence: [{ url: 'ftp://example.org/list' }] }),
      400,
      'VALIDATION_FAILED',
    );
    const tag = (body: object, user: TestUser = checker) =>
      request(server.url)
        .post(`/api/drafts/${draftId}/claims`)
        .set(...bearer(user))
        .send(body);
    await refused(await tag({ start: 5, end: ALLIANCE_ARTICLE.length + 10 }), 400, 'VALIDATION_FAILED');
    await refused(await tag({ start: 10, end: 5 }), 400, 'VALIDATION_FAILED');
    await refused(await tag({ start: 0, end: 5 }, reporter), 403, 'FORBIDDEN');
    await refused(
      await verdict(draftId, '00000000-0000-4000-8000-000000000000', { status: 'verified' }),
      404,
      'NOT_FOUND',
    );
    // A draft on another desk is "not found", however the outsider asks.
    const hidden = await request(server.url)
      .get(`/api/drafts/${draftId}/claims`)
      .set(...bearer(outsider));
    await refused(hidden, 404, 'NOT_FOUND');
    await refused(await verdict(draftId, ordinal.id, { status: 'verified' }, outsider), 404, 'NOT_FOUND');
    const queue = await request(server.url)
      .get('/api/claims')
      .set(...bearer(outsider))
      .expect(200);
    expect(queue.body.items.map((item: { draft: { id: string } }) => item.draft.id)).not.toContain(draftId);
    // Nothing refused was recorded.
    expect(await claimOf(draftId, ordinal.id)).toMatchObject({ status: 'unchecked', verdicts: [] });
  });

  it('remembers the newsroom’s verdicts: a second draft stating the same rank is offered the first', async () => {
    const first = await createDraft(server.url, reporter, { body: ALLIANCE_ARTICLE });
    const verifiedOrdinal = ordinalOf(await claimsOf(first));
    const given = await verdict(first, verifiedOrdinal.id, {
      status: 'verified',
      evidence: [{ url: 'https://example.org/coalition/members' }],
    }).expect(201);
    const second = await createDraft(server.url, reporter, {
      body: 'وفي دمشق، قال مسؤول إن بلاده أصبحت العضو رقم 90 في التحالف الدولي.',
    });
    const suggested = ordinalOf(await claimsOf(second));
    expect(suggested.suggestions).toEqual([
      expect.objectContaining({ draftId: first, claimId: verifiedOrdinal.id, verdict: given.body.verdict }),
    ]);
    // Accepting it records a new verdict that cites the earlier one. The suggestions stay, in the
    // answer and in what the room hears: a verdict does not wipe them for anyone.
    const session = await openSession(second);
    const heard = nextChange(session, (claim) => claim.id === suggested.id && claim.status === 'verified');
    const accepted = await verdict(second, suggested.id, {
      status: 'verified',
      citesVerdictId: given.body.verdict.id,
    }).expect(201);
    expect(accepted.body.verdict).toMatchObject({ status: 'verified', citesVerdictId: given.body.verdict.id });
    expect(accepted.body.suggestions).toEqual(suggested.suggestions);
    expect((await heard).suggestions).toEqual(suggested.suggestions);
    // The first draft is not offered its own verdict back through the draft that accepted it.
    expect(ordinalOf(await claimsOf(first)).suggestions).toEqual([]);
    // Someone who may not see the first draft cannot cite it.
    expect(
      (await verdict(second, suggested.id, { status: 'verified', citesVerdictId: given.body.verdict.id }, outsider))
        .status,
    ).toBe(404);
  });

  it('suggests to each reader what they may see: the room the draft’s desk, the one who acted their own desks', async () => {
    const sentence = 'وأعلن البيان أن سوريا أصبحت العضو رقم 123 في التحالف.';
    const elsewhere = await createDesk(server.app);
    const farReporter = await createUser(server.app, server.url, 'reporter', [elsewhere.id]);
    const bothDesks = await createUser(server.app, server.url, 'fact_checker', [deskId, elsewhere.id], 'على مكتبين');
    const checkedWith = async (author: TestUser, by: TestUser) => {
      const draftId = await createDraft(server.url, author, { body: sentence });
      const claim = ordinalOf(await claimsOf(draftId, by));
      await verdict(draftId, claim.id, { status: 'verified' }, by).expect(201);
      return { draftId, claimId: claim.id };
    };
    const far = await checkedWith(farReporter, bothDesks); // on the other desk
    const near = await checkedWith(reporter, checker); // on the draft's own desk
    const draftId = await createDraft(server.url, reporter, { body: sentence });
    const claimId = ordinalOf(await claimsOf(draftId)).id;
    const suggestedIds = (claim: DraftClaim) => claim.suggestions.map((suggestion) => suggestion.claimId).sort();

    // Reading: each caller the drafts of their own desks.
    expect(suggestedIds(ordinalOf(await claimsOf(draftId, checker)))).toEqual([near.claimId]);
    expect(suggestedIds(ordinalOf(await claimsOf(draftId, bothDesks)))).toEqual([near.claimId, far.claimId].sort());

    // A verdict from someone on both desks: their answer has both, the room only the draft's desk.
    const session = await openSession(draftId);
    const heard = nextChange(session, (claim) => claim.id === claimId && claim.status === 'in_progress');
    const answered = await verdict(draftId, claimId, { status: 'in_progress' }, bothDesks).expect(201);
    expect(suggestedIds(answered.body)).toEqual([near.claimId, far.claimId].sort());
    expect(suggestedIds(await heard)).toEqual([near.claimId]);
    // From someone on the draft's desk alone: the same for both.
    const again = nextChange(session, (claim) => claim.id === claimId && claim.status === 'verified');
    const byChecker = await verdict(draftId, claimId, { status: 'verified' }).expect(201);
    expect(suggestedIds(byChecker.body)).toEqual([near.claimId]);
    expect((await again).suggestions).toEqual(byChecker.body.suggestions);
    // A verified claim keeps being offered what the newsroom found: it may still be worth a look.
    expect(suggestedIds(ordinalOf(await claimsOf(draftId)))).toEqual([near.claimId]);
  });

  it('queues the claims that need work across the caller’s drafts, keyset-paginated', async () => {
    const draftId = await createDraft(server.url, reporter, { body: ALLIANCE_ARTICLE });
    const claims = await claimsOf(draftId);
    await verdict(draftId, ordinalOf(claims).id, { status: 'in_progress' }).expect(201);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: request.Response = await request(server.url)
        .get('/api/claims')
        .query({ status: 'unchecked', limit: 2, ...(cursor ? { cursor } : {}) })
        .set(...bearer(checker))
        .expect(200);
      for (const item of page.body.items) seen.push(item.claim.id);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    const unchecked = claims.filter((claim) => claim.kind !== 'ordinal').map((claim) => claim.id);
    expect(seen).toEqual(expect.arrayContaining(unchecked));
    expect(seen).not.toContain(ordinalOf(claims).id);
    const inProgress = await request(server.url)
      .get('/api/claims')
      .query({ status: 'in_progress' })
      .set(...bearer(checker))
      .expect(200);
    expect(inProgress.body.items.map((item: { claim: { id: string } }) => item.claim.id)).toContain(
      ordinalOf(claims).id,
    );
  });
});
