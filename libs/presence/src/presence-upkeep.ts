import { reducePresence, type PresenceRecord, type PresenceTimings } from '#domain';
import type { LocalPresence } from './local-presence.js';
import type { PresenceLogger } from './presence.options.js';
import type { PresenceStore } from './presence-store.js';

export interface UpkeepEvents {
  /** Another instance's session was found dead and this instance removed it. */
  swept(draftId: string, sessionId: string): void;
  /** One of our sessions had been swept (we were too slow to vouch for it) and is back. */
  restored(draftId: string, record: PresenceRecord): void;
}

/**
 * Keeps the shared store honest: a heartbeat re-writes this instance's sessions (proof that they
 * are alive), and a sweep removes the sessions nobody vouched for in time — those of a client
 * or an instance that died without saying goodbye — in every draft this instance has sessions in.
 */
export class PresenceUpkeep {
  private readonly timers: NodeJS.Timeout[] = [];
  private busy = { heartbeat: false, sweep: false };

  constructor(
    private readonly local: LocalPresence,
    private readonly store: PresenceStore,
    private readonly timings: PresenceTimings,
    private readonly events: UpkeepEvents,
    private readonly logger: PresenceLogger,
  ) {}

  start(): void {
    this.every(this.timings.heartbeatMs, 'heartbeat', () => this.heartbeat(Date.now()));
    this.every(this.timings.sweepMs, 'sweep', () => this.sweep(Date.now()));
  }

  stop(): void {
    for (const timer of this.timers.splice(0)) clearInterval(timer);
  }

  async heartbeat(now: number): Promise<void> {
    await Promise.all(
      this.local.draftIds().map(async (draftId) => {
        const records = [...this.local.state(draftId).values()].map((record) => ({ entry: record.entry, seenAt: now }));
        for (const sessionId of await this.store.write(draftId, records)) {
          const record = this.local.record(draftId, sessionId);
          if (record) this.events.restored(draftId, record);
        }
      }),
    );
  }

  async sweep(now: number): Promise<void> {
    for (const draftId of this.local.draftIds()) {
      const ours = this.local.state(draftId);
      // Our own sessions are alive by definition, however late our last heartbeat was.
      const others = (await this.store.read(draftId)).filter((record) => !ours.has(record.entry.sessionId));
      const state = new Map(others.map((record) => [record.entry.sessionId, record]));
      const outcome = reducePresence(state, { type: 'expire', now, staleAfterMs: this.timings.staleAfterMs });
      if (!outcome.ok) continue;
      for (const change of outcome.changes) {
        const record = state.get(change.kind === 'leave' ? change.sessionId : change.entry.sessionId);
        if (record && (await this.store.removeStale(draftId, record)))
          this.events.swept(draftId, record.entry.sessionId);
      }
    }
  }

  private every(ms: number, job: 'heartbeat' | 'sweep', run: () => Promise<void>): void {
    const timer = setInterval(() => {
      // A slow store must not pile up overlapping runs.
      if (this.busy[job]) return;
      this.busy[job] = true;
      run()
        .catch((error: unknown) => this.logger.warn({ err: error }, `presence ${job} failed; retrying next round`))
        .finally(() => (this.busy[job] = false));
    }, ms);
    timer.unref();
    this.timers.push(timer);
  }
}
