import type { PresenceInput } from '#client';
import type { PresenceEntry } from '#contracts';
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import * as Y from 'yjs';
import {
  CURSOR_INTERVAL_MS,
  PresenceAwareness,
  type AwarenessChange,
  type PresenceSession,
} from './presence-awareness.js';

/** The parts of a DraftSession the adapter uses, driven by hand. */
class FakeSession {
  readonly doc = new Y.Doc();
  sessionId: string | null = 'own';
  isJoined = true;
  readonly presence = new Map<string, PresenceEntry>();
  readonly sent: PresenceInput[] = [];
  private readonly listeners = new Map<string, Set<() => void>>();

  on(event: string, listener: () => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  setPresence(input: PresenceInput): Promise<void> {
    this.sent.push(input);
    return Promise.resolve();
  }

  upsert(entry: PresenceEntry): void {
    this.presence.set(entry.sessionId, entry);
    for (const listener of this.listeners.get('presence') ?? []) listener();
  }

  leave(sessionId: string): void {
    this.presence.delete(sessionId);
    for (const listener of this.listeners.get('presence:leave') ?? []) listener();
  }

  /** The socket dropped (or came back): the SDK keeps its roster, but nobody is known to be here. */
  connection(joined: boolean): void {
    this.isJoined = joined;
    for (const listener of this.listeners.get('connection') ?? []) listener();
  }

  listenerCount(): number {
    return [...this.listeners.values()].reduce((sum, set) => sum + set.size, 0);
  }
}

function entry(overrides: Partial<PresenceEntry>): PresenceEntry {
  return {
    sessionId: 'other',
    userId: 'u2',
    displayName: 'ليلى منصور',
    role: 'editor',
    color: '#b91c1c',
    cursor: null,
    activity: 'idle',
    joinedAt: '2025-01-01T10:00:00.000Z',
    lastActiveAt: '2025-01-01T10:00:00.000Z',
    ...overrides,
  };
}

const flush = () => new Promise<void>((resolve) => queueMicrotask(resolve));

describe('PresenceAwareness', () => {
  let session: FakeSession;
  let now: number;
  let awareness: PresenceAwareness;

  beforeEach(() => {
    jest.useFakeTimers({ now: 1_000_000, doNotFake: ['queueMicrotask'] });
    now = 1_000_000;
    session = new FakeSession();
    session.doc.getText('body').insert(0, 'قال الوزير إن الميزانية');
    awareness = new PresenceAwareness(session as unknown as PresenceSession, () => now);
  });
  afterEach(() => {
    awareness.destroy();
    jest.useRealTimers();
  });

  it('turns the others’ entries into states with a name, a colour and a cursor in the body', async () => {
    const changes: AwarenessChange[] = [];
    awareness.on('change', (change) => changes.push(change));
    const body = session.doc.getText('body');
    const at = (index: number) =>
      Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(body, index)) as Record<string, unknown>;
    session.upsert(entry({ cursor: { anchor: at(4), head: at(10) } }));
    session.upsert(entry({ sessionId: 'own', userId: 'u1', displayName: 'ريم' }));
    await flush();

    expect(changes).toEqual([{ added: ['other'], updated: [], removed: [] }]);
    const state = awareness.getStates().get('other')!;
    expect(state.user).toEqual({ name: 'ليلى منصور', color: '#b91c1c', colorLight: '#b91c1c33' });
    expect(Y.createAbsolutePositionFromRelativePosition(state.cursor!.anchor, session.doc)?.index).toBe(4);
    expect(Y.createAbsolutePositionFromRelativePosition(state.cursor!.head, session.doc)?.index).toBe(10);
    // Our own entry is not drawn as a remote cursor; our local state sits under doc.clientID.
    expect([...awareness.getStates().keys()]).toEqual([session.doc.clientID, 'other']);
    expect(awareness.getLocalState()).toEqual({ cursor: null });

    session.leave('other');
    await flush();
    expect(changes.at(-1)).toEqual({ added: [], updated: [], removed: ['other'] });
    expect(awareness.getStates().has('other')).toBe(false);
  });

  it('draws nobody else while offline, and everyone again once joined', async () => {
    session.upsert(entry({}));
    await flush();
    expect(awareness.getStates().has('other')).toBe(true);

    session.connection(false);
    await flush();
    expect(awareness.getStates().has('other')).toBe(false);

    session.connection(true);
    await flush();
    expect(awareness.getStates().has('other')).toBe(true);
  });

  it('sends our cursor at most once per interval, the latest last', () => {
    const body = session.doc.getText('body');
    const cursor = (index: number) => {
      const position = Y.createRelativePositionFromTypeIndex(body, index);
      return { anchor: position, head: position };
    };
    for (let i = 0; i < 5; i++) awareness.setLocalStateField('cursor', cursor(i));
    expect(session.sent).toHaveLength(1);
    now += CURSOR_INTERVAL_MS;
    jest.advanceTimersByTime(CURSOR_INTERVAL_MS);
    expect(session.sent).toHaveLength(2);
    expect(session.sent[1]).toEqual({ cursor: cursor(4) });
    expect(awareness.getLocalState()?.cursor).toEqual(cursor(4));
  });

  it('says editing while typing, then reviewing, then idle', () => {
    awareness.noteEdit();
    expect(awareness.activity).toBe('editing');
    expect(session.sent).toEqual([{ activity: 'editing' }]);
    now += 5_000;
    jest.advanceTimersByTime(5_000);
    expect(awareness.activity).toBe('reviewing');
    now += 60_000;
    jest.advanceTimersByTime(60_000);
    expect(awareness.activity).toBe('idle');
    expect(session.sent).toEqual([{ activity: 'editing' }, { activity: 'reviewing' }, { activity: 'idle' }]);
  });

  it('lets go of the session when destroyed', () => {
    awareness.destroy();
    expect(session.listenerCount()).toBe(0);
    expect(awareness.getLocalState()).toBeNull();
  });
});
