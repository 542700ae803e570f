import { describe, expect, it } from '@jest/globals';
import * as Y from 'yjs';
import { DOCUMENT_FIELDS } from '#contracts';
import { PropagationTracker } from './propagation-tracker.js';
import { seededRandom } from './random-edit.js';

function relay(from: Y.Doc, to: Y.Doc, since: Uint8Array): Uint8Array {
  const update = Y.encodeStateAsUpdate(from, since);
  Y.applyUpdate(to, update);
  return update;
}

describe('PropagationTracker', () => {
  it('times an insertion from the edit until the last receiver applies it', () => {
    const editor = new Y.Doc();
    const [r1, r2] = [new Y.Doc(), new Y.Doc()];
    const tracker = new PropagationTracker();
    tracker.addEditor(editor.clientID, 2);

    const before = Y.encodeStateVector(editor);
    editor.getText(DOCUMENT_FIELDS.body).insert(0, 'خبر ');
    tracker.recordEdit(editor.clientID, Y.getState(editor.store, editor.clientID), 100);
    expect(tracker.outstanding()).toBe(1);

    tracker.applied(r1, relay(editor, r1, before), 110);
    expect(tracker.latenciesMs).toEqual([]);
    tracker.applied(r2, relay(editor, r2, before), 135);
    expect(tracker.latenciesMs).toEqual([35]);
    expect(tracker.outstanding()).toBe(0);
  });

  it('counts several edits arriving in one update, and ignores untracked clients', () => {
    const editor = new Y.Doc();
    const other = new Y.Doc();
    const receiver = new Y.Doc();
    const tracker = new PropagationTracker();
    tracker.addEditor(editor.clientID, 1);
    const before = Y.encodeStateVector(editor);
    for (const [i, word] of ['a ', 'b ', 'c '].entries()) {
      editor.getText(DOCUMENT_FIELDS.body).insert(0, word);
      tracker.recordEdit(editor.clientID, Y.getState(editor.store, editor.clientID), i * 10);
    }
    other.getText(DOCUMENT_FIELDS.body).insert(0, 'untracked');
    tracker.applied(receiver, relay(other, receiver, new Uint8Array([0])), 50);
    tracker.applied(receiver, relay(editor, receiver, before), 50);
    expect(tracker.latenciesMs).toEqual([50, 40, 30]);
    expect(tracker.edits()).toBe(3);
  });

  it('times an edit by its latest receiver, whatever order the reports come in', () => {
    const tracker = new PropagationTracker();
    tracker.addEditor(7, 3);
    tracker.recordEdit(7, 5, 100);
    tracker.reached('shard 1: viewer 0', 7, 5, 160);
    tracker.reached('shard 0: viewer 0', 7, 5, 140);
    expect(tracker.latenciesMs).toEqual([]);
    tracker.reached('editor', 7, 5, 120);
    expect(tracker.latenciesMs).toEqual([60]);
  });

  it('counts a weighted report as that many receivers', () => {
    const tracker = new PropagationTracker();
    tracker.addEditor(7, 5);
    tracker.recordEdit(7, 5, 100);
    tracker.recordEdit(7, 9, 110);
    tracker.reached('editor shard 0', 7, 9, 150, 3);
    expect(tracker.outstanding()).toBe(2);
    tracker.reached('editor shard 1', 7, 5, 130, 2);
    expect(tracker.latenciesMs).toEqual([50]);
    tracker.reached('editor shard 1', 7, 9, 170, 2);
    expect(tracker.latenciesMs).toEqual([50, 60]);
    expect(tracker.outstanding()).toBe(0);
  });

  it('keeps a report that comes before the edits it covers until they are recorded', () => {
    const tracker = new PropagationTracker();
    tracker.addEditor(7, 2);
    tracker.recordEdit(7, 5, 100);
    // A receiver already holds clock 12 (edits ending at 5, 9 and 12), before 9 and 12 are known here.
    tracker.reached('a', 7, 9, 130);
    tracker.reached('a', 7, 12, 140);
    tracker.reached('b', 7, 12, 150);
    expect(tracker.latenciesMs).toEqual([50]);
    tracker.recordEdit(7, 9, 110);
    expect(tracker.latenciesMs).toEqual([50, 40]);
    tracker.recordEdit(7, 12, 120);
    expect(tracker.latenciesMs).toEqual([50, 40, 30]);
    // Nothing waits any more: a later edit is not taken as held.
    tracker.recordEdit(7, 20, 200);
    expect(tracker.outstanding()).toBe(1);
  });

  it('hands each delivery to onDelivered instead, in order, with the latest time', () => {
    const deliveries: unknown[] = [];
    const tracker = new PropagationTracker((delivery) => deliveries.push(delivery));
    tracker.addEditor(7, 2);
    tracker.addEditor(8, 0);
    tracker.recordEdit(8, 3, 90);
    tracker.recordEdit(7, 5, 100);
    tracker.recordEdit(7, 9, 110);
    tracker.reached('a', 7, 9, 130);
    tracker.reached('b', 7, 5, 120);
    tracker.reached('b', 7, 9, 125);
    expect(deliveries).toEqual([
      { clientId: 7, endClock: 5, sentAt: 100, lastAt: 130 },
      { clientId: 7, endClock: 9, sentAt: 110, lastAt: 130 },
    ]);
    expect(tracker.latenciesMs).toEqual([]);
    expect(tracker.edits()).toBe(2);
  });

  it('gives the same latencies split over shards as in one tracker', () => {
    const random = seededRandom(17);
    // 3 drafts, 12 editors, each in one of 3 shards; 5 insertions each; every other editor of the
    // draft applies each insertion at its own time, the updates of one author in order.
    const editors = Array.from({ length: 12 }, (_, i) => ({
      clientId: 100 + i,
      draft: i % 3,
      shard: i % 3 === 0 ? 0 : (i % 2) + 1,
    }));
    type Arrival = { receiver: number; author: number; clock: number; at: number };
    const edits: { author: number; clock: number; at: number }[] = [];
    const arrivals: Arrival[] = [];
    for (const author of editors) {
      for (let k = 1; k <= 5; k += 1) {
        const at = k * 100 + random() * 50;
        edits.push({ author: author.clientId, clock: k * 4, at });
        for (const receiver of editors) {
          if (receiver === author || receiver.draft !== author.draft) continue;
          // Deliveries of one author reach a receiver in order.
          arrivals.push({
            receiver: receiver.clientId,
            author: author.clientId,
            clock: k * 4,
            at: at + 5 + k + random() * 40,
          });
        }
      }
    }
    // Shuffled, but each receiver's arrivals of one author kept in clock order.
    arrivals.sort((a, b) => a.at - b.at);
    const receivers = (author: (typeof editors)[number], shard?: number) =>
      editors.filter((e) => e !== author && e.draft === author.draft && (shard === undefined || e.shard === shard))
        .length;

    const single = new PropagationTracker();
    for (const e of editors) single.addEditor(e.clientId, receivers(e));
    for (const edit of edits) single.recordEdit(edit.author, edit.clock, edit.at);
    for (const a of arrivals) single.reached(String(a.receiver), a.author, a.clock, a.at);

    const main = new PropagationTracker();
    for (const e of editors) main.addEditor(e.clientId, receivers(e));
    const shards = [0, 1, 2].map((shard) => {
      const tracker = new PropagationTracker(({ clientId, endClock, lastAt }) => {
        const author = editors.find((e) => e.clientId === clientId)!;
        main.reached(`shard ${shard}`, clientId, endClock, lastAt, receivers(author, shard));
      });
      for (const e of editors) if (receivers(e, shard) > 0) tracker.addEditor(e.clientId, receivers(e, shard));
      return tracker;
    });
    // The shards learn of the edits late (after the arrivals); the main thread later still.
    for (const a of arrivals) {
      const receiver = editors.find((e) => e.clientId === a.receiver)!;
      shards[receiver.shard]!.reached(String(a.receiver), a.author, a.clock, a.at);
    }
    for (const edit of edits) for (const shard of shards) shard.recordEdit(edit.author, edit.clock, edit.at);
    expect(main.latenciesMs).toEqual([]);
    for (const edit of edits) main.recordEdit(edit.author, edit.clock, edit.at);

    expect(single.outstanding()).toBe(0);
    expect(main.outstanding()).toBe(0);
    expect(single.latenciesMs).toHaveLength(60);
    const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
    expect(sorted(main.latenciesMs)).toEqual(sorted(single.latenciesMs));
  });
});
