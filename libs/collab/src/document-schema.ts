import * as Y from 'yjs';

/** The shared types of a draft's document (PROTOCOL.md "Document model"). */
export const HEADLINE = 'headline';
export const BODY = 'body';

export interface DocumentText {
  headline: string;
  body: string;
}

export function readDocumentText(doc: Y.Doc): DocumentText {
  return { headline: doc.getText(HEADLINE).toString(), body: doc.getText(BODY).toString() };
}

/**
 * The first update of a new draft's document, holding its initial text. It is written by a
 * dedicated client id so every server that replays it builds the same document.
 */
export function encodeInitialDocument(text: DocumentText): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = 0;
  doc.transact(() => {
    if (text.headline) doc.getText(HEADLINE).insert(0, text.headline);
    if (text.body) doc.getText(BODY).insert(0, text.body);
  });
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}
