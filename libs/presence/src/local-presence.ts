import {
  EMPTY_PRESENCE,
  reducePresence,
  type PresenceAction,
  type PresenceOutcome,
  type PresenceRecord,
  type PresenceState,
} from '#domain';

/** This instance's own sessions, per draft, kept by the presence reducer's rules. */
export class LocalPresence {
  private readonly drafts = new Map<string, PresenceState>();

  apply(draftId: string, action: PresenceAction): PresenceOutcome {
    const outcome = reducePresence(this.drafts.get(draftId) ?? EMPTY_PRESENCE, action);
    if (outcome.state.size === 0) this.drafts.delete(draftId);
    else this.drafts.set(draftId, outcome.state);
    return outcome;
  }

  state(draftId: string): PresenceState {
    return this.drafts.get(draftId) ?? EMPTY_PRESENCE;
  }

  record(draftId: string, sessionId: string): PresenceRecord | undefined {
    return this.drafts.get(draftId)?.get(sessionId);
  }

  /** Drafts where this instance has at least one session. */
  draftIds(): string[] {
    return [...this.drafts.keys()];
  }

  get sessionCount(): number {
    let count = 0;
    for (const state of this.drafts.values()) count += state.size;
    return count;
  }

  clear(): void {
    this.drafts.clear();
  }
}
