import { describe, expect, it } from '@jest/globals';
import type { ClaimSuggestion, DraftClaim, DraftClaimFinding, Verdict } from '#contracts';
import {
  acceptSuggestionRequest,
  anchorsIn,
  checkVerdictDraft,
  countByFilter,
  dismissReasonProblem,
  evidenceUrlProblem,
  isAccepted,
  matchesFilter,
  needsChecking,
  newerClaim,
  placeClaims,
  shownClaim,
  trimSpan,
  verdictStatusesFor,
} from './claim-rules.js';

const finding = (dismissed = false): DraftClaimFinding => ({
  id: 'f1',
  kind: 'weekday_mismatch',
  message: 'الأحد 9 شباط 2026 كان يوم اثنين',
  dismissed: dismissed ? { byUserId: 'u1', byName: 'سامر العلي', at: '2026-02-10T10:00:00Z', reason: 'مقصود' } : null,
});

const verdict = (overrides: Partial<Verdict> = {}): Verdict => ({
  id: 'v1',
  status: 'verified',
  byUserId: 'u1',
  byName: 'سامر العلي',
  at: '2026-02-10T10:00:00Z',
  note: null,
  evidence: [],
  text: '45 بالمئة',
  citesVerdictId: null,
  ...overrides,
});

const claim = (overrides: Partial<DraftClaim> = {}): DraftClaim => ({
  id: 'c1',
  draftId: 'd1',
  kind: 'percentage',
  origin: 'auto',
  anchor: { a: 1 },
  head: { h: 1 },
  text: '45 بالمئة',
  start: 10,
  end: 19,
  value: 45,
  subject: null,
  note: null,
  status: 'unchecked',
  stale: false,
  verdict: null,
  verdicts: [],
  findings: [],
  suggestions: [],
  closed: null,
  createdAt: '2026-02-10T09:00:00Z',
  updatedAt: '2026-02-10T09:00:00Z',
  ...overrides,
});

const suggestion = (id = 'v9'): ClaimSuggestion => ({
  draftId: 'd2',
  claimId: 'c9',
  verdict: verdict({ id, evidence: [{ url: 'https://example.org/a', title: 'A' }] }),
});

describe('filters', () => {
  it('needs checking: unchecked, being checked, stale, or with a finding nobody set aside', () => {
    expect(needsChecking(claim())).toBe(true);
    expect(needsChecking(claim({ status: 'in_progress' }))).toBe(true);
    expect(needsChecking(claim({ status: 'verified' }))).toBe(false);
    expect(needsChecking(claim({ status: 'verified', stale: true }))).toBe(true);
    expect(needsChecking(claim({ status: 'false' }))).toBe(false);
    expect(needsChecking(claim({ status: 'verified', findings: [finding()] }))).toBe(true);
    expect(needsChecking(claim({ status: 'verified', findings: [finding(true)] }))).toBe(false);
  });

  it('matches and counts each filter', () => {
    const claims = [claim(), claim({ status: 'verified' }), claim({ status: 'verified', stale: true })];
    expect(claims.map((item) => matchesFilter(item, 'stale'))).toEqual([false, false, true]);
    expect(claims.map((item) => matchesFilter(item, 'all'))).toEqual([true, true, true]);
    expect(countByFilter(claims)).toEqual({ all: 3, needs: 2, stale: 1 });
  });
});

