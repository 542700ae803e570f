import type { ReviewState } from '#contracts';

/**
 * Review states in which the body may not be edited: an approval is pinned to a revision, a
 * release is immutable, a spiked story is dead until unspiked.
 */
export const BODY_LOCKED_STATES: readonly ReviewState[] = ['approved', 'scheduled', 'published', 'withdrawn', 'spiked'];

export function isBodyLocked(state: ReviewState): boolean {
  return BODY_LOCKED_STATES.includes(state);
}
