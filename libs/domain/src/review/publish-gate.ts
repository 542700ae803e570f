/**
 * The publish gate (issue 12): what must hold before an editor approves a draft, and again before
 * it is published or scheduled. Lists every blocker, in reading order (headline, body, then each
 * claim as given with its findings, then the revision), so a client can show the whole to-do list.
 *
 * - A field is empty when it has no letter or digit once tatweel is set aside: white space of any
 *   kind, tatweel (`ـ`, a stretch, not a letter), harakat, invisible marks and punctuation alone
 *   (`«  »`) make no headline.
 * - Every claim must be `verified` or `waived`, and not stale. A stale verdict no longer counts,
 *   whatever it said, so `stale` is the reason for any checked claim whose text changed.
 * - `weekday_mismatch` and `invalid_date` findings block until dismissed; `inconsistent_figure`
 *   does not (two figures may rightly differ: a fact-checker reads it as a hint, not an error).
 * - On publish only: the document must be the revision that was approved, same seq and text hash.
 */
import type { ClaimBlockReason, ClaimKind, ClaimStatus, FindingKind, GateBlocker, GateRevision } from '#contracts';
import { DomainError } from '../errors/domain-error.js';

/** The fields of a draft's claim the gate reads: pass the draft's open (not closed) claims. */
export interface GateClaim {
  id: string;
  kind: ClaimKind | null;
  text: string;
  status: ClaimStatus;
  stale: boolean;
  findings: readonly { id: string; kind: FindingKind; dismissed: boolean }[];
}

export interface PublishGateInput {
  headline: string;
  body: string;
  claims: readonly GateClaim[];
  /** The revision the approval was given on; null before any. */
  approvedRevision: GateRevision | null;
  current: GateRevision;
  checking: 'approve' | 'publish';
}

/** The findings that hold the gate until dismissed. */
export const BLOCKING_FINDING_KINDS: readonly FindingKind[] = ['weekday_mismatch', 'invalid_date'];

/** The statuses that pass the gate (when not stale). */
export const PASSING_CLAIM_STATUSES: readonly ClaimStatus[] = ['verified', 'waived'];

const TATWEEL = /\u0640/g;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Whether a headline or body says anything: a letter or a digit, tatweel not counted. */
export function fieldHasContent(text: string): boolean {
  return LETTER_OR_DIGIT.test(text.replace(TATWEEL, ''));
}

/** Why a claim holds the gate, or null when it passes. */
export function claimBlockReason(claim: Pick<GateClaim, 'status' | 'stale'>): ClaimBlockReason | null {
  if (claim.status === 'unchecked') return 'unchecked';
  if (claim.stale) return 'stale';
  if (PASSING_CLAIM_STATUSES.includes(claim.status)) return null;
  return claim.status as Exclude<ClaimStatus, 'verified' | 'waived'>;
}

function claimBlockers(claim: GateClaim): GateBlocker[] {
  const blockers: GateBlocker[] = [];
  const reason = claimBlockReason(claim);
  if (reason !== null) {
    blockers.push({ kind: 'claim_unchecked', reason, claim: { id: claim.id, kind: claim.kind, text: claim.text } });
  }
  for (const finding of claim.findings) {
    if (finding.dismissed || !BLOCKING_FINDING_KINDS.includes(finding.kind)) continue;
    blockers.push({ kind: 'finding_unresolved', claimId: claim.id, finding: { id: finding.id, kind: finding.kind } });
  }
  return blockers;
}

const sameRevision = (a: GateRevision, b: GateRevision): boolean => a.seq === b.seq && a.textHash === b.textHash;

/** Every blocker; an empty list passes. */
export function checkPublishGate(input: PublishGateInput): GateBlocker[] {
  const blockers: GateBlocker[] = [];
  if (!fieldHasContent(input.headline)) blockers.push({ kind: 'empty_field', field: 'headline' });
  if (!fieldHasContent(input.body)) blockers.push({ kind: 'empty_field', field: 'body' });
  for (const claim of input.claims) blockers.push(...claimBlockers(claim));
  const { approvedRevision, current } = input;
  if (input.checking === 'publish' && (approvedRevision === null || !sameRevision(approvedRevision, current))) {
    blockers.push({ kind: 'revision_changed', approved: approvedRevision, current });
  }
  return blockers;
}

/** Throws `PUBLISH_GATE_FAILED` (409) listing every blocker in `details.blockers` (the body's `error.blockers`). */
export function assertPublishGate(input: PublishGateInput): void {
  const blockers = checkPublishGate(input);
  if (blockers.length === 0) return;
  const verb = input.checking === 'approve' ? 'approved' : 'published';
  const count = blockers.length === 1 ? '1 blocker' : `${blockers.length} blockers`;
  throw new DomainError('PUBLISH_GATE_FAILED', `The draft cannot be ${verb} yet: ${count}`, { blockers });
}
