import { describe, expect, it } from '@jest/globals';
import { REVIEW_STATES, type DraftAccess, type ReviewState, type Role } from '#contracts';
import { canCreateDrafts } from '../accounts/role.js';
import { isBodyLocked } from '../review/locked-states.js';
import { accessAtLeast, draftAccessFor } from './draft-access.js';

/**
 * The rules as README ("Access") states them: a draft's authors and its desk's editors edit, desk
 * fact-checkers comment, other desk members view, anyone else gets nothing (404, like a draft that
 * does not exist). Co-authors must be on the desk (PATCH /api/drafts/:id), so an author taken off
 * the desk is "anyone else": membership is what lets anyone see a draft at all.
 */
const DESK = 'desk-politics';
const OTHER_DESK = 'desk-sports';
const ME = 'user-me';

const subject = (role: Role, member: boolean) => ({
  userId: ME,
  role,
  deskIds: new Set(member ? [DESK, OTHER_DESK] : [OTHER_DESK]),
});
const draft = (author: boolean) => ({ deskId: DESK, authorIds: author ? ['user-other', ME] : ['user-other'] });

describe('draftAccessFor', () => {
  it.each<[Role, 'author' | 'not author', 'on the desk' | 'off the desk', DraftAccess | null]>([
    ['reporter', 'author', 'on the desk', 'edit'],
    ['reporter', 'not author', 'on the desk', 'view'],
    ['reporter', 'author', 'off the desk', null],
    ['reporter', 'not author', 'off the desk', null],
    ['editor', 'author', 'on the desk', 'edit'],
    ['editor', 'not author', 'on the desk', 'edit'],
    ['editor', 'author', 'off the desk', null],
    ['editor', 'not author', 'off the desk', null],
    ['fact_checker', 'author', 'on the desk', 'edit'],
    ['fact_checker', 'not author', 'on the desk', 'comment'],
    ['fact_checker', 'author', 'off the desk', null],
    ['fact_checker', 'not author', 'off the desk', null],
    // Admins manage users and desks; on a draft they are one more desk member.
    ['admin', 'author', 'on the desk', 'edit'],
    ['admin', 'not author', 'on the desk', 'view'],
    ['admin', 'author', 'off the desk', null],
    ['admin', 'not author', 'off the desk', null],
  ])('%s, %s, %s → %p', (role, author, member, expected) => {
    expect(draftAccessFor(subject(role, member === 'on the desk'), draft(author === 'author'))).toBe(expected);
  });

  it('counts the desk of the draft, not any desk the user is on', () => {
    const editorElsewhere = { userId: ME, role: 'editor' as const, deskIds: new Set([OTHER_DESK]) };
    expect(draftAccessFor(editorElsewhere, { deskId: DESK, authorIds: [] })).toBeNull();
    expect(draftAccessFor(editorElsewhere, { deskId: OTHER_DESK, authorIds: [] })).toBe('edit');
  });

  it('does not take another user’s authorship for the caller’s', () => {
    const reporter = { userId: 'user-me-too', role: 'reporter' as const, deskIds: new Set([DESK]) };
    expect(draftAccessFor(reporter, { deskId: DESK, authorIds: [ME] })).toBe('view');
  });

  // The review state does not change who may see or edit a draft: a locked body is refused
  // LOCKED on its own, after access (docs/protocol.md: LOCKED next to FORBIDDEN).
  it.each<ReviewState>([...REVIEW_STATES])('gives the same access to a draft in review state %s', (reviewState) => {
    const target = { ...draft(false), reviewState };
    expect(draftAccessFor(subject('editor', true), target)).toBe('edit');
    expect(draftAccessFor(subject('fact_checker', true), target)).toBe('comment');
    expect(draftAccessFor(subject('reporter', true), target)).toBe('view');
    expect(draftAccessFor(subject('editor', false), target)).toBeNull();
  });
});

describe('accessAtLeast', () => {
  it.each<[DraftAccess, DraftAccess, boolean]>([
    ['edit', 'edit', true],
    ['edit', 'comment', true],
    ['edit', 'view', true],
    ['comment', 'edit', false],
    ['comment', 'comment', true],
    ['comment', 'view', true],
    ['view', 'edit', false],
    ['view', 'comment', false],
    ['view', 'view', true],
  ])('%s access is enough for %s: %p', (access, needed, expected) => {
    expect(accessAtLeast(access, needed)).toBe(expected);
  });
});

describe('isBodyLocked', () => {
  // docs/protocol.md: LOCKED (approved, scheduled, published, withdrawn or spiked).
  const locked: Record<ReviewState, boolean> = {
    draft: false,
    in_review: false,
    changes_requested: false,
    approved: true,
    scheduled: true,
    published: true,
    withdrawn: true,
    spiked: true,
  };
  it.each(Object.entries(locked) as [ReviewState, boolean][])(
    'a draft in state %s has its body locked: %p',
    (state, expected) => {
      expect(isBodyLocked(state)).toBe(expected);
    },
  );
});

describe('canCreateDrafts', () => {
  // Only reporters and editors start drafts: POST /api/drafts answers the others FORBIDDEN.
  const may: Record<Role, boolean> = { reporter: true, editor: true, fact_checker: false, admin: false };
  it.each(Object.entries(may) as [Role, boolean][])('%s may start a draft: %p', (role, expected) => {
    expect(canCreateDrafts(role)).toBe(expected);
  });
});
