/**
 * The claims panel's decisions, apart from the DOM so the unit specs run in Node: which claims a
 * filter shows, their order in the body, what a verdict form may send (the server's rules, checked
 * first: docs/claims.md), and which answer about a claim is the newest.
 */
import {
  VERDICT_STATUSES,
  type ClaimSuggestion,
  type DraftClaim,
  type DraftClaimFinding,
  type Evidence,
  type RelativePositionJson,
  type Role,
  type VerdictRequest,
  type VerdictStatus,
} from '#contracts';
import type { ClaimsMessageKey } from './claim-format.js';

export const CLAIM_FILTERS = ['all', 'needs', 'stale'] as const;
/** `needs`: needs a checker (see needsChecking); `stale`: its verdict no longer covers its text. */
export type ClaimFilter = (typeof CLAIM_FILTERS)[number];

/** Fact-checkers, editors and admins tag claims, give verdicts and set findings aside. */
export function canCheck(role: Role): boolean {
  return role === 'fact_checker' || role === 'editor' || role === 'admin';
}

/** `waived` (publish without checking) is an editorial call. */
export function canWaive(role: Role): boolean {
  return role === 'editor' || role === 'admin';
}

/** The statuses a role may record, in the order work usually goes. */
export function verdictStatusesFor(role: Role): VerdictStatus[] {
  if (!canCheck(role)) return [];
  return VERDICT_STATUSES.filter((status) => status !== 'waived' || canWaive(role));
}

export function openFindings(claim: Pick<DraftClaim, 'findings'>): DraftClaimFinding[] {
  return claim.findings.filter((finding) => !finding.dismissed);
}

/**
 * Work for a checker: never checked, being checked, gone stale (the checker's queue), or with a
 * finding nobody has looked at yet.
 */
export function needsChecking(claim: Pick<DraftClaim, 'status' | 'stale' | 'findings'>): boolean {
  return (
    claim.status === 'unchecked' || claim.status === 'in_progress' || claim.stale || openFindings(claim).length > 0
  );
}

export function matchesFilter(claim: Pick<DraftClaim, 'status' | 'stale' | 'findings'>, filter: ClaimFilter): boolean {
  if (filter === 'needs') return needsChecking(claim);
  if (filter === 'stale') return claim.stale;
  return true;
}

export function countByFilter(claims: Iterable<Pick<DraftClaim, 'status' | 'stale' | 'findings'>>) {
  const counts: Record<ClaimFilter, number> = { all: 0, needs: 0, stale: 0 };
  for (const claim of claims) for (const filter of CLAIM_FILTERS) if (matchesFilter(claim, filter)) counts[filter]++;
  return counts;
}

/** A claim where it sits in the body now. */
export interface PlacedClaim {
  claim: DraftClaim;
  start: number;
  end: number;
  /** The text it covers now (the server's last reading when its anchors do not resolve here yet). */
  text: string;
  /** Its text was deleted here: the server closes it once the edit settles. */
  gone: boolean;
}

/** Where a claim's anchors sit in the local document now (`DraftSession.cursorIndex`); null: not there yet. */
export function anchorsIn(
  session: { cursorIndex(position: RelativePositionJson): number | null },
  claim: Pick<DraftClaim, 'anchor' | 'head'>,
): { start: number | null; end: number | null } {
  const indexOf = (position: RelativePositionJson) => {
    try {
      return session.cursorIndex(position);
    } catch {
      return null; // not a position this document can read
    }
  };
  return { start: indexOf(claim.anchor), end: indexOf(claim.head) };
}

/**
 * Places each claim by its anchors resolved against the local document (`resolve`: start and end
 * indices, or nulls), falling back to the server's last reading, and sorts them in body order.
 */
export function placeClaims(
  claims: Iterable<DraftClaim>,
  resolve: (claim: DraftClaim) => { start: number | null; end: number | null },
  body: string,
): PlacedClaim[] {
  const placed: PlacedClaim[] = [];
  for (const claim of claims) {
    const { start, end } = resolve(claim);
    if (start === null || end === null) {
      placed.push({ claim, start: claim.start, end: claim.end, text: claim.text, gone: false });
    } else if (start < end && end <= body.length) {
      placed.push({ claim, start, end, text: body.slice(start, end), gone: false });
    } else {
      placed.push({ claim, start, end: start, text: claim.text, gone: true });
    }
  }
  return placed.sort((a, b) => a.start - b.start || a.end - b.end || (a.claim.id < b.claim.id ? -1 : 1));
}

/**
 * A selection without the white space at its ends (a claim never starts or ends with it), or null
 * when nothing but white space is selected.
 */
export function trimSpan(body: string, start: number, end: number): { start: number; end: number } | null {
  let from = Math.max(0, Math.min(start, end));
  let to = Math.min(body.length, Math.max(start, end));
  while (from < to && /\s/u.test(body[from]!)) from++;
  while (to > from && /\s/u.test(body[to - 1]!)) to--;
  return from < to ? { start: from, end: to } : null;
}

/**
 * The newer of two copies of the same claim (REST answers may arrive before the event, or after);
 * the first when they are as new.
 */
export function newerClaim(a: DraftClaim, b: DraftClaim): DraftClaim {
  return Date.parse(b.updatedAt) > Date.parse(a.updatedAt) ? b : a;
}

