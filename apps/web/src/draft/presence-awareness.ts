/**
 * The draft session's presence, shaped as the awareness y-codemirror.next draws remote cursors
 * from (`doc.clientID`, `getStates()`, `getLocalState()`, `setLocalStateField('cursor', ...)`,
 * `on/off('change')`), so no y-protocols awareness goes over the wire: the others' cursors come
 * from the server's presence entries and ours goes out with `session.setPresence`
 * (docs/presence.md). It also keeps what this page is doing (`activity`) for the presence panel.
 */
import type { DraftSession, PresenceInput } from '#client';
import type { Activity, PresenceEntry, RelativePositionJson } from '#contracts';
import * as Y from 'yjs';
import type { Dispose } from '../dom.js';
import type { DraftContext } from './draft-context.js';
import { activityAt, nextActivityChangeIn, type ActivityMarks } from './presence-activity.js';
import { safeColor } from './presence-rows.js';
import { Throttle } from './presence-throttle.js';

/** At most ten cursor messages a second; the server coalesces broadcasts to one per 50 ms anyway. */
export const CURSOR_INTERVAL_MS = 100;

type Cursor = { anchor: Y.RelativePosition; head: Y.RelativePosition } | null;

/** One session's state, as y-codemirror.next reads it. */
export interface AwarenessState {
  user?: { name: string; color: string; colorLight: string };
  cursor: Cursor;
}

/** What `change` listeners get: the keys of `getStates()` that came, changed and went. */
export interface AwarenessChange {
  added: (number | string)[];
  updated: (number | string)[];
  removed: (number | string)[];
}

type ChangeListener = (change: AwarenessChange, origin: unknown) => void;

/** The parts of a DraftSession presence needs (a fake in a spec). */
export type PresenceSession = Pick<DraftSession, 'doc' | 'sessionId' | 'presence' | 'isJoined' | 'on' | 'setPresence'>;

export class PresenceAwareness {
  /** y-codemirror.next tells our own state from the others' by `doc.clientID`. */
  readonly doc: Y.Doc;
  private readonly states = new Map<number | string, AwarenessState>();
  /** The entry each remote state was made from, to tell what changed. */
  private readonly shown = new Map<string, PresenceEntry>();
  private readonly listeners = new Set<ChangeListener>();
  private readonly unsubscribe: Dispose[] = [];
  private readonly cursors: Throttle<Cursor>;
  private readonly marks: ActivityMarks = { lastEditAt: null, lastMoveAt: null, visible: true };
  private current: Activity = 'idle';
  private activityTimer: ReturnType<typeof setTimeout> | null = null;
  private pending: AwarenessChange | null = null;
  private destroyed = false;

  constructor(
    private readonly session: PresenceSession,
    private readonly clock: () => number = Date.now,
  ) {
    this.doc = session.doc;
    this.states.set(this.doc.clientID, { cursor: null });
    this.cursors = new Throttle(CURSOR_INTERVAL_MS, (cursor) => this.send({ cursor }), clock);
    this.unsubscribe.push(
      session.on('presence', () => this.refresh()),
      session.on('presence:leave', () => this.refresh()),
      session.on('synced', () => this.refresh()),
      session.on('connection', () => this.refresh()),
    );
    if (typeof document !== 'undefined') {
      const onVisibility = () => {
        this.marks.visible = document.visibilityState !== 'hidden';
        this.updateActivity();
      };
      document.addEventListener('visibilitychange', onVisibility);
      this.unsubscribe.push(() => document.removeEventListener('visibilitychange', onVisibility));
      this.marks.visible = document.visibilityState !== 'hidden';
    }
    this.refresh();
  }

  // --- the awareness interface y-codemirror.next uses ---

  getStates(): Map<number | string, AwarenessState> {
    return this.states;
  }

  getLocalState(): AwarenessState | null {
    return this.destroyed ? null : (this.states.get(this.doc.clientID) ?? null);
  }

  setLocalStateField(field: string, value: unknown): void {
    if (this.destroyed || field !== 'cursor') return;
    const cursor = (value ?? null) as Cursor;
    this.states.set(this.doc.clientID, { ...this.states.get(this.doc.clientID), cursor });
    this.cursors.push(cursor);
  }

  on(event: 'change', listener: ChangeListener): void {
    if (event === 'change') this.listeners.add(listener);
  }

  off(event: 'change', listener: ChangeListener): void {
    if (event === 'change') this.listeners.delete(listener);
  }

