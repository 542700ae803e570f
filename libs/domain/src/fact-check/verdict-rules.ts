/**
 * Who may check claims, and a verdict request checked before it is recorded. Fact-checkers,
 * editors and admins tag manual claims, give verdicts and dismiss findings; reporters read them.
 * `waived` (publish without checking) is an editorial call: editors and admins only, and always
 * with a note saying why.
 */
import { VERDICT_STATUSES, type Evidence, type Role, type VerdictStatus } from '#contracts';
import { DomainError } from '../errors/domain-error.js';
import { isUuid } from '../ids/uuid.js';
import { checkEvidence } from './evidence.js';
import { invalidField } from './invalid-field.js';

export const MAX_VERDICT_NOTE_LENGTH = 4_000;

/** A verdict request as it arrives (a JSON body or a socket payload): nothing is trusted yet. */
export interface VerdictInput {
  status: unknown;
  note?: unknown;
  evidence?: unknown;
  citesVerdictId?: unknown;
}

export interface CheckedVerdict {
  status: VerdictStatus;
  /** Trimmed; null when absent or blank. */
  note: string | null;
  evidence: Evidence[];
  citesVerdictId: string | null;
}

/** Tag manual claims, give verdicts, dismiss findings. */
export function canCheckClaims(role: Role): boolean {
  return role === 'fact_checker' || role === 'editor' || role === 'admin';
}

/** Give the `waived` verdict. */
export function canWaiveClaims(role: Role): boolean {
  return role === 'editor' || role === 'admin';
}

export function isVerdictStatus(value: unknown): value is VerdictStatus {
  return typeof value === 'string' && (VERDICT_STATUSES as readonly string[]).includes(value);
}

function checkNote(note: unknown): string | null {
  if (note === undefined || note === null) return null;
  if (typeof note !== 'string') throw invalidField('note', 'must be text');
  const text = note.trim();
  if (text.length > MAX_VERDICT_NOTE_LENGTH) {
    throw invalidField('note', `at most ${MAX_VERDICT_NOTE_LENGTH} characters (this one has ${text.length})`);
  }
  return text.length === 0 ? null : text;
}

function checkCitation(citesVerdictId: unknown): string | null {
  if (citesVerdictId === undefined || citesVerdictId === null) return null;
  if (typeof citesVerdictId !== 'string' || !isUuid(citesVerdictId)) {
    throw invalidField('citesVerdictId', 'must be the UUID of an earlier verdict');
  }
  return citesVerdictId.toLowerCase();
}

/**
 * Checks, in this order: the role (FORBIDDEN for a reporter), the status (VALIDATION_FAILED when
 * unknown; FORBIDDEN for `waived` below editor), then note, evidence and citation
 * (VALIDATION_FAILED naming the field). Absent or null optional fields read as none.
 */
export function checkVerdict(role: Role, request: VerdictInput): CheckedVerdict {
  if (!canCheckClaims(role)) {
    throw new DomainError('FORBIDDEN', 'Only fact-checkers, editors and admins record verdicts');
  }
  const { status } = request;
  if (!isVerdictStatus(status)) {
    throw invalidField('status', `must be one of ${VERDICT_STATUSES.join(', ')}`);
  }
  if (status === 'waived' && !canWaiveClaims(role)) {
    throw new DomainError('FORBIDDEN', 'Only editors and admins waive a claim');
  }
  const note = checkNote(request.note);
  if (status === 'waived' && note === null) {
    throw invalidField('note', 'a waiver needs a note saying why the claim goes unchecked');
  }
  return {
    status,
    note,
    evidence: checkEvidence(request.evidence),
    citesVerdictId: checkCitation(request.citesVerdictId),
  };
}
