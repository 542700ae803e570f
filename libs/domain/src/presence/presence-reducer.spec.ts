import { describe, expect, it } from '@jest/globals';
import { DOCUMENT_FIELDS, type Cursor, type PresenceEntry } from '#contracts';
import { presenceColorFor } from './presence-color.js';
import {
  EMPTY_PRESENCE,
  presenceEntries,
  reducePresence,
  type PresenceAction,
  type PresenceChange,
  type PresenceIdentity,
  type PresenceState,
} from './presence-reducer.js';

const T0 = Date.UTC(2026, 10, 29, 9, 0, 0);
const at = (ms: number) => new Date(T0 + ms).toISOString();
const alice: PresenceIdentity = { userId: 'u-alice', displayName: 'عليا', role: 'reporter' };
const bob: PresenceIdentity = { userId: 'u-bob', displayName: 'Bob', role: 'editor' };
const cursor = (clock: number): Cursor => ({
  anchor: { type: null, tname: DOCUMENT_FIELDS.body, item: { client: 7, clock }, assoc: 0 },
  head: { type: null, tname: DOCUMENT_FIELDS.body, item: { client: 7, clock }, assoc: 0 },
});

function entry(sessionId: string, who: PresenceIdentity, joined: number, extra: Partial<PresenceEntry> = {}) {
  return {
    sessionId,
    userId: who.userId,
    displayName: who.displayName,
    role: who.role,
    color: presenceColorFor(who.userId),
    cursor: null,
    activity: 'idle',
    joinedAt: at(joined),
    lastActiveAt: at(joined),
    ...extra,
  } satisfies PresenceEntry;
}

/** Runs actions in order; returns the changes of the last one, its error if any, and the entries after it. */
function run(actions: PresenceAction[]): { changes: PresenceChange[]; error?: string; entries: PresenceEntry[] } {
  let state: PresenceState = EMPTY_PRESENCE;
  let last: { changes: PresenceChange[]; error?: string } = { changes: [] };
  for (const action of actions) {
    const outcome = reducePresence(state, action);
    state = outcome.state;
    last = outcome.ok ? { changes: outcome.changes } : { changes: [], error: outcome.error };
  }
  return { ...last, entries: presenceEntries(state) };
}

const joinA = { type: 'join', sessionId: 'a', identity: alice, at: T0 } as const;
const joinA2 = { type: 'join', sessionId: 'a2', identity: alice, at: T0 + 5 } as const;
const joinB = { type: 'join', sessionId: 'b', identity: bob, at: T0 + 10 } as const;

