/**
 * Facts the review bar and the history panel read from a draft's review log: who approved or
 * scheduled it and when, whether it was ever released, and how to name the people it names.
 * Pure: no DOM, no requests.
 */
import type { ReviewEventView, ReviewState } from '#contracts';

/** The latest transition into one of `states`, or null when the log has none. */
export function lastTransitionTo(
  history: readonly ReviewEventView[],
  states: readonly ReviewState[],
): ReviewEventView | null {
  for (let index = history.length - 1; index >= 0; index--) {
    const event = history[index]!;
    if (event.kind === 'transition' && event.to !== null && states.includes(event.to)) return event;
  }
  return null;
}

/**
 * The approval that stands in `state`: the latest `approve` when the draft is approved, scheduled
 * or published (leaving those states drops it); null in any other state or when the log lacks it.
 */
export function standingApproval(history: readonly ReviewEventView[], state: ReviewState): ReviewEventView | null {
  if (!['approved', 'scheduled', 'published'].includes(state)) return null;
  return lastTransitionTo(history, ['approved']);
}

/** Whether a version of the story ever went out (a publish or a release reached `published`). */
export function wasReleased(history: readonly ReviewEventView[]): boolean {
  return lastTransitionTo(history, ['published']) !== null;
}

/** Who is behind an id in the log: a user id, `scheduler` (a review event's `by`), or null (the log's scheduler). */
export type PersonRef = string | null;

export type Person = { kind: 'me' } | { kind: 'scheduler' } | { kind: 'named'; name: string } | { kind: 'unknown' };

/**
 * How to name the actor of an event for this user, from the id and the display name the server
 * sends with it (`byName`, `actorName`, `createdByName`, `publishedByName`): null for the
 * scheduler, and for a user who no longer exists (who is then someone unknown).
 */
export function personOf(ref: PersonRef, name: string | null, meId: string): Person {
  if (ref === null || ref === 'scheduler') return { kind: 'scheduler' };
  if (ref === meId) return { kind: 'me' };
  return name ? { kind: 'named', name } : { kind: 'unknown' };
}
