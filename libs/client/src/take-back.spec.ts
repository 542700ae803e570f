import { describe, expect, it } from '@jest/globals';
import * as Y from 'yjs';
import { DOCUMENT_FIELDS } from '#contracts';
import { takeBackInsertions, type ClockSpan } from './take-back.js';

/** Runs `change` in one transaction and returns the span it inserted. */
function spanOf(doc: Y.Doc, change: () => void): ClockSpan {
  let span: ClockSpan | undefined;
  const listener = (_update: Uint8Array, _origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
    span = { from: transaction.beforeState, to: transaction.afterState };
  };
  doc.on('update', listener);
  doc.transact(change);
  doc.off('update', listener);
  return span!;
}

describe('takeBackInsertions', () => {
  it('deletes only what the span inserted, even inside items merged with neighbours', () => {
    const doc = new Y.Doc();
    const text = doc.getText(DOCUMENT_FIELDS.body);
    text.insert(0, 'ab');
    const paste = spanOf(doc, () => text.insert(2, 'PASTED'));
    text.insert(8, 'cd'); // typed right after: Yjs merges it with the paste into one item
    expect(text.toString()).toBe('abPASTEDcd');
    expect(takeBackInsertions(doc, paste, 'take-back')).toBe(true);
    expect(text.toString()).toBe('abcd');
    expect(takeBackInsertions(doc, paste, 'take-back')).toBe(false);
  });

  it('cannot restore what the span deleted', () => {
    const doc = new Y.Doc();
    const text = doc.getText(DOCUMENT_FIELDS.body);
    text.insert(0, 'keep replace keep');
    const paste = spanOf(doc, () => {
      text.delete(5, 7);
      text.insert(5, 'new text');
    });
    takeBackInsertions(doc, paste, null);
    expect(text.toString()).toBe('keep  keep');
  });

  it('leaves the taken-back clocks tiny once garbage collected', () => {
    const doc = new Y.Doc();
    const text = doc.getText(DOCUMENT_FIELDS.body);
    text.insert(0, 'x');
    const paste = spanOf(doc, () => text.insert(1, 'y'.repeat(50_000)));
    const before = Y.encodeStateVector(paste.from);
    expect(Y.encodeStateAsUpdate(doc, before).byteLength).toBeGreaterThan(50_000);
    const origins: unknown[] = [];
    doc.on('update', (_update, origin) => origins.push(origin));
    takeBackInsertions(doc, paste, 'take-back');
    expect(origins).toEqual(['take-back']);
    expect(Y.encodeStateAsUpdate(doc, before).byteLength).toBeLessThan(100);
    // A peer that had the document before the paste converges from that small update.
    const peer = new Y.Doc();
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(new Map())));
    expect(peer.getText(DOCUMENT_FIELDS.body).toString()).toBe('x');
  });
});
