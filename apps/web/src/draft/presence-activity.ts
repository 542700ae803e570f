/**
 * What the user is doing, as the others see it in presence (`editing`, `reviewing`, `idle`),
 * from when they last typed and last moved the cursor. Pure: time is an argument.
 */
import type { Activity } from '#contracts';

/** Typing within this long counts as editing. */
export const EDITING_FOR_MS = 5_000;
/** Moving the cursor or selecting (reading through, marking a claim) within this long counts as reviewing. */
export const REVIEWING_FOR_MS = 60_000;

export interface ActivityMarks {
  /** When the user last changed the text (ms since the epoch), or null if not yet. */
  lastEditAt: number | null;
  /** When the user last moved the cursor or the selection, or null if not yet. */
  lastMoveAt: number | null;
  /** The page is visible; a hidden tab is idle at once. */
  visible: boolean;
}

export function activityAt(now: number, marks: ActivityMarks): Activity {
  if (!marks.visible) return 'idle';
  if (marks.lastEditAt !== null && now - marks.lastEditAt < EDITING_FOR_MS) return 'editing';
  const lastSeen = Math.max(marks.lastEditAt ?? -Infinity, marks.lastMoveAt ?? -Infinity);
  if (now - lastSeen < REVIEWING_FOR_MS) return 'reviewing';
  return 'idle';
}

/** How long until `activityAt` may answer differently with no new marks, or null if never. */
export function nextActivityChangeIn(now: number, marks: ActivityMarks): number | null {
  if (!marks.visible) return null;
  const due: number[] = [];
  if (marks.lastEditAt !== null) due.push(marks.lastEditAt + EDITING_FOR_MS, marks.lastEditAt + REVIEWING_FOR_MS);
  if (marks.lastMoveAt !== null) due.push(marks.lastMoveAt + REVIEWING_FOR_MS);
  const ahead = due.filter((at) => at > now);
  return ahead.length > 0 ? Math.min(...ahead) - now : null;
}
