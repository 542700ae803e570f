import { describe, expect, it } from '@jest/globals';
import type { RevisionKind, RevisionSummaryView } from '#contracts';
import { defaultComparison, diffStats, hasChanges, keptComparison } from './history-compare.js';

const revision = (number: number, kind: RevisionKind = 'submitted'): RevisionSummaryView => ({
  number,
  kind,
  seq: number * 10,
  textHash: `h${number}`,
  createdAt: new Date(Date.UTC(2026, 0, number)).toISOString(),
  createdBy: 'u',
  createdByName: 'ريم الحلبي',
});

describe('which revisions to compare', () => {
  it('takes the latest two, older first, in whatever order they are listed', () => {
    expect(defaultComparison([revision(3), revision(1), revision(2)])).toEqual({ from: 2, to: 3 });
    expect(defaultComparison([revision(1)])).toBeNull();
    expect(defaultComparison([])).toBeNull();
  });

  it('keeps the pair the user chose while both are listed, else follows the latest', () => {
    const listed = [revision(1), revision(2), revision(3), revision(4)];
    expect(keptComparison({ from: 1, to: 3 }, listed)).toEqual({ from: 1, to: 3 });
    expect(keptComparison({ from: 1, to: 9 }, listed)).toEqual({ from: 3, to: 4 });
    expect(keptComparison(null, listed)).toEqual({ from: 3, to: 4 });
  });
});

describe('a word diff', () => {
  const parts = [
    { op: 'equal' as const, text: 'عقد وزراء المياه في ' },
    { op: 'delete' as const, text: '12 دولة' },
    { op: 'insert' as const, text: '13 دولة عربية' },
    { op: 'equal' as const, text: ' اجتماعاً' },
  ];

  it('counts the words added and removed', () => {
    expect(diffStats(parts)).toEqual({ inserted: 3, deleted: 2 });
    expect(diffStats([])).toEqual({ inserted: 0, deleted: 0 });
  });

  it('knows a field that did not change', () => {
    expect(hasChanges(parts)).toBe(true);
    expect(hasChanges([{ op: 'equal', text: 'x' }])).toBe(false);
  });
});
