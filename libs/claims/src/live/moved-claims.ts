import { isDeepStrictEqual } from 'node:util';
import type { ClaimRecord } from '#persistence';

/**
 * Whether a reconcile changed nothing of a claim but where it sits: text typed or deleted before
 * it shifted its offsets, while its anchors, text, value and findings stayed. Such a claim is
 * stored with its new offsets but not announced: every session places a claim by resolving its
 * anchors against its own document (the offsets are the server's last reading, a fallback), so
 * announcing it tells nobody anything, and under steady typing it would re-send nearly every claim
 * of the draft to every session at each reconcile (docs/claims.md, "The claims event").
 */
export function movedOnly(before: ClaimRecord | undefined, after: ClaimRecord): boolean {
  if (!before) return false;
  const placed = (claim: ClaimRecord) => [
    claim.anchor,
    claim.head,
    claim.text,
    claim.value,
    claim.subject,
    claim.memoryKey,
    claim.stale,
    claim.kind,
    claim.note,
    claim.verdicts.map((verdict) => verdict.id),
    claim.findings.map((finding) => [finding.id, finding.dismissedAt?.getTime() ?? null]),
  ];
  return isDeepStrictEqual(placed(before), placed(after));
}
