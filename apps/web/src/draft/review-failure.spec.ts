import { describe, expect, it } from '@jest/globals';
import { CopydeskApiError } from '#client';
import type { DraftClaim, GateBlocker } from '#contracts';
import { blockerClaimId, blockerResolved, reviewFailureOf, sortBlockers } from './review-failure.js';

const apiError = (status: number, code: string, message: string, extra: Record<string, unknown> = {}) =>
  CopydeskApiError.fromResponse(status, '', { error: { code, message, requestId: 'r1', ...extra } });

const claimBlocker = (id: string, reason: 'unchecked' | 'stale' = 'unchecked'): GateBlocker => ({
  kind: 'claim_unchecked',
  reason,
  claim: { id, kind: 'number', text: '12 دولة' },
});
const findingBlocker: GateBlocker = {
  kind: 'finding_unresolved',
  claimId: 'c2',
  finding: { id: 'f1', kind: 'weekday_mismatch' },
};
const emptyBlocker: GateBlocker = { kind: 'empty_field', field: 'headline' };
const revisionBlocker: GateBlocker = { kind: 'revision_changed', approved: null, current: { seq: 3, textHash: 'x' } };

function claim(id: string, patch: Partial<DraftClaim> = {}): DraftClaim {
  return {
    id,
    draftId: 'd',
    kind: 'number',
    origin: 'auto',
    anchor: {},
    head: {},
    text: '12',
    start: 0,
    end: 2,
    value: null,
    subject: null,
    note: null,
    status: 'unchecked',
    stale: false,
    verdict: null,
    verdicts: [],
    findings: [],
    suggestions: [],
    closed: null,
    createdAt: '',
    updatedAt: '',
    ...patch,
  };
}

describe('reviewFailureOf', () => {
  it('reads the gate blockers of a 409 PUBLISH_GATE_FAILED, empty fields first', () => {
    const error = apiError(409, 'PUBLISH_GATE_FAILED', 'held', {
      blockers: [claimBlocker('c1'), revisionBlocker, findingBlocker, emptyBlocker, claimBlocker('c3')],
    });
    expect(reviewFailureOf(error)).toEqual({
      kind: 'gate',
      blockers: [emptyBlocker, claimBlocker('c1'), claimBlocker('c3'), findingBlocker, revisionBlocker],
    });
  });

  it('tells a draft that changed while being checked from an action no longer open, by the reason', () => {
    const changed = apiError(409, 'CONFLICT', 'The draft changed while it was being checked; try again', {
      reason: 'changed',
      checked: 4,
      current: 5,
    });
    expect(reviewFailureOf(changed)).toEqual({ kind: 'changed' });
    const state = apiError(409, 'CONFLICT', 'Cannot approve a draft that is approved', {
      reason: 'state',
      state: 'approved',
      action: 'approve',
      allowed: ['request-changes', 'reopen', 'publish'],
    });
    expect(reviewFailureOf(state)).toEqual({
      kind: 'state',
      state: 'approved',
      message: 'Cannot approve a draft that is approved',
    });
  });

  it('goes by the reason alone, not by the message or the other fields', () => {
    // Worded like the other conflict: the reason decides.
    const stateWorded = apiError(409, 'CONFLICT', 'The draft changed while it was being checked', {
      reason: 'state',
      state: 'in_review',
      action: 'submit',
      allowed: ['approve'],
    });
    expect(reviewFailureOf(stateWorded)).toMatchObject({ kind: 'state', state: 'in_review' });
    const changedWithState = apiError(409, 'CONFLICT', 'Try again', { reason: 'changed', state: 'draft' });
    expect(reviewFailureOf(changedWithState)).toEqual({ kind: 'changed' });
  });

  it('reads a conflict without a known reason as an action not open, its state unknown', () => {
    expect(reviewFailureOf(apiError(409, 'CONFLICT', 'Busy'))).toEqual({ kind: 'state', state: null, message: 'Busy' });
    expect(
      reviewFailureOf(apiError(409, 'CONFLICT', 'The draft changed while it was being checked', { checked: 4 })),
    ).toEqual({ kind: 'state', state: null, message: 'The draft changed while it was being checked' });
    expect(reviewFailureOf(apiError(409, 'CONFLICT', 'Odd', { reason: 'state', state: 'nonsense' }))).toEqual({
      kind: 'state',
      state: null,
      message: 'Odd',
    });
  });

  it('keeps the fields of a refused reason or embargo, and names other refusals', () => {
    const fields = [{ field: 'reason', messages: ['required: say why'] }];
    expect(reviewFailureOf(apiError(400, 'VALIDATION_FAILED', 'reason: required', { fields }))).toEqual({
      kind: 'invalid',
      message: 'reason: required',
      fields,
    });
    expect(reviewFailureOf(apiError(403, 'FORBIDDEN', 'Only an editor may approve a draft')).kind).toBe('forbidden');
    expect(reviewFailureOf(apiError(404, 'NOT_FOUND', 'No such draft')).kind).toBe('not_found');
    expect(reviewFailureOf(apiError(503, 'UNAVAILABLE', 'Down'))).toEqual({
      kind: 'other',
      code: 'UNAVAILABLE',
      message: 'Down',
    });
    expect(reviewFailureOf(new TypeError('Failed to fetch'))).toEqual({ kind: 'network', message: 'Failed to fetch' });
  });
});

describe('blockers and live claims', () => {
  it('links claim and finding blockers to their claim', () => {
    expect(sortBlockers([findingBlocker, claimBlocker('c1')]).map(blockerClaimId)).toEqual(['c1', 'c2']);
    expect(blockerClaimId(emptyBlocker)).toBeNull();
  });

  it('counts a claim verified, waived or closed as resolved, but not a stale one', () => {
    const claims = new Map([
      ['c1', claim('c1', { status: 'verified' })],
      ['c3', claim('c3', { status: 'verified', stale: true })],
      ['c4', claim('c4', { status: 'disputed' })],
    ]);
    expect(blockerResolved(claimBlocker('c1'), claims)).toBe(true);
    expect(blockerResolved(claimBlocker('gone'), claims)).toBe(true);
    expect(blockerResolved(claimBlocker('c3'), claims)).toBe(false);
    expect(blockerResolved(claimBlocker('c4'), claims)).toBe(false);
  });

  it('counts a finding set aside as resolved; empty fields and revisions only the server clears', () => {
    const finding = { id: 'f1', kind: 'weekday_mismatch' as const, message: '' };
    const open = new Map([['c2', claim('c2', { findings: [{ ...finding, dismissed: null }] })]]);
    const dismissed = new Map([
      [
        'c2',
        claim('c2', {
          findings: [{ ...finding, dismissed: { byUserId: 'u', byName: 'ريم الحلبي', at: '', reason: 'ok' } }],
        }),
      ],
    ]);
    expect(blockerResolved(findingBlocker, open)).toBe(false);
    expect(blockerResolved(findingBlocker, dismissed)).toBe(true);
    expect(blockerResolved(emptyBlocker, new Map())).toBe(false);
    expect(blockerResolved(revisionBlocker, new Map())).toBe(false);
  });
});
