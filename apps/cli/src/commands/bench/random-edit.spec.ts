import { describe, expect, it } from '@jest/globals';
import { nextEdit, seededRandom } from './random-edit.js';

describe('seededRandom', () => {
  it('repeats its sequence for a seed and stays in [0, 1)', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const values = Array.from({ length: 1000 }, () => a());
    expect(values.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b()));
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
  });
});

describe('nextEdit', () => {
  it('mixes Arabic and Latin insertions and a few deletions, always in range', () => {
    const random = seededRandom(7);
    const edits = Array.from({ length: 2000 }, () => nextEdit(random, 200));
    const inserts = edits.flatMap((e) => (e.kind === 'insert' ? [e] : []));
    const deletes = edits.flatMap((e) => (e.kind === 'delete' ? [e] : []));
    expect(inserts.some((e) => /[\u0600-\u06ff]/.test(e.text))).toBe(true);
    expect(inserts.some((e) => /[a-z]/i.test(e.text))).toBe(true);
    expect(deletes.length).toBeGreaterThan(100);
    expect(deletes.length).toBeLessThan(400);
    expect(inserts.every((e) => e.index >= 0 && e.index <= 200)).toBe(true);
    expect(deletes.every((e) => e.index >= 0 && e.index + e.length <= 200)).toBe(true);
  });

  it('only inserts into a short text', () => {
    const random = seededRandom(1);
    expect(Array.from({ length: 200 }, () => nextEdit(random, 10).kind)).not.toContain('delete');
  });
});
