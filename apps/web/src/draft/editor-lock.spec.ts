import type { ReviewState } from '#contracts';
import { describe, expect, it } from '@jest/globals';
import { editorMode } from './editor-lock.js';
import { isBodyLocked } from './review-rules.js';

describe('isBodyLocked', () => {
  it.each<[ReviewState, boolean]>([
    ['draft', false],
    ['in_review', false],
    ['changes_requested', false],
    ['approved', true],
    ['scheduled', true],
    ['published', true],
    ['withdrawn', true],
    ['spiked', true],
  ])('%s: %p', (state, locked) => {
    expect(isBodyLocked(state)).toBe(locked);
  });
});

describe('editorMode', () => {
  it('takes changes with edit access in an unlocked state once ready', () => {
    expect(editorMode({ ready: true, access: 'edit', review: 'draft' })).toEqual({ editable: true });
    expect(editorMode({ ready: true, access: 'edit', review: 'changes_requested' })).toEqual({ editable: true });
  });

  it('waits for the first join', () => {
    expect(editorMode({ ready: false, access: 'edit', review: 'draft' })).toEqual({ editable: false, why: 'loading' });
    expect(editorMode({ ready: true, access: null, review: null })).toEqual({ editable: false, why: 'loading' });
  });

  it('reads only with view or comment access', () => {
    expect(editorMode({ ready: true, access: 'comment', review: 'in_review' })).toEqual({
      editable: false,
      why: 'access',
    });
    expect(editorMode({ ready: false, access: 'view', review: 'draft' })).toEqual({ editable: false, why: 'access' });
  });

  it('is locked by the review state whatever the access', () => {
    expect(editorMode({ ready: true, access: 'edit', review: 'approved' })).toEqual({
      editable: false,
      why: 'locked',
      state: 'approved',
    });
    expect(editorMode({ ready: true, access: 'view', review: 'spiked' })).toEqual({
      editable: false,
      why: 'locked',
      state: 'spiked',
    });
  });
});
