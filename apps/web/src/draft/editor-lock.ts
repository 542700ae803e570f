/**
 * Whether the editors take changes, and why not. Pure (no DOM, no CodeMirror), tested in node.
 */
import type { BodyLockedState, DraftAccess, ReviewState } from '#contracts';
import { isBodyLocked } from './review-rules.js';

export type LockedReviewState = BodyLockedState;

export interface EditorInputs {
  /** The session joined at least once, or the document already held the draft when the page opened it. */
  ready: boolean;
  /** The user's access, from the latest join or `access` event (or the draft as loaded). */
  access: DraftAccess | null;
  /** The review state, from the latest join or `review` event (or the draft as loaded). */
  review: ReviewState | null;
}

export type EditorMode =
  | { editable: true }
  | { editable: false; why: 'loading' }
  | { editable: false; why: 'access' }
  | { editable: false; why: 'locked'; state: LockedReviewState };

/**
 * A locked review state comes first (it holds whatever the access), then access below `edit`;
 * until the first join the text waits, so nothing is typed into a document still empty.
 */
export function editorMode({ ready, access, review }: EditorInputs): EditorMode {
  if (review !== null && isBodyLocked(review)) return { editable: false, why: 'locked', state: review };
  if (access !== null && access !== 'edit') return { editable: false, why: 'access' };
  if (!ready || access === null) return { editable: false, why: 'loading' };
  return { editable: true };
}
