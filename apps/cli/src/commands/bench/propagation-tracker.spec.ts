import { describe, expect, it } from '@jest/globals';
import * as Y from 'yjs';
import { DOCUMENT_FIELDS } from '#contracts';
import { PropagationTracker } from './propagation-tracker.js';

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
});
