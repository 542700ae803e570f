/**
 * Coalesces cursor broadcasts per session: at most one per interval. The first move after a
 * quiet spell goes out at once (leading edge); moves within the interval are held and only the
 * latest goes out when it ends (trailing edge), so the last position is never lost.
 */
interface Slot {
  draftId: string;
  sessionId: string;
  lastSentAt: number;
  timer: NodeJS.Timeout | null;
}

export class CursorCoalescer {
  private readonly slots = new Map<string, Slot>();

  constructor(
    private readonly intervalMs: number,
    /** Sends the session's current entry. */
    private readonly flush: (draftId: string, sessionId: string) => void,
    private readonly clock: () => number = Date.now,
  ) {}

  /** The session's cursor moved: send now, or once the interval since the last send is over. */
  moved(draftId: string, sessionId: string): void {
    if (this.intervalMs <= 0) return this.flush(draftId, sessionId);
    const key = keyOf(draftId, sessionId);
    const now = this.clock();
    const slot = this.slots.get(key);
    if (!slot) {
      this.slots.set(key, { draftId, sessionId, lastSentAt: now, timer: null });
      return this.flush(draftId, sessionId);
    }
    if (slot.timer) return; // already due: it will send the latest entry
    const wait = slot.lastSentAt + this.intervalMs - now;
    if (wait <= 0) {
      slot.lastSentAt = now;
      return this.flush(draftId, sessionId);
    }
    slot.timer = setTimeout(() => this.due(key), wait);
  }

  /** The session's entry just went out for another reason (an activity change): nothing is pending. */
  sentNow(draftId: string, sessionId: string): void {
    if (this.intervalMs <= 0) return;
    const key = keyOf(draftId, sessionId);
    const slot = this.slots.get(key);
    if (slot?.timer) clearTimeout(slot.timer);
    this.slots.set(key, { draftId, sessionId, lastSentAt: this.clock(), timer: null });
  }

  /** The session left: forget it, and send nothing more for it. */
  forget(draftId: string, sessionId: string): void {
    const key = keyOf(draftId, sessionId);
    const slot = this.slots.get(key);
    if (slot?.timer) clearTimeout(slot.timer);
    this.slots.delete(key);
  }

  close(): void {
    for (const slot of this.slots.values()) if (slot.timer) clearTimeout(slot.timer);
    this.slots.clear();
  }

  private due(key: string): void {
    const slot = this.slots.get(key);
    if (!slot) return;
    slot.timer = null;
    slot.lastSentAt = this.clock();
    this.flush(slot.draftId, slot.sessionId);
  }
}

const keyOf = (draftId: string, sessionId: string) => `${draftId}\u0000${sessionId}`;
