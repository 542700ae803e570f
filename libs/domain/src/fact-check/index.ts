/** Public API of the fact-check rules (issue 11): pure, no I/O, no clock. */

export { normaliseClaimText, sameClaimText } from './claim-text.js';
export {
  isVerdictStale,
  reconcileClaims,
  type KeptClaim,
  type NewClaim,
  type Reconciliation,
  type TrackedClaim,
} from './reconcile-claims.js';
export {
  canCheckClaims,
  canWaiveClaims,
  checkVerdict,
  isVerdictStatus,
  MAX_VERDICT_NOTE_LENGTH,
  type CheckedVerdict,
  type VerdictInput,
} from './verdict-rules.js';
export { checkEvidence, MAX_EVIDENCE_ITEMS, MAX_EVIDENCE_TITLE_LENGTH, MAX_EVIDENCE_URL_LENGTH } from './evidence.js';
export { memoryKeyOf, sameMemoryClaim, type MemoryClaim } from './newsroom-memory.js';
export { invalidField } from './invalid-field.js';
