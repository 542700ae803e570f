/**
 * Facts the review bar and the history panel read from a draft's review log and from what the
 * page already knows: who approved or scheduled it and when, whether it was ever released, and
 * the names of the people the log names by id. Pure: no DOM, no requests.
 */
import type { DraftClaim, PresenceEntry, ReviewEventView, ReviewState, UserView } from '#contracts';

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

/** The names the page knows, by user id: the user, the people present, and whoever gave a claim a verdict. */
export function knownNames(
  me: Pick<UserView, 'id' | 'displayName'>,
  presence: Iterable<PresenceEntry>,
  claims: Iterable<Pick<DraftClaim, 'verdicts'>>,
): Map<string, string> {
  const names = new Map<string, string>();
  for (const claim of claims) for (const verdict of claim.verdicts) names.set(verdict.byUserId, verdict.byName);
  for (const entry of presence) names.set(entry.userId, entry.displayName);
  names.set(me.id, me.displayName);
  return names;
}

export type Person = { kind: 'me' } | { kind: 'scheduler' } | { kind: 'named'; name: string } | { kind: 'unknown' };

/** How to name the actor of an event for this user. */
export function personOf(ref: PersonRef, meId: string, names: ReadonlyMap<string, string>): Person {
  if (ref === null || ref === 'scheduler') return { kind: 'scheduler' };
  if (ref === meId) return { kind: 'me' };
  const name = names.get(ref);
  return name ? { kind: 'named', name } : { kind: 'unknown' };
}
