import { describe, expect, it } from '@jest/globals';
import { nextEdit, seededRandom, Typist, type Edit } from './random-edit.js';

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

describe('Typist', () => {
  /** Applies edits to a plain string, as a Y.Text would, so the test sees the text they make. */
  function type(typist: Typist, count: number): { text: string; edits: Edit[] } {
    let text = '';
    const edits: Edit[] = [];
    for (let i = 0; i < count; i++) {
      const edit = typist.nextEdit(text.length);
      edits.push(edit);
      if (edit.kind === 'insert') text = text.slice(0, edit.index) + edit.text + text.slice(edit.index);
      else text = text.slice(0, edit.index) + text.slice(edit.index + edit.length);
    }
    return { text, edits };
  }

  it('mostly types on where it stopped, with some backspaces and a few jumps, always in range', () => {
    const { edits } = type(new Typist(seededRandom(3)), 2000);
    let cursor = 0;
    let continued = 0;
    for (const edit of edits) {
      if (edit.kind === 'insert') {
        if (edit.index === cursor) continued++;
        cursor = edit.index + edit.text.length;
      } else {
        expect(edit.index + edit.length).toBe(cursor);
        cursor = edit.index;
      }
    }
    const deletes = edits.filter((e) => e.kind === 'delete').length;
    expect(continued / edits.length).toBeGreaterThan(0.8);
    expect(deletes).toBeGreaterThan(60);
    expect(deletes).toBeLessThan(200);
  });

  it('repeats for a seed and keeps its cursor inside a text others shortened', () => {
    expect(type(new Typist(seededRandom(9)), 300).text).toBe(type(new Typist(seededRandom(9)), 300).text);
    const typist = new Typist(seededRandom(5));
    for (let i = 0; i < 50; i++) typist.nextEdit(1000);
    const edit = typist.nextEdit(3);
    expect(edit.index).toBeLessThanOrEqual(3);
  });
});
