import type { PresenceEntry } from '#contracts';
import { describe, expect, it } from '@jest/globals';
import { presenceRows, rosterChanges, safeColor, type Me } from './presence-rows.js';

function entry(overrides: Partial<PresenceEntry>): PresenceEntry {
  return {
    sessionId: 's',
    userId: 'u',
    displayName: 'Someone',
    role: 'reporter',
    color: '#1d4ed8',
    cursor: null,
    activity: 'idle',
    joinedAt: '2025-01-01T10:00:00.000Z',
    lastActiveAt: '2025-01-01T10:00:00.000Z',
    ...overrides,
  };
}

const me: Me = { userId: 'me', displayName: 'Rana', role: 'reporter', sessionId: 's-me', activity: 'editing' };

describe('presenceRows', () => {
  it('lists yourself first, even before the join, with your own activity', () => {
    expect(presenceRows([], { ...me, sessionId: null })).toEqual([
      {
        userId: 'me',
        displayName: 'Rana',
        role: 'reporter',
        color: null,
        activity: 'editing',
        you: true,
        joinedAt: null,
      },
    ]);
    const rows = presenceRows(
      [
        entry({ sessionId: 's-1', userId: 'u1', displayName: 'Omar', joinedAt: '2025-01-01T09:00:00.000Z' }),
        entry({ sessionId: 's-me', userId: 'me', displayName: 'Rana', color: '#b91c1c', activity: 'idle' }),
      ],
      me,
    );
    expect(rows.map((row) => [row.displayName, row.you, row.activity, row.color])).toEqual([
      ['Rana', true, 'editing', '#b91c1c'],
      ['Omar', false, 'idle', '#1d4ed8'],
    ]);
  });

  it('makes one row of a person in two tabs, with the more active tab', () => {
    const rows = presenceRows(
      [
        entry({ sessionId: 'a', userId: 'u1', activity: 'idle', joinedAt: '2025-01-01T10:00:00.000Z' }),
        entry({ sessionId: 'b', userId: 'u1', activity: 'reviewing', joinedAt: '2025-01-01T08:00:00.000Z' }),
      ],
      me,
    );
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({ userId: 'u1', activity: 'reviewing', joinedAt: '2025-01-01T08:00:00.000Z' });
  });

  it('orders the others by when they came', () => {
    const rows = presenceRows(
      [
        entry({ sessionId: 'a', userId: 'late', displayName: 'A', joinedAt: '2025-01-01T11:00:00.000Z' }),
        entry({ sessionId: 'b', userId: 'early', displayName: 'B', joinedAt: '2025-01-01T09:00:00.000Z' }),
      ],
      me,
    );
    expect(rows.map((row) => row.userId)).toEqual(['me', 'early', 'late']);
  });
});

describe('rosterChanges', () => {
  it('tells who came and who went, never yourself', () => {
    const before = presenceRows([entry({ sessionId: 'a', userId: 'u1' })], me);
    const after = presenceRows([entry({ sessionId: 'b', userId: 'u2' })], me);
    const changes = rosterChanges(before, after);
    expect(changes.joined.map((row) => row.userId)).toEqual(['u2']);
    expect(changes.left.map((row) => row.userId)).toEqual(['u1']);
  });
});

describe('safeColor', () => {
  it('keeps #rrggbb and greys out anything else', () => {
    expect(safeColor('#A21CAF')).toBe('#A21CAF');
    expect(safeColor('red; background: url(x)')).toBe('#5b6573');
  });
});
