/**
 * Who is here, as the presence panel lists it: one row per person (two tabs of one user are one
 * row), yourself first. Pure, tested in node.
 */
import type { Activity, PresenceEntry, Role } from '#contracts';

export interface PresenceRow {
  userId: string;
  displayName: string;
  role: Role;
  /** A `#rrggbb` colour (see `safeColor`), or null when the server has not told ours yet. */
  color: string | null;
  /** The most active of the person's sessions. */
  activity: Activity;
  you: boolean;
  /** The earliest of the person's sessions' `joinedAt` (ISO 8601), or null for yourself before the join. */
  joinedAt: string | null;
}

export interface Me {
  userId: string;
  displayName: string;
  role: Role;
  /** This page's session, once joined: its entry is the one `activity` replaces. */
  sessionId: string | null;
  /** What this page is doing now (the server's copy of our own entry lags: it never echoes it). */
  activity: Activity;
}

const RANK: Record<Activity, number> = { editing: 2, reviewing: 1, idle: 0 };

/** The server's colours are `#rrggbb`; anything else (never expected) becomes a neutral grey. */
export function safeColor(color: string): string {
  return /^#[0-9a-f]{6}$/i.test(color) ? color : '#5b6573';
}

export function presenceRows(entries: Iterable<PresenceEntry>, me: Me): PresenceRow[] {
  const rows = new Map<string, PresenceRow>();
  rows.set(me.userId, {
    userId: me.userId,
    displayName: me.displayName,
    role: me.role,
    color: null,
    activity: me.activity,
    you: true,
    joinedAt: null,
  });
  for (const entry of entries) {
    const activity = entry.sessionId === me.sessionId ? me.activity : entry.activity;
    const row = rows.get(entry.userId);
    if (!row) {
      rows.set(entry.userId, {
        userId: entry.userId,
        displayName: entry.displayName,
        role: entry.role,
        color: safeColor(entry.color),
        activity,
        you: false,
        joinedAt: entry.joinedAt,
      });
      continue;
    }
    row.color ??= safeColor(entry.color);
    if (RANK[activity] > RANK[row.activity]) row.activity = activity;
    if (row.joinedAt === null || entry.joinedAt < row.joinedAt) row.joinedAt = entry.joinedAt;
    if (!row.you) {
      row.displayName = entry.displayName;
      row.role = entry.role;
    }
  }
  return [...rows.values()].sort(
    (a, b) =>
      Number(b.you) - Number(a.you) ||
      (a.joinedAt ?? '').localeCompare(b.joinedAt ?? '') ||
      a.displayName.localeCompare(b.displayName) ||
      a.userId.localeCompare(b.userId),
  );
}

/** Who came and who went between two listings (for the screen-reader announcements). */
export function rosterChanges(
  before: readonly PresenceRow[],
  after: readonly PresenceRow[],
): { joined: PresenceRow[]; left: PresenceRow[] } {
  const had = new Set(before.map((row) => row.userId));
  const has = new Set(after.map((row) => row.userId));
  return {
    joined: after.filter((row) => !had.has(row.userId) && !row.you),
    left: before.filter((row) => !has.has(row.userId) && !row.you),
  };
}