/**
 * Which copy of a claim to show: what the session heard (the join answer, a `claims` event) or the
 * page's own REST read of it. The newer one; when they are as new, the REST copy: the same claim,
 * with the suggestions of every desk the user belongs to, where the session's copy has those of
 * the draft's desk only (docs/claims.md).
 */
export function shownClaim(heard: DraftClaim, answer: DraftClaim): DraftClaim {
  return newerClaim(answer, heard);
}

export const MAX_NOTE_LENGTH = 4_000;
export const MAX_REASON_LENGTH = 2_000;
export const MAX_EVIDENCE_ITEMS = 20;
export const MAX_EVIDENCE_URL_LENGTH = 2_048;
export const MAX_EVIDENCE_TITLE_LENGTH = 300;

/** `http://` or `https://`, then the first character of a host (the server's rule, evidence.ts). */
const WRITTEN_OUT = /^https?:\/\/[^/?#\\]/i;

/** Why a link cannot be evidence, or null when it can: absolute http(s), no credentials, no spaces. */
export function evidenceUrlProblem(url: string): ClaimsMessageKey | null {
  const text = url.trim();
  if (text.length === 0) return 'claims.form.urlRequired';
  if (text.length > MAX_EVIDENCE_URL_LENGTH) return 'claims.form.urlTooLong';
  if (/[\s\p{Cc}]/u.test(text)) return 'claims.form.urlSpaces';
  let parsed: URL;
  try {
    if (!WRITTEN_OUT.test(text)) return 'claims.form.urlScheme';
    parsed = new URL(text);
  } catch {
    return 'claims.form.urlScheme';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'claims.form.urlScheme';
  if (parsed.username !== '' || parsed.password !== '') return 'claims.form.urlCredentials';
  return null;
}

/** What the verdict form holds, as typed. */
export interface VerdictDraft {
  status: string;
  note: string;
  evidence: { url: string; title: string }[];
}

/** A field of the verdict form: `status`, `note`, `evidence.<row>.url`, `evidence.<row>.title`, or `evidence`. */
export interface FormProblem {
  field: string;
  key: ClaimsMessageKey;
}

export type VerdictCheck = { ok: true; request: VerdictRequest } | { ok: false; problems: FormProblem[] };

/**
 * Checks the form as the server would (docs/claims.md, Verdicts) and builds the request: a status
 * the role may give, a note for a waiver, at most 20 http(s) links. Rows left blank are skipped.
 */
export function checkVerdictDraft(draft: VerdictDraft, role: Role): VerdictCheck {
  const problems: FormProblem[] = [];
  const allowed = verdictStatusesFor(role) as string[];
  const status = draft.status as VerdictStatus;
  if (!allowed.includes(draft.status)) problems.push({ field: 'status', key: 'claims.form.statusRequired' });
  const note = draft.note.trim();
  if (note.length > MAX_NOTE_LENGTH) problems.push({ field: 'note', key: 'claims.form.noteTooLong' });
  if (status === 'waived' && note.length === 0) problems.push({ field: 'note', key: 'claims.form.waiverNote' });
  const evidence: Evidence[] = [];
  draft.evidence.forEach((row, index) => {
    const url = row.url.trim();
    const title = row.title.trim();
    if (url.length === 0 && title.length === 0) return;
    const problem = evidenceUrlProblem(url);
    if (problem) problems.push({ field: `evidence.${index}.url`, key: problem });
    if (title.length > MAX_EVIDENCE_TITLE_LENGTH) {
      problems.push({ field: `evidence.${index}.title`, key: 'claims.form.titleTooLong' });
    }
    evidence.push(title ? { url, title } : { url });
  });
  if (evidence.length > MAX_EVIDENCE_ITEMS) problems.push({ field: 'evidence', key: 'claims.form.tooManyLinks' });
  if (problems.length > 0) return { ok: false, problems };
  const request: VerdictRequest = { status };
  if (note) request.note = note;
  if (evidence.length > 0) request.evidence = evidence;
  return { ok: true, request };
}

/** Why a finding cannot be set aside with this reason, or null. */
export function dismissReasonProblem(reason: string): ClaimsMessageKey | null {
  const text = reason.trim();
  if (text.length === 0) return 'claims.dismiss.reasonRequired';
  if (text.length > MAX_REASON_LENGTH) return 'claims.dismiss.reasonTooLong';
  return null;
}

/** The request that accepts an earlier verdict from newsroom memory: its status and evidence, citing it. */
export function acceptSuggestionRequest(suggestion: ClaimSuggestion): VerdictRequest {
  const { verdict } = suggestion;
  const request: VerdictRequest = { status: verdict.status, citesVerdictId: verdict.id };
  if (verdict.evidence.length > 0) request.evidence = verdict.evidence.slice(0, MAX_EVIDENCE_ITEMS);
  return request;
}

/** Whether the claim's standing verdict already accepted this suggestion. */
export function isAccepted(claim: Pick<DraftClaim, 'verdict' | 'stale'>, suggestion: ClaimSuggestion): boolean {
  return !claim.stale && claim.verdict?.citesVerdictId === suggestion.verdict.id;
}
