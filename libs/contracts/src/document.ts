/**
 * A draft's Yjs document (docs/protocol.md, The document): one shared text per field, named as here.
 * Read and write them as `doc.getText(DOCUMENT_FIELDS.body)`; a cursor's relative positions
 * name them as `tname`.
 */
export const DOCUMENT_FIELDS = { headline: 'headline', body: 'body' } as const;

export type DocumentField = (typeof DOCUMENT_FIELDS)[keyof typeof DOCUMENT_FIELDS];

/** Every field, in the order a new draft's first update writes them. */
export const DOCUMENT_FIELD_NAMES: readonly DocumentField[] = [DOCUMENT_FIELDS.headline, DOCUMENT_FIELDS.body];
