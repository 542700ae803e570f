/**
 * What a refused review action means for the person who tried it, read from the server's answer
 * (docs/review.md, "The answers"): the gate's blockers, a draft that changed while it was being
 * checked (try again), an action no longer open from the draft's state, a role that may never take
 * it, a reason or embargo refused, or anything else.
 */
import { CopydeskApiError } from '#client';
import {
  GATE_BLOCKER_KINDS,
  REVIEW_STATES,
  type DraftClaim,
  type FieldError,
  type GateBlocker,
  type ReviewState,
} from '#contracts';

export type ReviewFailure =
  /** 409 PUBLISH_GATE_FAILED: every blocker, empty fields first, then claims, findings and the revision. */
  | { kind: 'gate'; blockers: GateBlocker[] }
  /**
   * 409 CONFLICT, reason `changed`: an update was stored while the text was being checked; the
   * same action may be tried again.
   */
  | { kind: 'changed' }
  /**
   * 409 CONFLICT, reason `state`: the action is not open from the draft's state (someone else
   * moved it first). A conflict without a reason is read the same way, its state unknown.
   */
  | { kind: 'state'; state: ReviewState | null; message: string }
  /** 403 FORBIDDEN: this user's role may never take the action. */
  | { kind: 'forbidden'; message: string }
  /** 400 VALIDATION_FAILED: a reason or an embargo refused, with the fields named. */
  | { kind: 'invalid'; message: string; fields: FieldError[] }
  /** 404 NOT_FOUND: the draft is gone, or the user may no longer see it. */
  | { kind: 'not_found'; message: string }
  /** The request never reached the server (offline, the server down). */
  | { kind: 'network'; message: string }
  | { kind: 'other'; code: string; message: string };

export function reviewFailureOf(error: unknown): ReviewFailure {
  if (!(error instanceof CopydeskApiError)) {
    const message = error instanceof Error ? error.message : String(error);
    return { kind: 'network', message };
  }
  if (error.isPublishGateFailed()) return { kind: 'gate', blockers: sortBlockers(error.details.blockers) };
  if (error.isReviewConflict()) {
    const { details } = error;
    if (details.reason === 'changed') return { kind: 'changed' };
    return { kind: 'state', state: stateOf(details.state), message: error.message };
  }
  const details: Record<string, unknown> = error.details ?? {};
  switch (error.code) {
    case 'CONFLICT':
      // Without a reason (docs/review.md): the action could not be taken as things stand; look again.
      return { kind: 'state', state: null, message: error.message };
    case 'FORBIDDEN':
      return { kind: 'forbidden', message: error.message };
    case 'VALIDATION_FAILED':
      return { kind: 'invalid', message: error.message, fields: Array.isArray(details.fields) ? details.fields : [] };
    case 'NOT_FOUND':
      return { kind: 'not_found', message: error.message };
    default:
      return { kind: 'other', code: error.code, message: error.message };
  }
}

function stateOf(value: unknown): ReviewState | null {
  return (REVIEW_STATES as readonly unknown[]).includes(value) ? (value as ReviewState) : null;
}

/** In GATE_BLOCKER_KINDS order (what to fix first), the server's order kept within a kind. */
export function sortBlockers(blockers: readonly GateBlocker[]): GateBlocker[] {
  const rank = (blocker: GateBlocker) => GATE_BLOCKER_KINDS.indexOf(blocker.kind);
  return blockers
    .map((blocker, index) => ({ blocker, index }))
    .sort((a, b) => rank(a.blocker) - rank(b.blocker) || a.index - b.index)
    .map(({ blocker }) => blocker);
}

/** The claim a blocker is about, if any: the review bar links it to the claims panel. */
export function blockerClaimId(blocker: GateBlocker): string | null {
  if (blocker.kind === 'claim_unchecked') return blocker.claim.id;
  if (blocker.kind === 'finding_unresolved') return blocker.claimId;
  return null;
}

/**
 * Whether a blocker is cleared as far as the live claims show (`claims`: the session's active
 * claims): a claim verified or waived and not stale, or closed (gone from the active list); a
 * finding set aside. Other blockers only the server can clear: false. A hint for the page; the
 * next try asks the gate again.
 */
export function blockerResolved(blocker: GateBlocker, claims: ReadonlyMap<string, DraftClaim>): boolean {
  if (blocker.kind === 'claim_unchecked') {
    const claim = claims.get(blocker.claim.id);
    return !claim || ((claim.status === 'verified' || claim.status === 'waived') && !claim.stale);
  }
  if (blocker.kind === 'finding_unresolved') {
    const claim = claims.get(blocker.claimId);
    if (!claim) return true;
    const finding = claim.findings.find((item) => item.id === blocker.finding.id);
    return !finding || finding.dismissed !== null;
  }
  return false;
}
