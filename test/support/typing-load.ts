import type { DraftSession } from '#client';

/** A client session that types into the draft's body. */
export interface Typist {
  name: string;
  session: DraftSession;
}

export interface TypingLoadOptions {
  /** Between two markers of one typist. */
  intervalMs: number;
  /** Each typist stops after this many markers, so the load is bounded whatever happens. */
  maxPerTypist: number;
}

/** A `retrying` or `error` event a session reported while the load ran. */
export interface ReportedFailure {
  typist: string;
  kind: 'retrying' | 'error';
  code: string;
  operation: string;
  at: number;
}

/** Markers look like `[alice.17]`: unique, and none is part of another. */
export const MARKER = /\[[a-z0-9-]+\.\d+\]/g;

/**
 * A steady editing load through the SDK: every typist appends a unique marker to the body every
 * `intervalMs`, and the load books which of them the SDK reported durably stored (its `acked`
 * event names local update sequence numbers; each marker is one local update).
 */
export class TypingLoad {
  /** Every marker typed, in typing order per typist. */
  readonly typed: string[] = [];
  readonly failures: ReportedFailure[] = [];
  /** Typed while the session no longer tracked local changes (it had failed or closed): never sent. */
  readonly untracked: string[] = [];
  private readonly acked = new Set<string>();
  /** When each `acked` event came, per typist, in order. */
  private readonly ackTimes = new Map<string, number[]>();
  private readonly bySeq = new Map<DraftSession, Map<number, string>>();
  private readonly timers: ReturnType<typeof setInterval>[] = [];
  private readonly counts = new Map<string, number>();

  constructor(
    readonly typists: Typist[],
    private readonly options: TypingLoadOptions,
  ) {
    for (const { name, session } of typists) {
      const markers = new Map<number, string>();
      const times: number[] = [];
      this.bySeq.set(session, markers);
      this.ackTimes.set(name, times);
      session.on('acked', ({ seqs }) => {
        times.push(Date.now());
        for (const seq of seqs) {
          const marker = markers.get(seq);
          if (marker !== undefined) this.acked.add(marker);
          markers.delete(seq);
        }
      });
      for (const kind of ['retrying', 'error'] as const) {
        session.on(kind, ({ code, operation }) =>
          this.failures.push({ typist: name, kind, code, operation, at: Date.now() }),
        );
      }
    }
  }

  start(): void {
    for (const typist of this.typists) {
      this.counts.set(typist.name, 0);
      // Unref'd: a test that fails half-way must not keep jest alive typing.
      this.timers.push(setInterval(() => this.type(typist), this.options.intervalMs).unref());
    }
  }

  stop(): void {
    for (const timer of this.timers.splice(0)) clearInterval(timer);
  }

  get running(): boolean {
    return this.timers.length > 0;
  }

  get ackedCount(): number {
    return this.acked.size;
  }

  ackedMarkers(): string[] {
    return [...this.acked];
  }

  /** Markers typed but not (yet) reported acked. */
  unacked(): string[] {
    return this.typed.filter((marker) => !this.acked.has(marker));
  }

  /** When `typist` (any typist if not given) was first told something was stored after `time`; null if not yet. */
  firstAckAfter(time: number, typist?: string): number | null {
    const candidates = [...this.ackTimes]
      .filter(([name]) => !typist || name === typist)
      .map(([, times]) => times.find((at) => at > time))
      .filter((at): at is number => at !== undefined);
    return candidates.length > 0 ? Math.min(...candidates) : null;
  }

  /** The failures reported with `code`, by `typist` if given. */
  failuresWith(code: string, typist?: string): ReportedFailure[] {
    return this.failures.filter((failure) => failure.code === code && (!typist || failure.typist === typist));
  }

  /** A one-line summary of what the sessions reported, e.g. `retrying UNAVAILABLE/update ×12`. */
  failureSummary(): string {
    const tally = new Map<string, number>();
    for (const { kind, code, operation } of this.failures) {
      const key = `${kind} ${code}/${operation}`;
      tally.set(key, (tally.get(key) ?? 0) + 1);
    }
    return [...tally].map(([key, count]) => `${key} ×${count}`).join(', ') || 'none';
  }

  private type({ name, session }: Typist): void {
    const count = this.counts.get(name) ?? 0;
    if (count >= this.options.maxPerTypist) return;
    this.counts.set(name, count + 1);
    const marker = `[${name}.${count}]`;
    const before = session.lastLocalSeq;
    session.body.insert(session.body.length, marker);
    this.typed.push(marker);
    // The session numbers each local update synchronously, in the transaction the insert made.
    if (session.lastLocalSeq === before) this.untracked.push(marker);
    else this.bySeq.get(session)!.set(session.lastLocalSeq, marker);
  }
}

/** The markers of `text`, in order; anything else in the text is reported as `stray`. */
export function readMarkers(text: string): { markers: string[]; stray: string } {
  return { markers: text.match(MARKER) ?? [], stray: text.replace(MARKER, '') };
}

/** What a document's text says about a load: acked markers missing, markers present twice, and text that is no marker. */
export function auditText(
  text: string,
  load: TypingLoad,
): { lost: string[]; duplicated: string[]; stray: string; markers: number } {
  const { markers, stray } = readMarkers(text);
  const seen = new Map<string, number>();
  for (const marker of markers) seen.set(marker, (seen.get(marker) ?? 0) + 1);
  return {
    lost: load.ackedMarkers().filter((marker) => !seen.has(marker)),
    duplicated: [...seen].filter(([, count]) => count > 1).map(([marker]) => marker),
    stray,
    markers: markers.length,
  };
}
