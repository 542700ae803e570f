/**
 * Which two revisions the history panel compares, and what a word diff adds up to. Pure.
 */
import type { DiffPart, RevisionSummaryView } from '#contracts';

export interface Comparison {
  from: number;
  to: number;
}

/** The latest two revisions, older first; null while fewer than two are kept. */
export function defaultComparison(revisions: readonly RevisionSummaryView[]): Comparison | null {
  const numbers = revisions.map((revision) => revision.number).sort((a, b) => a - b);
  if (numbers.length < 2) return null;
  return { from: numbers[numbers.length - 2]!, to: numbers[numbers.length - 1]! };
}

/**
 * The comparison to show after the list changed: the one the user chose while both its revisions
 * are still listed (kept revisions are never deleted, so that is always), else the latest two.
 */
export function keptComparison(
  chosen: Comparison | null,
  revisions: readonly RevisionSummaryView[],
): Comparison | null {
  const numbers = new Set(revisions.map((revision) => revision.number));
  if (chosen && numbers.has(chosen.from) && numbers.has(chosen.to)) return chosen;
  return defaultComparison(revisions);
}

/** Words inserted and deleted (runs of non-space characters in the changed parts). */
export function diffStats(parts: readonly DiffPart[]): { inserted: number; deleted: number } {
  let inserted = 0;
  let deleted = 0;
  for (const part of parts) {
    const words = part.text.match(/\S+/gu)?.length ?? 0;
    if (part.op === 'insert') inserted += words;
    else if (part.op === 'delete') deleted += words;
  }
  return { inserted, deleted };
}

/** Whether a field changed at all between the two revisions. */
export function hasChanges(parts: readonly DiffPart[]): boolean {
  return parts.some((part) => part.op !== 'equal');
}