describe('placing claims in the body', () => {
  const body = 'ارتفعت الأسعار بنسبة 45 بالمئة في عام 2025';

  it('orders claims by where their anchors resolve now, with the text they cover now', () => {
    const a = claim({ id: 'a' });
    const b = claim({ id: 'b' });
    const at = (text: string) => ({ start: body.indexOf(text), end: body.indexOf(text) + text.length });
    const where: Record<string, { start: number; end: number }> = { a: at('2025'), b: at('45 بالمئة') };
    const placed = placeClaims([a, b], (item) => where[item.id]!, body);
    expect(placed.map((item) => [item.claim.id, item.text, item.gone])).toEqual([
      ['b', '45 بالمئة', false],
      ['a', '2025', false],
    ]);
  });

  it('falls back to the server’s reading when the anchors do not resolve, and marks deleted text', () => {
    const placed = placeClaims(
      [claim({ id: 'x', start: 3, end: 5, text: 'old' }), claim({ id: 'y', text: 'gone' })],
      (item) => (item.id === 'x' ? { start: null, end: null } : { start: 8, end: 8 }),
      body,
    );
    expect(placed.map((item) => [item.claim.id, item.start, item.text, item.gone])).toEqual([
      ['x', 3, 'old', false],
      ['y', 8, 'gone', true],
    ]);
  });

  it('resolves anchors through the session, reading an unreadable position as not there', () => {
    const session = {
      cursorIndex: (position: Record<string, unknown>) => {
        if ('bad' in position) throw new Error('unreadable');
        return (position.at as number | undefined) ?? null;
      },
    };
    expect(anchorsIn(session, { anchor: { at: 2 }, head: { at: 6 } })).toEqual({ start: 2, end: 6 });
    expect(anchorsIn(session, { anchor: { bad: 1 }, head: {} })).toEqual({ start: null, end: null });
  });

  it('trims white space off a selection', () => {
    expect(trimSpan('  45 بالمئة \n', 0, 13)).toEqual({ start: 2, end: 11 });
    expect(trimSpan('abc', 2, 1)).toEqual({ start: 1, end: 2 });
    expect(trimSpan('a   b', 1, 4)).toBeNull();
    expect(trimSpan('abc', 1, 1)).toBeNull();
  });
});

describe('newest copy and newsroom memory', () => {
  it('prefers the later update', () => {
    const older = claim({ updatedAt: '2026-02-10T09:00:00Z' });
    const newer = claim({ updatedAt: '2026-02-10T09:00:01Z', status: 'verified' });
    expect(newerClaim(older, newer)).toBe(newer);
    expect(newerClaim(newer, older)).toBe(newer);
    expect(newerClaim(older, { ...older })).toBe(older);
  });

  it('shows the REST copy of a claim unless the session heard a newer one', () => {
    const heard = claim({ updatedAt: '2026-02-10T09:00:00Z', suggestions: [suggestion('v1')] });
    // Read by the user: the same claim, with suggestions from the user's other desks too.
    const read = { ...heard, suggestions: [suggestion('v1'), suggestion('v2')] };
    expect(shownClaim(heard, read)).toBe(read);
    // Someone changed it since: the session's copy, with the suggestions of the draft's desk.
    const changed = { ...heard, updatedAt: '2026-02-10T09:00:01Z', status: 'verified' as const };
    expect(shownClaim(changed, read)).toBe(changed);
    // The user's own change answered before its event: the answer.
    const answered = { ...read, updatedAt: '2026-02-10T09:00:02Z', status: 'disputed' as const };
    expect(shownClaim(changed, answered)).toBe(answered);
  });

  it('accepts a suggestion as a verdict citing it, with its evidence', () => {
    expect(acceptSuggestionRequest(suggestion())).toEqual({
      status: 'verified',
      citesVerdictId: 'v9',
      evidence: [{ url: 'https://example.org/a', title: 'A' }],
    });
    const accepted = claim({ verdict: verdict({ citesVerdictId: 'v9' }) });
    expect(isAccepted(accepted, suggestion())).toBe(true);
    expect(isAccepted({ ...accepted, stale: true }, suggestion())).toBe(false);
    expect(isAccepted(claim(), suggestion())).toBe(false);
  });
});

