/**
 * Hands each of the extractor's findings to one claim of the draft: the claim that carries the
 * extracted claim its `claimIndex` names, else the tightest claim whose span contains the finding's
 * (the earlier one on a tie). A finding that fits no claim is dropped: a draft shows findings on
 * claims only.
 */
import type { ClaimFinding } from '#contracts';

export interface FindingHolder {
  start: number;
  end: number;
  findings: ClaimFinding[];
}

function containing(holders: readonly FindingHolder[], finding: ClaimFinding): FindingHolder | undefined {
  let best: FindingHolder | undefined;
  for (const holder of holders) {
    if (holder.start > finding.start || holder.end < finding.end) continue;
    const tighter = best === undefined || holder.end - holder.start < best.end - best.start;
    const earlierTie =
      best !== undefined && holder.end - holder.start === best.end - best.start && holder.start < best.start;
    if (tighter || earlierTie) best = holder;
  }
  return best;
}

/**
 * `carriers.get(i)`: the claim that now carries extracted claim `i`. `holders`: every claim of the
 * draft a finding may attach to. Pushes onto the holders' `findings`, in the extraction's order.
 */
export function attachFindings(
  findings: readonly ClaimFinding[],
  carriers: ReadonlyMap<number, FindingHolder>,
  holders: readonly FindingHolder[],
): void {
  for (const finding of findings) {
    const byIndex = finding.claimIndex === undefined ? undefined : carriers.get(finding.claimIndex);
    (byIndex ?? containing(holders, finding))?.findings.push(finding);
  }
}
