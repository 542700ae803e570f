import { describe, expect, it } from '@jest/globals';
import { receiversByEditor, type EditorRoster } from './editor-group.js';

describe('receiversByEditor', () => {
  // Editors 11, 12, 13 on draft 0; 21, 22 on draft 1 (as round robin over two drafts puts them).
  const roster: EditorRoster = [
    [0, 11],
    [1, 21],
    [0, 12],
    [1, 22],
    [0, 13],
  ];

  it('counts the other editors of the draft and its viewers', () => {
    expect(receiversByEditor(roster, [4, 1])).toEqual(
      new Map([
        [11, 6],
        [21, 2],
        [12, 6],
        [22, 2],
        [13, 6],
      ]),
    );
  });

  it("counts, for one shard, only its own editors that must apply each editor's insertions", () => {
    // The shard holds roster entries 0 and 3 (editors 11 and 22).
    const shard = new Set([0, 3]);
    expect(receiversByEditor(roster, [], (index) => shard.has(index))).toEqual(
      new Map([
        [11, 0], // its only editor of draft 0 is the author
        [21, 1], // 22 must apply it
        [12, 1], // 11 must
        [22, 0],
        [13, 1],
      ]),
    );
  });

  it('adds up over the shards to the whole run', () => {
    const shards = [new Set([0, 2]), new Set([1]), new Set([3, 4])];
    const total = new Map<number, number>();
    for (const shard of shards) {
      for (const [clientId, count] of receiversByEditor(roster, [], (index) => shard.has(index))) {
        total.set(clientId, (total.get(clientId) ?? 0) + count);
      }
    }
    expect(total).toEqual(receiversByEditor(roster));
  });

  it("counts only the observers of an author's draft when no editor is a receiver (--authors)", () => {
    expect(receiversByEditor(roster, [2, 1], () => false)).toEqual(
      new Map([
        [11, 2],
        [21, 1],
        [12, 2],
        [22, 1],
        [13, 2],
      ]),
    );
  });
});