describe('reducePresence', () => {
  const cases: {
    name: string;
    actions: PresenceAction[];
    changes: PresenceChange[];
    error?: string;
    entries: PresenceEntry[];
  }[] = [
    {
      name: 'a join adds an idle entry with the identity and colour of its user',
      actions: [joinA],
      changes: [{ kind: 'entry', cause: 'join', entry: entry('a', alice, 0) }],
      entries: [entry('a', alice, 0)],
    },
    {
      name: 'one user in two tabs has two entries of the same colour',
      actions: [joinA, joinA2],
      changes: [{ kind: 'entry', cause: 'join', entry: entry('a2', alice, 5) }],
      entries: [entry('a', alice, 0), entry('a2', alice, 5)],
    },
    {
      name: 'a re-join keeps the entry and announces nothing',
      actions: [joinA, { ...joinA, at: T0 + 99 }],
      changes: [],
      entries: [entry('a', alice, 0)],
    },
    {
      name: 'a move sets the cursor and the time of activity',
      actions: [joinA, joinB, { type: 'move', sessionId: 'a', cursor: cursor(3), at: T0 + 20 }],
      changes: [
        { kind: 'entry', cause: 'move', entry: entry('a', alice, 0, { cursor: cursor(3), lastActiveAt: at(20) }) },
      ],
      entries: [entry('a', alice, 0, { cursor: cursor(3), lastActiveAt: at(20) }), entry('b', bob, 10)],
    },
    {
      name: 'a move to where the cursor already is announces nothing',
      actions: [
        joinA,
        { type: 'move', sessionId: 'a', cursor: cursor(3), at: T0 + 20 },
        { type: 'move', sessionId: 'a', cursor: cursor(3), at: T0 + 30 },
      ],
      changes: [],
      entries: [entry('a', alice, 0, { cursor: cursor(3), lastActiveAt: at(20) })],
    },
    {
      name: 'a cursor can be taken away (null)',
      actions: [
        joinA,
        { type: 'move', sessionId: 'a', cursor: cursor(3), at: T0 + 20 },
        { type: 'move', sessionId: 'a', cursor: null, at: T0 + 30 },
      ],
      changes: [{ kind: 'entry', cause: 'move', entry: entry('a', alice, 0, { lastActiveAt: at(30) }) }],
      entries: [entry('a', alice, 0, { lastActiveAt: at(30) })],
    },
    {
      name: 'an activity change is announced as such',
      actions: [joinA, { type: 'activity', sessionId: 'a', activity: 'reviewing', at: T0 + 40 }],
      changes: [
        {
          kind: 'entry',
          cause: 'activity',
          entry: entry('a', alice, 0, { activity: 'reviewing', lastActiveAt: at(40) }),
        },
      ],
      entries: [entry('a', alice, 0, { activity: 'reviewing', lastActiveAt: at(40) })],
    },
    {
      name: 'the same activity again announces nothing',
      actions: [joinA, { type: 'activity', sessionId: 'a', activity: 'idle', at: T0 + 40 }],
      changes: [],
      entries: [entry('a', alice, 0)],
    },
    {
      name: 'a clock that steps back never moves lastActiveAt back',
      actions: [
        joinA,
        { type: 'activity', sessionId: 'a', activity: 'editing', at: T0 + 500 },
        { type: 'move', sessionId: 'a', cursor: cursor(1), at: T0 + 100 },
      ],
      changes: [
        {
          kind: 'entry',
          cause: 'move',
          entry: entry('a', alice, 0, { activity: 'editing', cursor: cursor(1), lastActiveAt: at(500) }),
        },
      ],
      entries: [entry('a', alice, 0, { activity: 'editing', cursor: cursor(1), lastActiveAt: at(500) })],
    },
    {
      name: 'a move by a session that has not joined is refused',
      actions: [joinB, { type: 'move', sessionId: 'a', cursor: cursor(1), at: T0 + 20 }],
      changes: [],
      error: 'NOT_JOINED',
      entries: [entry('b', bob, 10)],
    },
    {
      name: 'an activity change by a session that has not joined is refused',
      actions: [{ type: 'activity', sessionId: 'a', activity: 'editing', at: T0 }],
      changes: [],
      error: 'NOT_JOINED',
      entries: [],
    },
    {
      name: 'a leave removes only that session',
      actions: [joinA, joinA2, joinB, { type: 'leave', sessionId: 'a' }],
      changes: [{ kind: 'leave', sessionId: 'a', cause: 'left' }],
      entries: [entry('a2', alice, 5), entry('b', bob, 10)],
    },
    {
      name: 'leaving twice is harmless and announced once',
      actions: [joinA, { type: 'leave', sessionId: 'a' }, { type: 'leave', sessionId: 'a' }],
      changes: [],
      entries: [],
    },
    {
      name: 'expiry removes the sessions not vouched for within the limit',
      actions: [
        joinA,
        joinB,
        { type: 'move', sessionId: 'a', cursor: cursor(2), at: T0 + 900 },
        { type: 'expire', now: T0 + 1_005, staleAfterMs: 990 },
      ],
      changes: [{ kind: 'leave', sessionId: 'b', cause: 'expired' }],
      entries: [entry('a', alice, 0, { cursor: cursor(2), lastActiveAt: at(900) })],
    },
    {
      name: 'an entry exactly at the limit is kept',
      actions: [joinA, { type: 'expire', now: T0 + 1_000, staleAfterMs: 1_000 }],
      changes: [],
      entries: [entry('a', alice, 0)],
    },
    {
      name: 'a re-join vouches for the session again',
      actions: [joinA, { ...joinA, at: T0 + 800 }, { type: 'expire', now: T0 + 1_500, staleAfterMs: 1_000 }],
      changes: [],
      entries: [entry('a', alice, 0)],
    },
  ];

  it.each(cases)('$name', ({ actions, changes, error, entries }) => {
    const result = run(actions);
    expect(result.changes).toEqual(changes);
    expect(result.error).toBe(error);
    expect(result.entries).toEqual(entries);
  });

  it('never changes the state it was given', () => {
    const start = reducePresence(EMPTY_PRESENCE, joinA).state;
    const before = presenceEntries(start);
    reducePresence(start, { type: 'move', sessionId: 'a', cursor: cursor(1), at: T0 + 1 });
    reducePresence(start, { type: 'leave', sessionId: 'a' });
    reducePresence(start, { type: 'expire', now: T0 + 10_000, staleAfterMs: 1 });
    expect(presenceEntries(start)).toEqual(before);
  });
});
