import type { RelativePositionJson } from '#contracts';
import type { BodyPositions } from './body-positions.js';

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
 * Relative positions in the body for the span [start, end): the start sticks to the span's first
 * character, the end to its last, so typing just outside the claim does not widen it and typing
 * inside moves with it.
 */
export function anchorSpan(body: BodyPositions, start: number, end: number): Anchors {
  return { anchor: body.positionAt(start, 0), head: body.positionAt(end, -1) };
}

/**
 * Where the anchors sit in the body now and what they cover. A span whose text was deleted, or
 * whose anchors are not in the body, comes back empty (start === end).
 */
export function resolveSpan(body: BodyPositions, anchors: Anchors): ResolvedSpan {
  const start = body.indexOf(anchors.anchor);
  const end = body.indexOf(anchors.head);
  const { text } = body;
  if (start === null || end === null || end <= start) {
    const at = Math.min(start ?? end ?? 0, text.length);
    return { start: at, end: at, text: '' };
  }
  return { start, end: Math.min(end, text.length), text: text.slice(start, Math.min(end, text.length)) };
}
