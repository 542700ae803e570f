import { BODY_LOCKED_STATES, type BodyLockedState, type ReviewState } from '#contracts';

export { BODY_LOCKED_STATES };

export function isBodyLocked(state: ReviewState): state is BodyLockedState {
  return (BODY_LOCKED_STATES as readonly ReviewState[]).includes(state);
}