  // --- what this page is doing ---

  get activity(): Activity {
    return this.current;
  }

  /** The user changed the text (headline or body). */
  noteEdit(): void {
    this.marks.lastEditAt = this.clock();
    this.updateActivity();
  }

  /** The user moved the cursor or the selection. */
  noteMove(): void {
    this.marks.lastMoveAt = this.clock();
    this.updateActivity();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.cursors.cancel();
    if (this.activityTimer) clearTimeout(this.activityTimer);
    for (const off of this.unsubscribe.splice(0)) off();
    this.listeners.clear();
  }

  // --- inside ---

  /**
   * Brings the remote states level with the session's presence entries (all but our own). While
   * the session is not joined (offline), nobody's cursor is drawn: where they were last seen is
   * not where they are, and the next join brings the roster back.
   */
  private refresh(): void {
    if (this.destroyed) return;
    const own = this.session.sessionId;
    const seen = new Set<string>();
    for (const [sessionId, entry] of this.session.isJoined ? this.session.presence : []) {
      if (sessionId === own) continue;
      seen.add(sessionId);
      const before = this.shown.get(sessionId);
      if (before === entry) continue;
      this.shown.set(sessionId, entry);
      this.states.set(sessionId, stateOf(entry));
      this.changed(before ? 'updated' : 'added', sessionId);
    }
    for (const sessionId of [...this.shown.keys()]) {
      if (seen.has(sessionId)) continue;
      this.shown.delete(sessionId);
      this.states.delete(sessionId);
      this.changed('removed', sessionId);
    }
  }

  /**
   * Listeners hear of changes in a microtask, together: a change can arrive while CodeMirror is
   * updating (a join applies the document, then the roster), and the remote-selection plugin
   * dispatches from its listener.
   */
  private changed(kind: keyof AwarenessChange, key: number | string): void {
    if (!this.pending) {
      this.pending = { added: [], updated: [], removed: [] };
      queueMicrotask(() => this.emitChange());
    }
    this.pending[kind].push(key);
  }

  private emitChange(): void {
    const change = this.pending;
    this.pending = null;
    if (!change || this.destroyed) return;
    for (const listener of [...this.listeners]) listener(change, 'presence');
  }

  private updateActivity(): void {
    if (this.destroyed) return;
    if (this.activityTimer) clearTimeout(this.activityTimer);
    this.activityTimer = null;
    const now = this.clock();
    const activity = activityAt(now, this.marks);
    if (activity !== this.current) {
      this.current = activity;
      this.send({ activity });
      this.changed('updated', this.doc.clientID);
    }
    const next = nextActivityChangeIn(now, this.marks);
    if (next !== null) this.activityTimer = setTimeout(() => this.updateActivity(), next);
  }

  private send(input: PresenceInput): void {
    // Refused only when not joined (then the SDK sends it after the join) or the session closed.
    this.session.setPresence(input).catch(() => undefined);
  }
}

function stateOf(entry: PresenceEntry): AwarenessState {
  const color = safeColor(entry.color);
  return {
    user: { name: entry.displayName, color, colorLight: `${color}33` },
    cursor: entry.cursor ? cursorOf(entry.cursor.anchor, entry.cursor.head) : null,
  };
}

function cursorOf(anchor: RelativePositionJson, head: RelativePositionJson): Cursor {
  try {
    return { anchor: Y.createRelativePositionFromJSON(anchor), head: Y.createRelativePositionFromJSON(head) };
  } catch {
    return null;
  }
}

const shared = new WeakMap<DraftContext, { awareness: PresenceAwareness; users: number }>();

/**
 * The draft page's one presence adapter: the body editor draws and sends cursors through it, the
 * presence panel reads our activity from it. Each part that takes it gives it back with the
 * returned function; the last one to do so destroys it.
 */
export function acquirePresence(context: DraftContext): { awareness: PresenceAwareness; release: Dispose } {
  let held = shared.get(context);
  if (!held) shared.set(context, (held = { awareness: new PresenceAwareness(context.session), users: 0 }));
  held.users += 1;
  const entry = held;
  let released = false;
  return {
    awareness: entry.awareness,
    release: () => {
      if (released) return;
      released = true;
      entry.users -= 1;
      if (entry.users > 0) return;
      entry.awareness.destroy();
      if (shared.get(context) === entry) shared.delete(context);
    },
  };
}
