/** Public API of the review rules (issue 12): pure, no I/O, no clock. The action list is #contracts' REVIEW_ACTIONS. */

export { BODY_LOCKED_STATES, isBodyLocked } from './locked-states.js';
export {
  mayTakeAction,
  RELEASE_TRANSITION,
  REVIEW_TRANSITIONS,
  type ReviewActor,
  type ReviewTransition,
} from './review-transitions.js';
export {
  allowedActions,
  decideRelease,
  decideTransition,
  isReviewAction,
  MAX_REVIEW_REASON_LENGTH,
  type ReviewActorInput,
  type TransitionDecision,
  type TransitionInput,
} from './review-machine.js';
export {
  assertPublishGate,
  BLOCKING_FINDING_KINDS,
  checkPublishGate,
  claimBlockReason,
  fieldHasContent,
  PASSING_CLAIM_STATUSES,
  type GateClaim,
  type PublishGateInput,
} from './publish-gate.js';
export { decideReleasedVersion, type ReleasedVersion } from './release-versions.js';
