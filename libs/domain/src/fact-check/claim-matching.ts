/**
 * Pairs the auto claims a draft tracks with the claims the extractor finds now, kind by kind: an
 * exact span first, then the largest overlap (more than 0 characters). Each extracted claim goes
 * to one tracked claim at most. Ties go to the tracked claim earlier in the list (document order),
 * then to the earlier extracted claim.
 */
import type { ClaimKind } from '#contracts';

export interface Spanned {
  kind: ClaimKind;
  start: number;
  end: number;
}

interface Candidate {
  tracked: number;
  extracted: number;
  overlap: number;
}

const exactKey = (claim: Spanned): string => `${claim.kind}:${claim.start}:${claim.end}`;

/** The extracted claims of each kind sorted by start, with the furthest end reached so far. */
function byKind(extracted: readonly Spanned[]): Map<ClaimKind, { order: number[]; maxEnd: number[] }> {
  const groups = new Map<ClaimKind, { order: number[]; maxEnd: number[] }>();
  extracted.forEach((claim, index) => {
    const group = groups.get(claim.kind) ?? { order: [], maxEnd: [] };
    group.order.push(index);
    groups.set(claim.kind, group);
  });
  for (const group of groups.values()) {
    group.order.sort((a, b) => extracted[a].start - extracted[b].start || a - b);
    let furthest = -Infinity;
    group.maxEnd = group.order.map((index) => (furthest = Math.max(furthest, extracted[index].end)));
  }
  return groups;
}

function overlaps(tracked: readonly Spanned[], extracted: readonly Spanned[], skip: (i: number) => boolean) {
  const groups = byKind(extracted);
  const candidates: Candidate[] = [];
  tracked.forEach((claim, trackedIndex) => {
    const group = groups.get(claim.kind);
    if (group === undefined || skip(trackedIndex)) return;
    // The first extracted claim that starts at or after this one's end: none from there on overlaps.
    let low = 0;
    let high = group.order.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (extracted[group.order[middle]].start < claim.end) low = middle + 1;
      else high = middle;
    }
    for (let at = low - 1; at >= 0 && group.maxEnd[at] > claim.start; at--) {
      const other = extracted[group.order[at]];
      const overlap = Math.min(claim.end, other.end) - Math.max(claim.start, other.start);
      if (overlap > 0) candidates.push({ tracked: trackedIndex, extracted: group.order[at], overlap });
    }
  });
  return candidates.sort((a, b) => b.overlap - a.overlap || a.tracked - b.tracked || a.extracted - b.extracted);
}

/** `result[i]`: the index of the extracted claim matched to `tracked[i]`, or undefined. */
export function matchClaims(tracked: readonly Spanned[], extracted: readonly Spanned[]): (number | undefined)[] {
  const result: (number | undefined)[] = tracked.map(() => undefined);
  const taken = new Set<number>();
  const exact = new Map<string, number[]>();
  extracted.forEach((claim, index) => {
    const key = exactKey(claim);
    exact.set(key, [...(exact.get(key) ?? []), index]);
  });
  tracked.forEach((claim, index) => {
    const match = exact.get(exactKey(claim))?.find((candidate) => !taken.has(candidate));
    if (match === undefined) return;
    result[index] = match;
    taken.add(match);
  });
  for (const candidate of overlaps(tracked, extracted, (index) => result[index] !== undefined)) {
    if (result[candidate.tracked] !== undefined || taken.has(candidate.extracted)) continue;
    result[candidate.tracked] = candidate.extracted;
    taken.add(candidate.extracted);
  }
  return result;
}
