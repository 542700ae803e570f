/**
 * The SDK's REST helpers for claims, review and publications against a real server: a draft goes
 * from submission through the gate, its claims checked, to publication, and its log, kept
 * revisions, a diff and the released version read back, all with CopydeskClient.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CopydeskApiError, CopydeskClient } from '#client';
import type { DraftClaim } from '#contracts';
import { createDesk, createUser, TEST_PASSWORD, type TestUser } from '../support/factories.js';
import { eventually } from '../support/raw-collab-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/** 9 February 2026 was a Monday: «الأحد» gives the date claim a weekday finding to set aside. */
const BODY = [
  'عقد وزراء الخارجية اجتماعهم الأحد 9 شباط 2026 في الرياض بحضور ممثلي 30 دولة.',
  'وأعلن البيان أن سوريا أصبحت العضو رقم 90 في التحالف.',
].join('\n');
const ADDED = '\nوصدر في ختام الاجتماع بيان مشترك.';
const HEADLINE = 'سوريا في التحالف';
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('the SDK over the claims, review and publication routes', () => {
  let server: TestServer;
  let deskId: string;
  let reporter: CopydeskClient;
  let checker: CopydeskClient;
  let editor: CopydeskClient;
  let checkerUser: TestUser;
  let editorUser: TestUser;

  beforeAll(async () => {
    server = await startTestServer({ env: { CLAIMS_SETTLE_MS: '50', CLAIMS_MAX_WAIT_MS: '200' } });
    deskId = (await createDesk(server.app)).id;
    const [reporterUser, checkerAccount, editorAccount] = await Promise.all([
      createUser(server.app, server.url, 'reporter', [deskId], 'مراسلة'),
      createUser(server.app, server.url, 'fact_checker', [deskId], 'مدققة'),
      createUser(server.app, server.url, 'editor', [deskId], 'محررة'),
    ]);
    checkerUser = checkerAccount;
    editorUser = editorAccount;
    reporter = new CopydeskClient({ baseUrl: server.url });
    await reporter.login(reporterUser.email, TEST_PASSWORD);
    checker = new CopydeskClient({ baseUrl: server.url, token: checkerUser.token });
    editor = new CopydeskClient({ baseUrl: server.url, token: editorUser.token });
  });
  afterAll(async () => {
    await Promise.all([reporter, checker, editor].map((client) => client?.close()));
    await server?.close();
  });

  it('checks, approves and publishes a draft, then reads its log, revisions, diff and release', async () => {
    const { id: draftId } = await reporter.createDraft({ language: 'ar', headline: HEADLINE, body: BODY });
    expect(await reporter.reviewAction(draftId, 'submit')).toMatchObject({ state: 'in_review', publication: null });

    // The gate holds the approval: every claim unchecked, and the weekday finding.
    const refused = await editor.reviewAction(draftId, 'approve').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(CopydeskApiError);
    const gate = refused as CopydeskApiError;
    expect(gate).toMatchObject({ status: 409, code: 'PUBLISH_GATE_FAILED' });
    if (!gate.isPublishGateFailed()) throw new Error(`not a gate failure: ${JSON.stringify(gate.details)}`);
    const kinds = new Set(gate.details.blockers.map((blocker) => blocker.kind));
    expect(kinds).toEqual(new Set(['claim_unchecked', 'finding_unresolved']));

    // Back to the reporter, who adds a sentence in a live session, and submits again.
    await editor.reviewAction(draftId, 'request-changes', { reason: 'أضيفي خاتمة الاجتماع' });
    const session = reporter.openDraft(draftId, { resyncIntervalMs: 0 });
    await session.whenSynced();
    session.body.insert(session.body.length, ADDED);
    await session.flushed();
    await session.close();
    expect(await reporter.reviewAction(draftId, 'submit')).toMatchObject({ state: 'in_review' });

    // The checker finds the claims in the draft and in the queue, verifies each, sets the finding aside.
    let claims: DraftClaim[] = [];
    await eventually(async () => {
      claims = await checker.listClaims(draftId);
      expect(claims.length).toBeGreaterThan(0);
    });
    const queue = await checker.claimsQueue({ deskId, limit: 100 });
    const queued = queue.items.filter((item) => item.draft.id === draftId);
    expect(queued.map((item) => item.claim.id).sort()).toEqual(claims.map((claim) => claim.id).sort());
    expect(queued[0]!.draft).toEqual({ id: draftId, headline: HEADLINE, reviewState: 'in_review', deskId });
    for (const claim of claims) {
      const checked = await checker.addVerdict(draftId, claim.id, {
        status: 'verified',
        evidence: [{ url: 'https://example.org/statement', title: 'البيان' }],
      });
      expect(checked).toMatchObject({ id: claim.id, status: 'verified', stale: false });
    }
    const date = claims.find((claim) => claim.findings.some((finding) => finding.kind === 'weekday_mismatch'))!;
    const finding = date.findings.find((f) => f.kind === 'weekday_mismatch')!;
    const dismissed = await checker.dismissFinding(draftId, date.id, finding.id, 'مقتبس كما ورد في البيان');
    expect(dismissed.findings.find((f) => f.id === finding.id)!.dismissed).toMatchObject({
      byUserId: checkerUser.id,
      byName: 'مدققة',
      reason: 'مقتبس كما ورد في البيان',
      at: expect.stringMatching(ISO_INSTANT),
    });
    const fetched = await checker.getClaim(draftId, date.id);
    expect(fetched).toMatchObject({ id: date.id, status: 'verified' });
    expect(fetched.verdicts).toHaveLength(1);
    expect((await checker.claimsQueue({ deskId, limit: 100 })).items.some((i) => i.draft.id === draftId)).toBe(false);

    // The editor sees it ready in the queue, approves and publishes.
    const entry = (await editor.reviewQueue({ deskId })).items.find((item) => item.draft.id === draftId);
    expect(entry).toEqual({
      draft: { id: draftId, deskId, headline: HEADLINE, language: 'ar', updatedAt: expect.stringMatching(ISO_INSTANT) },
      blockers: { empty_field: 0, claim_unchecked: 0, finding_unresolved: 0, revision_changed: 0 },
      ready: true,
    });
    const approved = await editor.reviewAction(draftId, 'approve');
    expect(approved).toMatchObject({ state: 'approved', approvedSeq: expect.any(Number), embargoUntil: null });
    const published = await editor.reviewAction(draftId, 'publish');
    expect(published).toEqual({
      state: 'published',
      revision: approved.revision + 1,
      approvedSeq: approved.approvedSeq,
      embargoUntil: null,
      publication: { id: expect.any(String), version: 1, event: 'published' },
    });

    // The log: the transitions in order, the checker's verdicts and dismissal.
    const history = await editor.reviewHistory(draftId);
    expect(history).toMatchObject({ state: 'published', revision: published.revision });
    expect(history.history.filter((e) => e.kind === 'transition').map((e) => [e.action, e.actorName])).toEqual([
      ['submit', 'مراسلة'],
      ['request-changes', 'محررة'],
      ['submit', 'مراسلة'],
      ['approve', 'محررة'],
      ['publish', 'محررة'],
    ]);
    // A reporter, who may not look users up, reads the same names.
    expect((await reporter.reviewHistory(draftId)).history.map((e) => e.actorName)).toEqual(
      history.history.map((e) => e.actorName),
    );
    expect(history.history.every((e) => ISO_INSTANT.test(e.at))).toBe(true);
    const byChecker = await editor.reviewHistory(draftId, { actorId: checkerUser.id });
    expect(byChecker.history.map((e) => e.kind).sort()).toEqual(
      [...claims.map(() => 'verdict'), 'finding_dismissed'].sort(),
    );
    expect(byChecker.history.find((e) => e.kind === 'finding_dismissed')).toMatchObject({
      claimId: date.id,
      action: null,
      details: { findingId: finding.id },
    });

    // The kept copies: with ISO dates, the text and claims as they stood.
    const revisions = await reporter.revisions(draftId);
    expect(revisions.map((r) => [r.number, r.kind, r.createdByName])).toEqual([
      [1, 'submitted', 'مراسلة'],
      [2, 'submitted', 'مراسلة'],
      [3, 'approved', 'محررة'],
      [4, 'published', 'محررة'],
    ]);
    expect(revisions.every((r) => ISO_INSTANT.test(r.createdAt))).toBe(true);
    const first = await reporter.revision(draftId, 1);
    expect(first).toMatchObject({ ...revisions[0], draftId, headline: HEADLINE, body: BODY });
    expect(first.claims.every((claim) => claim.status === 'unchecked')).toBe(true);
    const approvedCopy = await reporter.revision(draftId, 3);
    expect(approvedCopy.body).toBe(BODY + ADDED);
    expect(approvedCopy.claims.map((claim) => claim.status)).toEqual(claims.map(() => 'verified'));
    expect(approvedCopy.claims.every((claim) => !('suggestions' in claim))).toBe(true);
    const keptDate = approvedCopy.claims.find((claim) => claim.id === date.id)!;
    expect(keptDate.findings.find((f) => f.id === finding.id)!.dismissed).toMatchObject({ byName: 'مدققة' });
    expect(keptDate.verdict).toMatchObject({ byUserId: checkerUser.id, byName: 'مدققة' });

    // The diff from the first submission to the published copy: the added sentence only.
    const diff = await reporter.revisionDiff(draftId, 1, 4);
    expect(diff.headline.every((part) => part.op === 'equal')).toBe(true);
    const join = (keep: string) =>
      diff.body
        .filter((part) => part.op === 'equal' || part.op === keep)
        .map((part) => part.text)
        .join('');
    expect(join('delete')).toBe(BODY);
    expect(join('insert')).toBe(BODY + ADDED);
    expect(diff.body.some((part) => part.op === 'delete')).toBe(false);

    // The release: the draft's versions, one version, and the desk's feed.
    const versions = await reporter.publications(draftId);
    expect(versions.map((v) => [v.id, v.version, v.event])).toEqual([[published.publication!.id, 1, 'published']]);
    const version = await reporter.publication(draftId, 1);
    expect(version).toMatchObject({
      draftId,
      deskId,
      headline: HEADLINE,
      pubStatus: 'usable',
      language: 'ar',
      publishedBy: editorUser.id,
      publishedByName: 'محررة',
    });
    const feed = await editor.publicationFeed({ deskId, limit: 10 });
    expect(feed.items.map((item) => item.id)).toContain(version.id);
    expect(feed.head).toBeGreaterThanOrEqual(version.position);
    expect((await editor.publicationFeed({ deskId, since: feed.head })).items).toEqual([]);

    // An action no longer open is a review conflict by the state, typed through the SDK.
    const again = await editor.reviewAction(draftId, 'approve').catch((error: unknown) => error);
    expect(again).toBeInstanceOf(CopydeskApiError);
    const conflict = again as CopydeskApiError;
    expect(conflict.isReviewConflict()).toBe(true);
    expect(conflict.isReviewConflict() && conflict.details).toMatchObject({
      reason: 'state',
      state: 'published',
      action: 'approve',
      allowed: expect.arrayContaining(['correct', 'withdraw']),
    });

    const missing = await reporter.revision(draftId, 99).catch((error: unknown) => error);
    expect(missing).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });
});
