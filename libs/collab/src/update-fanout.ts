import * as Y from 'yjs';

/** A stored update on its way to the sessions of its draft. */
export interface OutgoingUpdate {
  /** The connection that sent it here, which must not get it back; null when it came from elsewhere. */
  senderId: string | null;
  update: Uint8Array;
}

/** One emit: to every session in the draft's room but `except`, or to one connection. */
export type Delivery =
  { to: 'room'; except: string[]; update: Uint8Array } | { to: 'connection'; connectionId: string; update: Uint8Array };

/**
 * What to send for updates of one draft applied together: one merged update for every session
 * that sent none of them, and to each sender the merge of the others' (never its own,
 * the protocol). Under load this turns k updates times n sessions messages into about n.
 */
export function planFanout(updates: readonly OutgoingUpdate[]): Delivery[] {
  if (updates.length === 0) return [];
  const senders = [...new Set(updates.flatMap((u) => (u.senderId === null ? [] : [u.senderId])))];
  const deliveries: Delivery[] = [{ to: 'room', except: senders, update: merged(updates) }];
  for (const sender of senders) {
    const others = updates.filter((u) => u.senderId !== sender);
    if (others.length > 0) deliveries.push({ to: 'connection', connectionId: sender, update: merged(others) });
  }
  return deliveries;
}

function merged(updates: readonly OutgoingUpdate[]): Uint8Array {
  return updates.length === 1 ? updates[0]!.update : Y.mergeUpdates(updates.map((u) => u.update));
}

/** Sends one draft's deliveries; `updates` is how many stored updates they carry. */
export type FanoutSink = (draftId: string, deliveries: Delivery[], updates: number) => void;

/**
 * Collects the updates stored during one turn of the event loop and fans each draft's out once,
 * on the next. A group commit resolves all its updates in one turn, so a burst costs one message
 * per session instead of one per update and session; a lone update goes out on the next turn.
 */
export class FanoutBatcher {
  private pending = new Map<string, OutgoingUpdate[]>();
  private scheduled = false;

  constructor(
    private readonly sink: FanoutSink,
    private readonly onError: (error: unknown, draftId: string) => void,
    private readonly schedule: (flush: () => void) => void = (flush) => setImmediate(flush),
  ) {}

  add(draftId: string, stored: OutgoingUpdate): void {
    const batch = this.pending.get(draftId);
    if (batch) batch.push(stored);
    else this.pending.set(draftId, [stored]);
    if (!this.scheduled) {
      this.scheduled = true;
      this.schedule(() => this.flush());
    }
  }

  /** Sends everything collected so far. */
  flush(): void {
    const batches = this.pending;
    this.pending = new Map();
    this.scheduled = false;
    for (const [draftId, updates] of batches) {
      try {
        this.sink(draftId, planFanout(updates), updates.length);
      } catch (error) {
        this.onError(error, draftId);
      }
    }
  }
}
