/**
 * Brings the claims a draft tracks up to date with a fresh extraction of its body. Auto claims
 * follow the extractor (matched by kind: exact span, else largest overlap; see claim-matching.ts),
 * keep their ids when matched and are closed when not; manual claims stay as tagged until their
 * text is deleted; what the extractor finds anew is created. A verdict goes stale when the claim's
 * text no longer says what was checked (claim-text.ts), and un-stales when it does again.
 */
import type { ClaimFinding, ClaimKind, ClaimOrigin, ExtractClaimsResponse, ExtractedClaim } from '#contracts';
import { attachFindings, type FindingHolder } from './attach-findings.js';
import { matchClaims } from './claim-matching.js';
import { sameClaimText } from './claim-text.js';

/** A claim as it stands in the live document: anchors resolved now. */
export interface TrackedClaim {
  id: string;
  /** Null only for a manual claim tagged without a kind. */
  kind: ClaimKind | null;
  origin: ClaimOrigin;
  /** `start === end`: its text was deleted. */
  start: number;
  end: number;
  /** The text under its anchors now. */
  text: string;
  /** The text at its latest verdict; null: no verdict yet. */
  checkedText: string | null;
}

/** A tracked claim that stays open, with its span, text and value as they are now. */
export interface KeptClaim {
  id: string;
  start: number;
  end: number;
  text: string;
  /** The extractor's value; null for a manual claim. */
  value: ExtractedClaim['value'] | null;
  subject: string | null;
  stale: boolean;
  findings: ClaimFinding[];
}

/** A claim the extractor found that the draft does not track yet. */
export interface NewClaim {
  claim: ExtractedClaim;
  subject: string | null;
  findings: ClaimFinding[];
}

export interface Reconciliation {
  /** In document order. */
  kept: KeptClaim[];
  /** In the extraction's order. */
  created: NewClaim[];
  /** Ids of the tracked claims closed, in document order. */
  closed: string[];
}

/** The noun the extractor says a claim is about: an ordinal's `subject`, the only one the contract has. */
function subjectOf(claim: ExtractedClaim): string | null {
  return claim.kind === 'ordinal' ? (claim.subject ?? null) : null;
}

/** Whether a claim's latest verdict no longer covers its text. */
export function isVerdictStale(text: string, checkedText: string | null): boolean {
  return checkedText !== null && !sameClaimText(text, checkedText);
}

const spanKey = (span: { start: number; end: number }): string => `${span.start}:${span.end}`;
const inDocumentOrder = <T extends { start: number; end: number }>(claims: readonly T[]): T[] =>
  [...claims].sort((a, b) => a.start - b.start || a.end - b.end);

/**
 * `tracked`: every open claim of the draft, in any order, its span resolved against the text the
 * extraction read. An auto claim already on an extracted claim's span keeps it even when a manual
 * claim has the same span (checked work is not closed); the manual one only stops a duplicate.
 */
export function reconcileClaims(tracked: readonly TrackedClaim[], extraction: ExtractClaimsResponse): Reconciliation {
  const extracted = extraction.claims;
  const ordered = inDocumentOrder(tracked);
  const open = ordered.filter((claim) => claim.start < claim.end);
  const auto = open.filter(
    (claim): claim is TrackedClaim & { kind: ClaimKind } => claim.origin === 'auto' && claim.kind !== null,
  );
  const matched = matchClaims(auto, extracted);
  const matchOf = new Map<TrackedClaim, number | undefined>(auto.map((claim, index) => [claim, matched[index]]));

  /** Which claim now carries each extracted claim (for the findings that name it). */
  const carriers = new Map<number, FindingHolder>();
  const manualBySpan = new Map<string, KeptClaim>();
  const kept: KeptClaim[] = [];
  for (const claim of open) {
    if (claim.origin === 'manual') {
      const { id, start, end, text } = claim;
      const stale = isVerdictStale(text, claim.checkedText);
      const manual: KeptClaim = { id, start, end, text, value: null, subject: null, stale, findings: [] };
      kept.push(manual);
      if (!manualBySpan.has(spanKey(manual))) manualBySpan.set(spanKey(manual), manual);
      continue;
    }
    const index = matchOf.get(claim);
    if (index === undefined) continue;
    const { start, end, text, value } = extracted[index];
    const stale = isVerdictStale(text, claim.checkedText);
    const match: KeptClaim = {
      id: claim.id,
      start,
      end,
      text,
      value,
      subject: subjectOf(extracted[index]),
      stale,
      findings: [],
    };
    kept.push(match);
    carriers.set(index, match);
  }

  const created: NewClaim[] = [];
  const createdHolders: FindingHolder[] = [];
  extracted.forEach((claim, index) => {
    if (carriers.has(index)) return;
    const manual = manualBySpan.get(spanKey(claim));
    if (manual !== undefined) {
      carriers.set(index, manual);
      return;
    }
    const fresh: NewClaim = { claim, subject: subjectOf(claim), findings: [] };
    created.push(fresh);
    const holder = { start: claim.start, end: claim.end, findings: fresh.findings };
    createdHolders.push(holder);
    carriers.set(index, holder);
  });

  const sortedKept = inDocumentOrder(kept);
  attachFindings(extraction.findings, carriers, inDocumentOrder([...sortedKept, ...createdHolders]));
  const closed = ordered.filter(
    (claim) => claim.start >= claim.end || (claim.origin === 'auto' && matchOf.get(claim) === undefined),
  );
  return { kept: sortedKept, created, closed: closed.map((claim) => claim.id) };
}
