import { describe, expect, it } from '@jest/globals';
import * as Y from 'yjs';
import { DOCUMENT_FIELDS } from '#contracts';
import { hasInsertionsMissingFrom } from './state-vector.js';

function docWith(text: string): Y.Doc {
  const doc = new Y.Doc();
  doc.getText(DOCUMENT_FIELDS.body).insert(0, text);
  return doc;
}

describe('hasInsertionsMissingFrom', () => {
  it('is false between documents in the same state, even with deletions', () => {
    const local = docWith('مرحبا hello');
    local.getText(DOCUMENT_FIELDS.body).delete(0, 3);
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(local));
    expect(hasInsertionsMissingFrom(Y.encodeStateVector(local), Y.encodeStateVector(remote))).toBe(false);
    // Which is why the update itself cannot tell: it still carries the delete set.
    expect(Y.encodeStateAsUpdate(local, Y.encodeStateVector(remote)).byteLength).toBeGreaterThan(2);
  });

  it('is true when the local document has text the remote lacks', () => {
    const remote = docWith('shared');
    const local = new Y.Doc();
    Y.applyUpdate(local, Y.encodeStateAsUpdate(remote));
    local.getText(DOCUMENT_FIELDS.body).insert(6, ' offline');
    expect(hasInsertionsMissingFrom(Y.encodeStateVector(local), Y.encodeStateVector(remote))).toBe(true);
  });

  it('is false when only the remote is ahead', () => {
    const remote = docWith('ahead');
    expect(hasInsertionsMissingFrom(Y.encodeStateVector(new Y.Doc()), Y.encodeStateVector(remote))).toBe(false);
  });
});
