import { describe, expect, it } from '@jest/globals';
import type { ClaimStatus, GateBlocker } from '#contracts';

import { isDomainError } from '../errors/domain-error.js';
import {
  assertPublishGate,
  checkPublishGate,
  fieldHasContent,
  type GateClaim,
  type PublishGateInput,
} from './publish-gate.js';

const REVISION = { seq: 41, textHash: 'sha256:9f2c' };

const claim = (overrides: Partial<GateClaim> = {}): GateClaim => ({
  id: 'c1',
  kind: 'number',
  text: '90 عضوًا',
  status: 'verified',
  stale: false,
  findings: [],
  ...overrides,
});

const passing: PublishGateInput = {
  headline: 'البرلمان يقر الموازنة',
  body: 'صوّت 90 عضوًا لصالح الموازنة يوم الأحد 1 آذار 2026.',
  claims: [
    claim(),
    claim({ id: 'c2', kind: 'date', text: 'يوم الأحد 1 آذار 2026', status: 'waived' }),
    claim({
      id: 'c3',
      kind: 'quote',
      text: '«نعم»',
      findings: [{ id: 'f0', kind: 'inconsistent_figure', dismissed: false }],
    }),
  ],
  approvedRevision: REVISION,
  current: REVISION,
  checking: 'publish',
};

describe('checkPublishGate passes', () => {
  it.each(['approve', 'publish'] as const)('a checked draft (%s)', (checking) => {
    expect(checkPublishGate({ ...passing, checking })).toEqual([]);
  });

  it('a draft without claims', () => {
    expect(checkPublishGate({ ...passing, claims: [] })).toEqual([]);
  });

  it('a dismissed weekday_mismatch or invalid_date finding', () => {
    const findings = [
      { id: 'f1', kind: 'weekday_mismatch', dismissed: true },
      { id: 'f2', kind: 'invalid_date', dismissed: true },
    ] as const;
    expect(checkPublishGate({ ...passing, claims: [claim({ findings: [...findings] })] })).toEqual([]);
  });

  it('an undismissed inconsistent_figure finding: it does not block', () => {
    const findings = [{ id: 'f1', kind: 'inconsistent_figure', dismissed: false }] as const;
    expect(checkPublishGate({ ...passing, claims: [claim({ findings: [...findings] })] })).toEqual([]);
  });

  it('on approve, whatever revision was approved before (none, or another)', () => {
    expect(checkPublishGate({ ...passing, checking: 'approve', approvedRevision: null })).toEqual([]);
    expect(checkPublishGate({ ...passing, checking: 'approve', current: { seq: 50, textHash: 'x' } })).toEqual([]);
  });
});

describe('checkPublishGate blocks on each blocker alone', () => {
  it.each<[string, Partial<PublishGateInput>, GateBlocker]>([
    ['an empty headline', { headline: '' }, { kind: 'empty_field', field: 'headline' }],
    ['a blank body', { body: ' \n\t ' }, { kind: 'empty_field', field: 'body' }],
    [
      'a revision edited since approval',
      { current: { seq: 42, textHash: 'sha256:9f2c' } },
      {
        kind: 'revision_changed',
        approved: REVISION,
        current: { seq: 42, textHash: 'sha256:9f2c' },
      },
    ],
    [
      'a text hash that differs',
      { current: { seq: 41, textHash: 'sha256:0000' } },
      {
        kind: 'revision_changed',
        approved: REVISION,
        current: { seq: 41, textHash: 'sha256:0000' },
      },
    ],
    [
      'no approved revision on publish',
      { approvedRevision: null },
      {
        kind: 'revision_changed',
        approved: null,
        current: REVISION,
      },
    ],
  ])('%s', (_name, overrides, blocker) => {
    expect(checkPublishGate({ ...passing, ...overrides })).toEqual([blocker]);
  });

  it.each<[ClaimStatus, boolean, string]>([
    ['unchecked', false, 'unchecked'],
    ['in_progress', false, 'in_progress'],
    ['inconclusive', false, 'inconclusive'],
    ['disputed', false, 'disputed'],
    ['false', false, 'false'],
    ['verified', true, 'stale'],
    ['waived', true, 'stale'],
    ['false', true, 'stale'],
    ['in_progress', true, 'stale'],
  ])('a claim %s (stale: %p): %s', (status, stale, reason) => {
    const blocked = claim({ id: 'c9', kind: null, text: 'ثلث المقاعد', status, stale });
    expect(checkPublishGate({ ...passing, claims: [blocked] })).toEqual([
      { kind: 'claim_unchecked', reason, claim: { id: 'c9', kind: null, text: 'ثلث المقاعد' } },
    ]);
  });

  it.each(['weekday_mismatch', 'invalid_date'] as const)(
    'an undismissed %s finding, on a verified claim too',
    (kind) => {
      const findings = [{ id: 'f7', kind, dismissed: false }];
      expect(checkPublishGate({ ...passing, claims: [claim({ id: 'c4', findings })] })).toEqual([
        { kind: 'finding_unresolved', claimId: 'c4', finding: { id: 'f7', kind } },
      ]);
    },
  );
});

