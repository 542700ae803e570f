import { describe, expect, it } from '@jest/globals';
import { disagreements } from './convergence-check.js';

describe('disagreements', () => {
  it("counts, per draft, the clients whose text differs from the first one's", () => {
    const groups = disagreements([
      [0, 'a'],
      [1, 'x'],
      [0, 'a'],
      [0, 'b'],
      [1, 'x'],
    ]);
    expect(groups.get(0)).toEqual({ text: 'a', clients: 3, differ: 1 });
    expect(groups.get(1)).toEqual({ text: 'x', clients: 2, differ: 0 });
    expect(groups.has(2)).toBe(false);
  });
});
