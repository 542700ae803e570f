/**
 * The rules of presence in one draft: who is there, where their cursor is, what they are doing.
 * Pure: time comes in as an argument, and every action returns the new state and the changes to
 * announce, so the service only stores and broadcasts what this decides.
 */
import type { Activity, Cursor, PresenceEntry, Role } from '#contracts';
import { presenceColorFor } from './presence-color.js';

/** Who a session belongs to: always taken from the verified token, never from the client. */
export interface PresenceIdentity {
  userId: string;
  displayName: string;
  role: Role;
}

/** One session's entry, and when (ms) its owner last vouched that the session is still there. */
export interface PresenceRecord {
  entry: PresenceEntry;
  seenAt: number;
}

/** A draft's sessions by session id. */
export type PresenceState = ReadonlyMap<string, PresenceRecord>;

export const EMPTY_PRESENCE: PresenceState = new Map();

export type PresenceAction =
  | { type: 'join'; sessionId: string; identity: PresenceIdentity; at: number }
  | { type: 'move'; sessionId: string; cursor: Cursor | null; at: number }
  | { type: 'activity'; sessionId: string; activity: Activity; at: number }
  | { type: 'leave'; sessionId: string }
  | { type: 'expire'; now: number; staleAfterMs: number };

export type PresenceChange =
  | { kind: 'entry'; entry: PresenceEntry; cause: 'join' | 'move' | 'activity' }
  | { kind: 'leave'; sessionId: string; cause: 'left' | 'expired' };

export type PresenceOutcome =
  | { ok: true; state: PresenceState; changes: PresenceChange[] }
  | { ok: false; error: 'NOT_JOINED'; state: PresenceState };

const unchanged = (state: PresenceState): PresenceOutcome => ({ ok: true, state, changes: [] });

export function reducePresence(state: PresenceState, action: PresenceAction): PresenceOutcome {
  switch (action.type) {
    case 'join':
      return join(state, action.sessionId, action.identity, action.at);
    case 'move':
      return change(state, action.sessionId, action.at, 'move', (entry) =>
        sameCursor(entry.cursor, action.cursor) ? null : { ...entry, cursor: action.cursor },
      );
    case 'activity':
      return change(state, action.sessionId, action.at, 'activity', (entry) =>
        entry.activity === action.activity ? null : { ...entry, activity: action.activity },
      );
    case 'leave':
      return leave(state, action.sessionId);
    case 'expire':
      return expire(state, action.now, action.staleAfterMs);
  }
}

/** The entries to show, oldest session first (a stable order for lists and tests). */
export function presenceEntries(state: PresenceState): PresenceEntry[] {
  return [...state.values()]
    .map((record) => record.entry)
    .sort((a, b) => a.joinedAt.localeCompare(b.joinedAt) || a.sessionId.localeCompare(b.sessionId));
}

function join(state: PresenceState, sessionId: string, identity: PresenceIdentity, at: number): PresenceOutcome {
  const known = state.get(sessionId);
  // A re-join (the client resyncing) keeps the entry as it is: nothing to announce.
  if (known) return unchanged(withRecord(state, sessionId, { entry: known.entry, seenAt: Math.max(known.seenAt, at) }));
  const now = iso(at);
  const entry: PresenceEntry = {
    sessionId,
    userId: identity.userId,
    displayName: identity.displayName,
    role: identity.role,
    color: presenceColorFor(identity.userId),
    cursor: null,
    activity: 'idle',
    joinedAt: now,
    lastActiveAt: now,
  };
  return {
    ok: true,
    state: withRecord(state, sessionId, { entry, seenAt: at }),
    changes: [{ kind: 'entry', entry, cause: 'join' }],
  };
}

function change(
  state: PresenceState,
  sessionId: string,
  at: number,
  cause: 'move' | 'activity',
  apply: (entry: PresenceEntry) => PresenceEntry | null,
): PresenceOutcome {
  const known = state.get(sessionId);
  if (!known) return { ok: false, error: 'NOT_JOINED', state };
  const next = apply(known.entry);
  if (!next) return unchanged(state);
  // A clock that steps back never makes a session look less recently active.
  const lastActiveAt = iso(Math.max(at, Date.parse(known.entry.lastActiveAt)));
  const entry = { ...next, lastActiveAt };
  return {
    ok: true,
    state: withRecord(state, sessionId, { entry, seenAt: Math.max(known.seenAt, at) }),
    changes: [{ kind: 'entry', entry, cause }],
  };
}

function leave(state: PresenceState, sessionId: string): PresenceOutcome {
  if (!state.has(sessionId)) return unchanged(state);
  const next = new Map(state);
  next.delete(sessionId);
  return { ok: true, state: next, changes: [{ kind: 'leave', sessionId, cause: 'left' }] };
}

function expire(state: PresenceState, now: number, staleAfterMs: number): PresenceOutcome {
  const changes: PresenceChange[] = [];
  const next = new Map(state);
  for (const [sessionId, record] of state) {
    if (now - record.seenAt > staleAfterMs) {
      next.delete(sessionId);
      changes.push({ kind: 'leave', sessionId, cause: 'expired' });
    }
  }
  return changes.length === 0 ? unchanged(state) : { ok: true, state: next, changes };
}

function withRecord(state: PresenceState, sessionId: string, record: PresenceRecord): PresenceState {
  const next = new Map(state);
  next.set(sessionId, record);
  return next;
}

/** Relative positions are small JSON objects: comparing their serialisations is exact enough. */
function sameCursor(a: Cursor | null, b: Cursor | null): boolean {
  if (a === null || b === null) return a === b;
  return JSON.stringify(a) === JSON.stringify(b);
}

function iso(at: number): string {
  return new Date(at).toISOString();
}
