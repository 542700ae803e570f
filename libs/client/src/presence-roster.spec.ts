import { describe, expect, it } from '@jest/globals';
import type { PresenceEntry } from '#contracts';
import { PresenceRoster } from './presence-roster.js';

function entry(sessionId: string): PresenceEntry {
  return {
    sessionId,
    userId: `user-${sessionId}`,
    displayName: sessionId,
    role: 'reporter',
    color: '#123456',
    cursor: null,
    activity: 'editing',
    joinedAt: '2025-01-01T00:00:00.000Z',
    lastActiveAt: '2025-01-01T00:00:00.000Z',
  };
}

describe('PresenceRoster', () => {
  it('announces who left, who came and who changed when a join ack replaces the list', () => {
    const roster = new PresenceRoster();
    for (const id of ['a', 'b', 'c']) roster.upsert(entry(id));
    const movedB = { ...entry('b'), activity: 'idle' as const };
    const changes = roster.replace([movedB, entry('c'), entry('d')]);
    expect(changes).toEqual([
      { kind: 'leave', sessionId: 'a' },
      { kind: 'presence', entry: movedB },
      { kind: 'presence', entry: entry('d') },
    ]);
    expect([...roster.all.keys()]).toEqual(['b', 'c', 'd']);
  });

  it('says whether a leaving session was known', () => {
    const roster = new PresenceRoster();
    roster.upsert(entry('a'));
    expect(roster.remove('a')).toBe(true);
    expect(roster.remove('a')).toBe(false);
  });
});
