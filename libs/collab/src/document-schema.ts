import * as Y from 'yjs';
import { DOCUMENT_FIELD_NAMES, DOCUMENT_FIELDS, type DocumentField } from '#contracts';

/** The plain text of each of a draft's document fields (#contracts DOCUMENT_FIELDS: the shared texts). */
export type DocumentText = Record<DocumentField, string>;

/**
 * The plain text of a server-side document, read without `doc.getText`. Turning a root into a
 * Y.Text would make Yjs clean up formatting after every remote transaction, in local changes of the
 * server's own that nobody stores or relays: the live document would drift from its stored log.
 * Clients do that cleanup themselves and send it like any edit.
 */
export function readDocumentText(doc: Y.Doc): DocumentText {
  return { headline: plainTextOf(doc, DOCUMENT_FIELDS.headline), body: plainTextOf(doc, DOCUMENT_FIELDS.body) };
}

/** What `Y.Text#toString` gives, for a root whatever type it was created as. */
function plainTextOf(doc: Y.Doc, name: string): string {
  let text = '';
  for (let item = doc.share.get(name)?._start ?? null; item !== null; item = item.right) {
    if (!item.deleted && item.countable && item.content instanceof Y.ContentString) text += item.content.str;
  }
  return text;
}

/**
 * The first update of a new draft's document, holding its initial text. It is written by a
 * dedicated client id so every server that replays it builds the same document.
 */
export function encodeInitialDocument(text: DocumentText): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = 0;
  doc.transact(() => {
    for (const field of DOCUMENT_FIELD_NAMES) if (text[field]) doc.getText(field).insert(0, text[field]);
  });
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}