describe('checkPublishGate lists every blocker at once, in reading order', () => {
  it('headline, body, each claim with its findings, then the revision', () => {
    const input: PublishGateInput = {
      headline: 'ـــ',
      body: '\u200f \u00a0',
      claims: [
        claim({ id: 'a', status: 'unchecked', findings: [{ id: 'fa', kind: 'invalid_date', dismissed: false }] }),
        claim({ id: 'b', status: 'verified' }),
        claim({
          id: 'c',
          kind: 'date',
          text: 'الاثنين 1 آذار',
          status: 'verified',
          stale: true,
          findings: [
            { id: 'fc1', kind: 'weekday_mismatch', dismissed: false },
            { id: 'fc2', kind: 'inconsistent_figure', dismissed: false },
            { id: 'fc3', kind: 'invalid_date', dismissed: true },
          ],
        }),
        claim({ id: 'd', status: 'false' }),
      ],
      approvedRevision: REVISION,
      current: { seq: 44, textHash: 'sha256:aaaa' },
      checking: 'publish',
    };
    expect(checkPublishGate(input)).toEqual([
      { kind: 'empty_field', field: 'headline' },
      { kind: 'empty_field', field: 'body' },
      { kind: 'claim_unchecked', reason: 'unchecked', claim: { id: 'a', kind: 'number', text: '90 عضوًا' } },
      { kind: 'finding_unresolved', claimId: 'a', finding: { id: 'fa', kind: 'invalid_date' } },
      { kind: 'claim_unchecked', reason: 'stale', claim: { id: 'c', kind: 'date', text: 'الاثنين 1 آذار' } },
      { kind: 'finding_unresolved', claimId: 'c', finding: { id: 'fc1', kind: 'weekday_mismatch' } },
      { kind: 'claim_unchecked', reason: 'false', claim: { id: 'd', kind: 'number', text: '90 عضوًا' } },
      { kind: 'revision_changed', approved: REVISION, current: { seq: 44, textHash: 'sha256:aaaa' } },
    ]);
  });
});

describe('fieldHasContent: Arabic as it is written', () => {
  it.each<[string, string, boolean]>([
    ['empty', '', false],
    ['spaces, tabs, newlines', ' \t\n ', false],
    ['no-break and ideographic spaces', '\u00a0\u2003\u3000', false],
    ['tatweel only', 'ـــــ', false],
    ['guillemets around spaces', '«   »', false],
    ['guillemets around tatweel', '«ـــ»', false],
    ['harakat only', '\u064e\u0650\u0651', false],
    ['bidi and zero-width marks', '\u200f\u200e\u061c\u200b', false],
    ['punctuation only', '… — ؟ !', false],
    ['one Arabic letter', 'و', true],
    ['a stretched word', 'جـــديد', true],
    ['Arabic-Indic digits', '٢٠٢٦', true],
    ['a quoted headline', '«لن نتراجع»', true],
    ['Latin', 'Budget passes', true],
  ])('%s: %p', (_name, text, expected) => {
    expect(fieldHasContent(text)).toBe(expected);
  });

  it('a headline of tatweel and spaces is an empty_field', () => {
    expect(checkPublishGate({ ...passing, headline: ' ـ ـ ' })).toEqual([{ kind: 'empty_field', field: 'headline' }]);
  });
});

describe('assertPublishGate', () => {
  it('passes quietly', () => {
    expect(() => assertPublishGate(passing)).not.toThrow();
  });

  it('throws PUBLISH_GATE_FAILED with every blocker in details.blockers', () => {
    const input = { ...passing, headline: ' ', checking: 'approve' as const, claims: [claim({ status: 'disputed' })] };
    let thrown: unknown;
    try {
      assertPublishGate(input);
    } catch (error) {
      thrown = error;
    }
    expect(isDomainError(thrown)).toBe(true);
    if (!isDomainError(thrown)) return;
    expect(thrown.code).toBe('PUBLISH_GATE_FAILED');
    expect(thrown.message).toBe('The draft cannot be approved yet: 2 blockers');
    expect(thrown.details).toEqual({ blockers: checkPublishGate(input) });
    expect(thrown.details.blockers).toHaveLength(2);
  });
});
