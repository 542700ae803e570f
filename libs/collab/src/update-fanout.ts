import * as Y from 'yjs';

/** A stored update on its way to the sessions of its draft. */
export interface OutgoingUpdate {
  /** The connection that sent it here, which must not get it back; null when it came from elsewhere. */
  senderId: string | null;
  update: Uint8Array;
}

/** One emit: to every session in the draft's room but `except`, or to the senders named. */
export type Delivery =
  { to: 'room'; except: string[]; update: Uint8Array } | { to: 'senders'; connectionIds: string[]; update: Uint8Array };

/**
 * What to send for updates of one draft applied together: one merged update for every session
 * that sent none of them, and to each sender what the others sent (never its own, the protocol):
 * each sender's updates merged once and sent to the other senders, and the relayed ones to all of
 * them. Under load this turns k updates times n sessions messages into about n + k; the merges
 * stay linear in the batch (merging the others' updates for each sender was quadratic, and at
 * hundreds of authors per draft the server fell behind on it). A connection's messages of one turn
 * leave in one write (write-coalescing.ts).
 */
export function planFanout(updates: readonly OutgoingUpdate[]): Delivery[] {
  if (updates.length === 0) return [];
  const bySender = new Map<string | null, Uint8Array[]>();
  for (const { senderId, update } of updates) {
    const own = bySender.get(senderId);
    if (own) own.push(update);
    else bySender.set(senderId, [update]);
  }
  const senders = [...bySender.keys()].filter((sender): sender is string => sender !== null);
  const deliveries: Delivery[] = [{ to: 'room', except: senders, update: merged(updates.map((u) => u.update)) }];
  for (const [sender, own] of bySender) {
    const others = senders.filter((id) => id !== sender);
    if (others.length > 0) deliveries.push({ to: 'senders', connectionIds: others, update: merged(own) });
  }
  return deliveries;
}

function merged(updates: readonly Uint8Array[]): Uint8Array {
  return updates.length === 1 ? updates[0]! : Y.mergeUpdates([...updates]);
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