describe('the verdict form', () => {
  const empty = { status: '', note: '', evidence: [{ url: '', title: '' }] };

  it('offers waived to editors and admins only, and nothing to reporters', () => {
    expect(verdictStatusesFor('fact_checker')).not.toContain('waived');
    expect(verdictStatusesFor('editor')).toContain('waived');
    expect(verdictStatusesFor('admin')).toContain('waived');
    expect(verdictStatusesFor('reporter')).toEqual([]);
  });

  it('builds the request, trimmed, skipping blank evidence rows', () => {
    expect(
      checkVerdictDraft(
        {
          status: 'verified',
          note: '  وفق بيان الوزارة ',
          evidence: [
            { url: ' https://moh.gov.sy/بيان ', title: ' بيان ' },
            { url: '', title: '' },
            { url: 'http://example.org', title: '' },
          ],
        },
        'fact_checker',
      ),
    ).toEqual({
      ok: true,
      request: {
        status: 'verified',
        note: 'وفق بيان الوزارة',
        evidence: [{ url: 'https://moh.gov.sy/بيان', title: 'بيان' }, { url: 'http://example.org' }],
      },
    });
    expect(checkVerdictDraft({ ...empty, status: 'in_progress' }, 'fact_checker')).toEqual({
      ok: true,
      request: { status: 'in_progress' },
    });
  });

  it('asks for a status the role may give, and a note to waive', () => {
    expect(checkVerdictDraft(empty, 'fact_checker')).toEqual({
      ok: false,
      problems: [{ field: 'status', key: 'claims.form.statusRequired' }],
    });
    expect(checkVerdictDraft({ ...empty, status: 'waived', note: 'x' }, 'fact_checker')).toMatchObject({ ok: false });
    expect(checkVerdictDraft({ ...empty, status: 'waived', note: '  ' }, 'editor')).toEqual({
      ok: false,
      problems: [{ field: 'note', key: 'claims.form.waiverNote' }],
    });
    expect(checkVerdictDraft({ ...empty, status: 'waived', note: 'رأي' }, 'editor')).toMatchObject({ ok: true });
  });

  it('names the evidence row and field that is wrong', () => {
    const check = checkVerdictDraft(
      {
        status: 'verified',
        note: '',
        evidence: [
          { url: 'https://ok.example', title: '' },
          { url: 'javascript:alert(1)', title: 't' },
          { url: '', title: 'a title without a link' },
          { url: 'https://ok.example', title: 'x'.repeat(301) },
        ],
      },
      'editor',
    );
    expect(check).toEqual({
      ok: false,
      problems: [
        { field: 'evidence.1.url', key: 'claims.form.urlScheme' },
        { field: 'evidence.2.url', key: 'claims.form.urlRequired' },
        { field: 'evidence.3.title', key: 'claims.form.titleTooLong' },
      ],
    });
  });

  it('takes at most 20 links and 4,000 characters of note', () => {
    const links = Array.from({ length: 21 }, (_, index) => ({ url: `https://example.org/${index}`, title: '' }));
    expect(checkVerdictDraft({ status: 'verified', note: '', evidence: links }, 'editor')).toEqual({
      ok: false,
      problems: [{ field: 'evidence', key: 'claims.form.tooManyLinks' }],
    });
    expect(checkVerdictDraft({ ...empty, status: 'verified', note: 'x'.repeat(4001) }, 'editor')).toEqual({
      ok: false,
      problems: [{ field: 'note', key: 'claims.form.noteTooLong' }],
    });
  });
});

describe('evidence links and reasons', () => {
  it('takes absolute http(s) links only, as the server does', () => {
    expect(evidenceUrlProblem('https://example.org/path?q=1')).toBeNull();
    expect(evidenceUrlProblem('HTTP://EXAMPLE.ORG')).toBeNull();
    expect(evidenceUrlProblem('https://sana.sy/?p=خبر')).toBeNull();
    expect(evidenceUrlProblem('')).toBe('claims.form.urlRequired');
    expect(evidenceUrlProblem('example.org')).toBe('claims.form.urlScheme');
    expect(evidenceUrlProblem('ftp://example.org')).toBe('claims.form.urlScheme');
    expect(evidenceUrlProblem('javascript:alert(1)')).toBe('claims.form.urlScheme');
    expect(evidenceUrlProblem('https:example.org')).toBe('claims.form.urlScheme');
    expect(evidenceUrlProblem('https:\\\\example.org')).toBe('claims.form.urlScheme');
    expect(evidenceUrlProblem('https://exa mple.org')).toBe('claims.form.urlSpaces');
    expect(evidenceUrlProblem('https://user:pw@example.org')).toBe('claims.form.urlCredentials');
    expect(evidenceUrlProblem(`https://example.org/${'a'.repeat(2048)}`)).toBe('claims.form.urlTooLong');
  });

  it('asks for a reason to set a finding aside', () => {
    expect(dismissReasonProblem('  ')).toBe('claims.dismiss.reasonRequired');
    expect(dismissReasonProblem('x'.repeat(2001))).toBe('claims.dismiss.reasonTooLong');
    expect(dismissReasonProblem('التاريخ صحيح، اليوم خطأ مطبعي في المصدر')).toBeNull();
  });
});
