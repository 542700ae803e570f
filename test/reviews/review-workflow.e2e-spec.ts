import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import * as Y from 'yjs';
import { CopydeskClient, type DraftSession } from '#client';
import { DOCUMENT_FIELDS, type DraftClaim, type ReviewEvent } from '#contracts';
import { bearer, createDesk, createDraft, createUser, type TestUser } from '../support/factories.js';
import { eventually, send, SocketPool } from '../support/raw-collab-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/** 9 February 2026 was a Monday: «الأحد» is the weekday finding the gate must see. */
const BODY = [
  'عقد وزراء الخارجية اجتماعهم الأحد 9 شباط 2026 في الرياض بحضور ممثلي 30 دولة.',
  'وأعلن البيان أن سوريا أصبحت العضو رقم 90 في التحالف.',
].join('\n');

/** The review workflow over real HTTP and socket.io (docs/architecture.md, where each feature lives). */
describe('the review workflow', () => {
  let server: TestServer;
  let reporter: TestUser;
  let checker: TestUser;
  let editor: TestUser;
  let otherEditor: TestUser;
  const clients: CopydeskClient[] = [];
  const sockets = new SocketPool();

  const act = (user: TestUser, draftId: string, action: string, body: object = {}) =>
    request(server.url)
      .post(`/api/drafts/${draftId}/review/${action}`)
      .set(...bearer(user))
      .send(body);
  const claimsOf = async (draftId: string): Promise<DraftClaim[]> =>
    (
      await request(server.url)
        .get(`/api/drafts/${draftId}/claims`)
        .set(...bearer(checker))
        .expect(200)
    ).body;
  const verifyAll = async (draftId: string) => {
    for (const claim of await claimsOf(draftId)) {
      if (claim.status === 'verified' && !claim.stale) continue;
      await request(server.url)
        .post(`/api/drafts/${draftId}/claims/${claim.id}/verdicts`)
        .set(...bearer(checker))
        .send({ status: 'verified', evidence: [{ url: 'https://example.org/source' }] })
        .expect(201);
    }
  };
  const openSession = async (draftId: string, user: TestUser): Promise<DraftSession> => {
    const client = new CopydeskClient({ baseUrl: server.url, token: user.token });
    clients.push(client);
    const session = client.openDraft(draftId, { resyncIntervalMs: 0 });
    await session.whenSynced();
    return session;
  };

  beforeAll(async () => {
    server = await startTestServer({ env: { CLAIMS_SETTLE_MS: '50', CLAIMS_MAX_WAIT_MS: '200' } });
    const desk = await createDesk(server.app);
    reporter = await createUser(server.app, server.url, 'reporter', [desk.id], 'مراسلة');
    checker = await createUser(server.app, server.url, 'fact_checker', [desk.id], 'مدققة');
    editor = await createUser(server.app, server.url, 'editor', [desk.id], 'محررة');
    otherEditor = await createUser(server.app, server.url, 'editor', [desk.id], 'محرر');
  });
  afterAll(async () => {
    sockets.closeAll();
    await Promise.all(clients.map((client) => client.close()));
    await server.close();
  });

  it('takes an Arabic draft from writing to publication, the gate holding it until every claim is checked', async () => {
    const draftId = await createDraft(server.url, reporter, { headline: 'سوريا في التحالف', body: BODY });
    expect((await act(reporter, draftId, 'submit').expect(200)).body).toMatchObject({ state: 'in_review' });

    const refused = await act(editor, draftId, 'approve').expect(409);
    expect(refused.body.error.code).toBe('PUBLISH_GATE_FAILED');
    const claims = await claimsOf(draftId);
    const blockers = refused.body.error.blockers as {
      kind: string;
      claim?: { id: string };
      finding?: { kind: string };
    }[];
    // Every blocker, not just the first: each unchecked claim and the weekday finding.
    expect(
      blockers
        .filter((b) => b.kind === 'claim_unchecked')
        .map((b) => b.claim!.id)
        .sort(),
    ).toEqual(claims.map((claim) => claim.id).sort());
    expect(blockers.filter((b) => b.kind === 'finding_unresolved').map((b) => b.finding!.kind)).toEqual([
      'weekday_mismatch',
    ]);

    await verifyAll(draftId);
    await act(editor, draftId, 'request-changes', { reason: 'صحح اليوم: 9 شباط كان الاثنين' }).expect(200);
    const writing = await openSession(draftId, reporter);
    const at = writing.body.toString().indexOf('الأحد');
    writing.doc.transact(() => {
      writing.body.delete(at, 'الأحد'.length);
      writing.body.insert(at, 'الاثنين');
    });
    await writing.flushed();
    await eventually(async () => {
      const date = (await claimsOf(draftId)).find((claim) => claim.kind === 'date')!;
      expect(date).toMatchObject({ text: expect.stringContaining('الاثنين'), findings: [] });
    });
    await verifyAll(draftId); // the date claim went stale: checked again
    await act(reporter, draftId, 'submit').expect(200);

    const reviewEvents: ReviewEvent[] = [];
    writing.on('review', (event) => reviewEvents.push(event));
    const approved = await act(editor, draftId, 'approve').expect(200);
    expect(approved.body).toMatchObject({ state: 'approved', approvedSeq: expect.any(Number) });
    await eventually(() => expect(reviewEvents.map((event) => event.state)).toContain('approved'));
    // Everyone in the draft learns who approved it, by name (a reporter may not look users up).
    expect(reviewEvents.find((event) => event.state === 'approved')).toMatchObject({
      by: editor.id,
      byName: 'محررة',
      embargoUntil: null,
      revision: approved.body.revision,
    });

    // The body is locked from the approval on.
    const socket = await sockets.open(server.url, reporter.token);
    expect(await send(socket, 'join', { draftId })).toMatchObject({ ok: true, review: { state: 'approved' } });
    const late = new Y.Doc();
    late.getText(DOCUMENT_FIELDS.body).insert(0, 'تعديل متأخر');
    expect(await send(socket, 'update', { draftId, update: Y.encodeStateAsUpdate(late) })).toMatchObject({
      ok: false,
      error: { code: 'LOCKED' },
    });

    expect((await act(editor, draftId, 'publish').expect(200)).body).toMatchObject({ state: 'published' });
    const history = await request(server.url)
      .get(`/api/drafts/${draftId}/review`)
      .set(...bearer(editor))
      .expect(200);
    expect(history.body).toMatchObject({ state: 'published', embargoUntil: null });
    expect(
      history.body.history
        .filter((e: { kind: string }) => e.kind === 'transition')
        .map((e: { action: string; actorName: string | null }) => [e.action, e.actorName]),
    ).toEqual([
      ['submit', 'مراسلة'],
      ['request-changes', 'محررة'],
      ['submit', 'مراسلة'],
      ['approve', 'محررة'],
      ['publish', 'محررة'],
    ]);
    expect(
      history.body.history
        .filter((e: { kind: string }) => e.kind !== 'transition')
        .every((e: { actorId: string; actorName: string }) => e.actorId === checker.id && e.actorName === 'مدققة'),
    ).toBe(true);
    expect(
      history.body.history
        .filter((e: { kind: string }) => e.kind === 'transition')
        .map((e: { action: string }) => e.action),
    ).toEqual(['submit', 'request-changes', 'submit', 'approve', 'publish']);
    expect(history.body.history.some((e: { kind: string }) => e.kind === 'verdict')).toBe(true);
    const byChecker = await request(server.url)
      .get(`/api/drafts/${draftId}/review`)
      .query({ actorId: checker.id })
      .set(...bearer(editor))
      .expect(200);
    expect(byChecker.body.history.every((e: { actorId: string }) => e.actorId === checker.id)).toBe(true);

    // Revisions: submitted twice, approved, published; the diff shows the changed word only.
    const revisions = await request(server.url)
      .get(`/api/drafts/${draftId}/revisions`)
      .set(...bearer(reporter))
      .expect(200);
    expect(revisions.body.map((r: { kind: string; createdByName: string }) => [r.kind, r.createdByName])).toEqual([
      ['submitted', 'مراسلة'],
      ['submitted', 'مراسلة'],
      ['approved', 'محررة'],
      ['published', 'محررة'],
    ]);
    const published = await request(server.url)
      .get(`/api/drafts/${draftId}/revisions/4`)
      .set(...bearer(reporter))
      .expect(200);
    expect(published.body).toMatchObject({ kind: 'published', createdBy: editor.id, createdByName: 'محررة' });
    // The kept claims keep their verdicts, each with its giver's name.
    expect(published.body.claims.every((claim: DraftClaim) => claim.verdict?.byName === 'مدققة')).toBe(true);
    const diff = await request(server.url)
      .get(`/api/drafts/${draftId}/diff`)
      .query({ from: 1, to: 3 })
      .set(...bearer(reporter))
      .expect(200);
    const changed = diff.body.body.filter((part: { op: string }) => part.op !== 'equal');
    expect(changed).toEqual([
      { op: 'delete', text: 'الأحد' },
      { op: 'insert', text: 'الاثنين' },
    ]);
  });

  it('shows editors the drafts in review with what blocks each, and hides other desks’ drafts', async () => {
    const draftId = await createDraft(server.url, reporter, { headline: 'عنوان', body: BODY });
    await claimsOf(draftId); // reconciled: the queue counts claims as last reconciled
    await act(reporter, draftId, 'submit').expect(200);
    const entryOf = async (user: TestUser) => {
      const queue = await request(server.url)
        .get('/api/review/queue')
        .set(...bearer(user))
        .expect(200);
      return queue.body.items.find((item: { draft: { id: string } }) => item.draft.id === draftId);
    };
    const claims = await claimsOf(draftId);
    expect(await entryOf(editor)).toEqual({
      draft: expect.objectContaining({ id: draftId, headline: 'عنوان' }),
      blockers: { empty_field: 0, claim_unchecked: claims.length, finding_unresolved: 1, revision_changed: 0 },
      ready: false,
    });
    await verifyAll(draftId);
    const date = (await claimsOf(draftId)).find((claim) => claim.kind === 'date')!;
    await request(server.url)
      .post(`/api/drafts/${draftId}/claims/${date.id}/findings/${date.findings[0]!.id}/dismiss`)
      .set(...bearer(checker))
      .send({ reason: 'الخطأ في المصدر نفسه، مقتبس كما ورد' })
      .expect(200);
    expect(await entryOf(editor)).toMatchObject({
      blockers: { empty_field: 0, claim_unchecked: 0, finding_unresolved: 0, revision_changed: 0 },
      ready: true,
    });
    const elsewhere = await createDesk(server.app);
    const outsider = await createUser(server.app, server.url, 'editor', [elsewhere.id]);
    expect(await entryOf(outsider)).toBeUndefined();
  });

  it('locks a verified claim with the body once approved; after reopen an edit makes it stale and the gate holds', async () => {
    const draftId = await createDraft(server.url, reporter, {
      headline: 'سوريا في التحالف',
      body: 'وأعلن البيان أن سوريا أصبحت العضو رقم 90 في التحالف.',
    });
    await verifyAll(draftId);
    await act(reporter, draftId, 'submit').expect(200);
    await act(editor, draftId, 'approve').expect(200);
    const socket = await sockets.open(server.url, reporter.token);
    await send(socket, 'join', { draftId });
    const edit = new Y.Doc();
    edit.getText(DOCUMENT_FIELDS.body).insert(0, '91');
    expect(await send(socket, 'update', { draftId, update: Y.encodeStateAsUpdate(edit) })).toMatchObject({
      ok: false,
      error: { code: 'LOCKED' },
    });

    await act(editor, draftId, 'reopen').expect(200);
    const writing = await openSession(draftId, reporter);
    const zero = writing.body.toString().indexOf('90') + 1;
    writing.doc.transact(() => {
      writing.body.delete(zero, 1);
      writing.body.insert(zero, '1');
    });
    await writing.flushed();
    const refused = await act(editor, draftId, 'approve').expect(409);
    // Every claim whose text held the figure is stale now (the rank, and the reported statement around it).
    const blockers = refused.body.error.blockers as { kind: string; reason: string; claim: { text: string } }[];
    expect(blockers.length).toBeGreaterThan(0);
    expect(blockers.every((blocker) => blocker.kind === 'claim_unchecked' && blocker.reason === 'stale')).toBe(true);
    expect(blockers.map((blocker) => blocker.claim.text)).toContain('رقم 91');
  });

  it('lets exactly one of twenty concurrent approvals through, with one log entry', async () => {
    const draftId = await createDraft(server.url, reporter, { headline: 'عنوان', body: 'خبر بلا أرقام ولا تواريخ.' });
    await act(reporter, draftId, 'submit').expect(200);
    const editors = [editor, otherEditor];
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => act(editors[i % 2]!, draftId, 'approve')));
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
    for (const answer of answers.filter((a) => a.status !== 200)) {
      expect(answer.status).toBe(409);
      // Decided on the winner's result: the draft is approved now, and the refusal says what is open.
      expect(answer.body.error).toMatchObject({
        code: 'CONFLICT',
        reason: 'state',
        state: 'approved',
        action: 'approve',
        allowed: expect.arrayContaining(['publish', 'reopen']),
      });
    }
    const history = await request(server.url)
      .get(`/api/drafts/${draftId}/review`)
      .set(...bearer(editor))
      .expect(200);
    expect(history.body.history.filter((e: { action: string }) => e.action === 'approve')).toHaveLength(1);
  });

  it('refuses what the table forbids, with the documented codes', async () => {
    const draftId = await createDraft(server.url, reporter, { headline: 'عنوان', body: 'نص.' });
    const code = async (response: request.Response) =>
      response.status === 409
        ? [response.status, response.body.error?.code, response.body.error?.reason]
        : [response.status, response.body.error?.code];
    expect(await code(await act(reporter, draftId, 'approve'))).toEqual([403, 'FORBIDDEN']);
    expect(await code(await act(checker, draftId, 'submit'))).toEqual([403, 'FORBIDDEN']);
    expect(await code(await act(editor, draftId, 'submit'))).toEqual([403, 'FORBIDDEN']); // not an author
    expect(await code(await act(editor, draftId, 'approve'))).toEqual([409, 'CONFLICT', 'state']); // still a draft
    expect(await code(await act(editor, draftId, 'publish'))).toEqual([409, 'CONFLICT', 'state']);
    expect(await code(await act(editor, draftId, 'fly'))).toEqual([404, 'NOT_FOUND']);
    await act(reporter, draftId, 'submit').expect(200);
    expect(await code(await act(editor, draftId, 'request-changes'))).toEqual([400, 'VALIDATION_FAILED']);
    expect(await code(await act(editor, draftId, 'request-changes', { reason: '   ' }))).toEqual([
      400,
      'VALIDATION_FAILED',
    ]);
    const history = await request(server.url)
      .get(`/api/drafts/${draftId}/review`)
      .set(...bearer(editor))
      .expect(200);
    expect(history.body).toMatchObject({ state: 'in_review' });
    expect(history.body.history.map((e: { action: string }) => e.action)).toEqual(['submit']);
  });
});
