import type { Cursor, RelativePositionJson } from '#contracts';
import * as Y from 'yjs';
import type { PresenceInput } from './draft-session-events.js';

type CursorInput = NonNullable<PresenceInput['cursor']>;

/** A cursor given as body indices or relative positions, in the wire form of the protocol. */
export function toWireCursor(body: Y.Text, cursor: CursorInput): Cursor {
  const toJson = (position: number | Y.RelativePosition): RelativePositionJson =>
    Y.relativePositionToJSON(
      typeof position === 'number' ? Y.createRelativePositionFromTypeIndex(body, position) : position,
    ) as RelativePositionJson;
  return { anchor: toJson(cursor.anchor), head: toJson(cursor.head) };
}

/** Where a relative position from the wire sits in the document now; null if its text is gone. */
export function cursorIndexIn(doc: Y.Doc, position: RelativePositionJson): number | null {
  const relative = Y.createRelativePositionFromJSON(position);
  return Y.createAbsolutePositionFromRelativePosition(relative, doc)?.index ?? null;
}
