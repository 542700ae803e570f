import { describe, expect, it } from '@jest/globals';
import { DraftSession } from '#client';
import * as Y from 'yjs';
import {
  insertionMismatches,
  observerJoinPlan,
  ownCharacters,
  receiveWithoutIntegrating,
  type AuthorInsertions,
} from './author-shape.js';

describe('observerJoinPlan', () => {
  it('spreads the observers evenly among the authors, none first or last', () => {
    expect(observerJoinPlan(200, 10)).toEqual([10, 30, 50, 70, 90, 110, 130, 150, 170, 190]);
    expect(observerJoinPlan(400, 1)).toEqual([200]);
  });

  it('stays in order and within the authors when there are more observers than authors', () => {
    const plan = observerJoinPlan(3, 7);
    expect(plan).toHaveLength(7);
    expect(plan).toEqual([...plan].sort((a, b) => a - b));
    expect(Math.min(...plan)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...plan)).toBeLessThanOrEqual(3);
    expect(new Set(plan).size).toBeGreaterThan(1);
  });
});

/** A doc with `clientId` that starts from `state` (the join answer). */
function joinedDoc(clientId: number, state: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  // After: Yjs would take another id for a client whose own changes arrive from elsewhere.
  doc.clientID = clientId;
  return doc;
}

/** Collects a doc's own updates, as a session sends them. */
function updatesOf(doc: Y.Doc): Uint8Array[] {
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  return updates;
}

/** An author's insertions, all acked unless its last `unacked` characters are not. */
function insertions(doc: Y.Doc, { unacked = 0, rejoins = 0 } = {}): AuthorInsertions {
  const clock = Y.getState(doc.store, doc.clientID);
  return {
    draftIndex: 0,
    clientId: doc.clientID,
    clock,
    ackedClock: clock - unacked,
    rejoins,
    runs: ownCharacters(doc.getText('body'), doc.clientID),
  };
}

describe("an author's insertions against the draft", () => {
  const server = new Y.Doc();
  server.clientID = 1;
  server.getText('body').insert(0, 'قال مصدر في الوزارة. The ministry said.');
  const joined = Y.encodeStateAsUpdate(server);
  // Two authors typing into their own copies, each seeing none of the other's changes.
  const a = joinedDoc(100, joined);
  const b = joinedDoc(200, joined);
  const fromA = updatesOf(a);
  const fromB = updatesOf(b);
  a.getText('body').insert(4, 'عاجل ');
  b.getText('body').insert(4, 'news ');
  a.getText('body').insert(0, 'the ');
  a.getText('body').insert(10, 'خبر'); // splits A's own first insertion
  a.getText('body').delete(1, 2); // some of its own characters
  b.getText('body').delete(20, 3); // the join state's
  a.getText('body').insert(a.getText('body').length, ' 5%');
  for (const update of [...fromB, ...fromA]) Y.applyUpdate(server, update);

  it("finds each author's characters in the merged draft as in its own copy", () => {
    const body = server.getText('body');
    expect(ownCharacters(body, 100)).toEqual(ownCharacters(a.getText('body'), 100));
    expect(ownCharacters(body, 200)).toEqual([[0, 'news ']]);
    expect(
      ownCharacters(a.getText('body'), 100)
        .map(([, text]) => text)
        .join(''),
    ).not.toContain('news');
    expect(insertionMismatches([insertions(a), insertions(b)], body)).toEqual([]);
  });

  it('says when an acked update of an author is not stored, and not when it was never acked', () => {
    const partial = new Y.Doc();
    Y.applyUpdate(partial, joined);
    for (const update of [...fromB, ...fromA.slice(0, -1)]) Y.applyUpdate(partial, update);
    expect(insertionMismatches([insertions(a), insertions(b)], partial.getText('body'))).toEqual([
      expect.stringMatching(/^author 100: 3 of the \d+ characters the server acked are not stored$/),
    ]);
    // ' 5%' never acked: the throughput line counts it, the draft need not hold it.
    expect(insertionMismatches([insertions(a, { unacked: 3 }), insertions(b)], partial.getText('body'))).toEqual([]);
  });

  it('says when the draft holds characters of an author that its copy has not (a deletion lost)', () => {
    const stale = new Y.Doc();
    Y.applyUpdate(stale, joined);
    // Everything A inserted, without its deletion: its clock is there, its text is not the same.
    for (const [index, update] of fromA.entries()) if (index !== 3) Y.applyUpdate(stale, update);
    expect(insertionMismatches([insertions(a)], stale.getText('body'))).toEqual([
      'author 100: the draft has 2 of its characters that its copy has not, and lacks 0 that it has',
    ]);
  });

  it("allows an author's characters deleted by another only when an author re-joined", () => {
    // B re-joined: it now holds A's characters, and deletes one of them.
    const draft = new Y.Doc();
    for (const update of [joined, ...fromA, ...fromB]) Y.applyUpdate(draft, update);
    const rejoined = joinedDoc(200, Y.encodeStateAsUpdate(draft));
    const fromRejoined = updatesOf(rejoined);
    const body = rejoined.getText('body');
    body.delete(body.toString().indexOf('خبر'), 1);
    for (const update of fromRejoined) Y.applyUpdate(draft, update);
    expect(insertionMismatches([insertions(a), insertions(rejoined)], draft.getText('body'))).toEqual([
      'author 100: the draft has 0 of its characters that its copy has not, and lacks 1 that it has',
    ]);
    const afterRejoin = insertionMismatches(
      [insertions(a), insertions(rejoined, { rejoins: 1 })],
      draft.getText('body'),
    );
    expect(afterRejoin).toEqual([]);
  });

  it('lists a few authors and counts the rest', () => {
    const empty = new Y.Doc().getText('body');
    const many = Array.from({ length: 8 }, (_, clientId) => ({
      draftIndex: 0,
      clientId,
      clock: 5,
      ackedClock: 5,
      rejoins: 0,
      runs: [],
    }));
    const problems = insertionMismatches(many, empty);
    expect(problems).toHaveLength(6);
    expect(problems[5]).toBe("3 more authors' insertions differ");
  });
});

describe('receiveWithoutIntegrating', () => {
  const channel = {
    connected: false,
    join: () => new Promise<never>(() => undefined),
    update: () => new Promise<never>(() => undefined),
    presence: () => new Promise<never>(() => undefined),
    leave: () => new Promise<never>(() => undefined),
    release: () => undefined,
  };
  const other = new Y.Doc();
  other.getText('body').insert(0, 'from another author');
  const update = Buffer.from(Y.encodeStateAsUpdate(other));

  it("counts what the server sends an author and leaves the author's document as it was", () => {
    const author = new DraftSession('d1', channel, { resyncIntervalMs: 0 });
    const received = { messages: 0, bytes: 0 };
    receiveWithoutIntegrating(author, received);
    author.receiveUpdate(update);
    author.receiveUpdate(update);
    expect(received).toEqual({ messages: 2, bytes: 2 * update.byteLength });
    expect(author.body.toString()).toBe('');
  });

  it('is the only difference from a session that integrates it', () => {
    const editor = new DraftSession('d1', channel, { resyncIntervalMs: 0 });
    editor.receiveUpdate(update);
    expect(editor.body.toString()).toBe('from another author');
  });
});
