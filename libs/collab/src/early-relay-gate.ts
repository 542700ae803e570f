import type { AppendOutcome } from './document-store.js';
import type { LiveDocument } from './live-document.js';
import type { QueuedUpdate } from './update-admission.js';

/**
 * Decides whether a draft's next update may reach the room before its commit (docs/architecture.md,
 * "Relaying before the commit"): only with early relay on, when the store took the draft's last
 * update and answered after the last fence, nothing is queued commit-first for it (the update could
 * build on that), and no review transition holds a fence on it.
 */
export class EarlyRelayGate {
  /** Drafts fenced by review transitions, with how many hold each. */
  private readonly fences = new Map<string, number>();

  constructor(private readonly enabled: boolean) {}

  allows(live: LiveDocument): boolean {
    return this.enabled && live.writable && live.held === 0 && !live.closed && !this.fences.has(live.draftId);
  }

  /** A transition starts: answers to commits sent before now say nothing about the lock it may set. */
  raise(draftId: string, live: LiveDocument | undefined): void {
    this.fences.set(draftId, (this.fences.get(draftId) ?? 0) + 1);
    if (live) live.relayEpoch++;
  }

  /** A transition ended: the draft goes commit-first until a commit shows it still takes updates. */
  lower(draftId: string, live: LiveDocument | undefined): void {
    const holders = (this.fences.get(draftId) ?? 1) - 1;
    if (holders > 0) this.fences.set(draftId, holders);
    else this.fences.delete(draftId);
    if (!live) return;
    live.relayEpoch++;
    live.writable = false;
  }

  /** What the store's answer to a commit-first update says about the draft's lock. */
  learn(item: QueuedUpdate, outcome: AppendOutcome): void {
    const { live } = item;
    if (!outcome.ok) {
      if (outcome.reason === 'LOCKED') live.writable = false;
      return;
    }
    if (item.epoch === live.relayEpoch && !this.fences.has(live.draftId)) live.writable = true;
  }
}
