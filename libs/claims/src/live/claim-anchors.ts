import * as Y from 'yjs';
import { DOCUMENT_FIELDS, type RelativePositionJson } from '#contracts';
import { readDocumentText } from '#collab';

export interface Anchors {
  anchor: RelativePositionJson;
  head: RelativePositionJson;
}

export interface ResolvedSpan {
  start: number;
  end: number;
  text: string;
}

/**
 * Relative positions in `body` for the span [start, end): the start sticks to the span's first
 * character, the end to its last, so typing just outside the claim does not widen it and typing
 * inside moves with it. Reads the document only (`doc.get` with no type keeps the root untyped:
 * see readDocumentText).
 */
export function anchorSpan(doc: Y.Doc, start: number, end: number): Anchors {
  const body = doc.get(DOCUMENT_FIELDS.body);
  const json = (position: Y.RelativePosition) => Y.relativePositionToJSON(position) as RelativePositionJson;
  return {
    anchor: json(Y.createRelativePositionFromTypeIndex(body, start, 0)),
    head: json(Y.createRelativePositionFromTypeIndex(body, end, -1)),
  };
}

/**
 * Where the anchors sit in the document now and what they cover; `body` is the document's body
 * text, read once by the caller. A span whose text was deleted comes back empty (start === end).
 */
export function resolveSpan(doc: Y.Doc, body: string, anchors: Anchors): ResolvedSpan {
  const index = (json: RelativePositionJson) => {
    try {
      return Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(json), doc)?.index ?? null;
    } catch {
      return null;
    }
  };
  const start = index(anchors.anchor);
  const end = index(anchors.head);
  if (start === null || end === null || end <= start) {
    const at = Math.min(start ?? end ?? 0, body.length);
    return { start: at, end: at, text: '' };
  }
  return { start, end: Math.min(end, body.length), text: body.slice(start, Math.min(end, body.length)) };
}

/** The body text of a live document (never through `getText`: see readDocumentText). */
export function bodyOf(doc: Y.Doc): string {
  return readDocumentText(doc).body;
}
