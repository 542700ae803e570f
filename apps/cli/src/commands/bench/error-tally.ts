import type { DraftSession } from '#client';

/** Counts problems by code across all simulated clients. */
export class ErrorTally {
  private readonly counts = new Map<string, number>();

  add(code: string): void {
    this.counts.set(code, (this.counts.get(code) ?? 0) + 1);
  }

  /** Counts refusals (`error`), retried failures (`retrying`, e.g. RATE_LIMITED) and lost connections. */
  watch(session: DraftSession): void {
    // A refused handshake's reason (too_many_connections, ...) is what the operator needs to see.
    session.on('error', (error) =>
      this.add(error.code === 'CONNECTION_REFUSED' ? `${error.code} (${error.message})` : error.code),
    );
    session.on('retrying', (error) => this.add(error.code));
    session.on('connection', (state) => {
      if (state === 'disconnected') this.add('DISCONNECTED');
    });
  }

  toJSON(): Record<string, number> {
    return Object.fromEntries([...this.counts].sort(([a], [b]) => a.localeCompare(b)));
  }

  get total(): number {
    let total = 0;
    for (const count of this.counts.values()) total += count;
    return total;
  }
}
