/**
 * `copydesk bench --reference hocuspocus`: the load workload against Copydesk and against a
 * reference Yjs server (Hocuspocus with its database extension storing every change in
 * PostgreSQL), in alternating rounds within one run, reported as ratios. Absolute times on a
 * shared machine drift between runs; ratios from one run, whose rounds alternate, much less.
 */
import { INITIAL_BODY } from './bench-fleet.js';
import type { BenchOptions } from './bench-options.js';
import type { LoadResult, Ratios, ReferenceResult, ReferenceRunFigures, RssPeak } from './bench-result.js';
import { summariseLatencies, type LatencySummary } from './latency-stats.js';
import { runLoad } from './load-run.js';
import { procNice, startReferenceServer, type ReferenceProcess } from './reference-process.js';
import { BenchSetupError } from './release-run.js';
import { ProcMemorySampler } from './proc-memory.js';
import { readServerRss } from './server-metrics.js';

type Progress = (line: string) => void;

/** The pinned development dependency (package.json); the bench reports it with the figures. */
export const REFERENCE_SERVER = 'Hocuspocus 3.4.4';
const REFERENCE_STORE = 'database extension, full state stored in PostgreSQL on every change (debounce 0)';
const RSS_SAMPLE_MS = 1_000;

/**
 * Starts the reference server. The bench calls this before it lowers its own CPU priority
 * (--nice): a child inherits the niceness of the thread that spawns it, and the reference must be
 * scheduled as the Copydesk server is.
 */
export async function startReference(options: BenchOptions, progress: Progress): Promise<ReferenceProcess> {
  if (!options.referenceDatabaseUrl) throw new BenchSetupError('--reference needs a PostgreSQL URL (--reference-db)');
  progress(`starting the reference server (${REFERENCE_SERVER})`);
  return startReferenceServer(options.referenceDatabaseUrl, INITIAL_BODY).catch((error: unknown) => {
    throw new BenchSetupError(
      `the reference server did not start: ${error instanceof Error ? error.message : String(error)}` +
        ' (npm ci installs its development dependencies)',
    );
  });
}

/** Runs the rounds against Copydesk and `server`; the caller stops the server. */
export async function runReference(
  options: BenchOptions,
  server: ReferenceProcess,
  progress: Progress,
): Promise<ReferenceResult> {
  {
    // Loaded only here: the reference's client needs the bench's development dependencies.
    const { runReferenceLoad } = await import('./reference-load.js');
    // With --server-pid both servers' peaks come from /proc the same way; without, Copydesk's from /metrics.
    const copydeskRss: PeakSampler =
      options.serverPid !== null
        ? new ProcPeakSampler(options.serverPid)
        : new RssSampler(`/metrics every ${RSS_SAMPLE_MS / 1000} s`, async () => {
            const reading = await readServerRss(options.url, options.metricsToken);
            return { bytes: reading.bytes, problem: reading.problem };
          });
    const referenceRss: PeakSampler =
      options.serverPid !== null
        ? new ProcPeakSampler(server.pid)
        : new RssSampler(`/proc/${server.pid}/status VmRSS every ${RSS_SAMPLE_MS / 1000} s`, async () => {
            const bytes = await server.rssBytes();
            return { bytes, problem: bytes === null ? `/proc/${server.pid}/status is unreadable` : undefined };
          });
    await Promise.all([copydeskRss.sampleBefore(), referenceRss.sampleBefore()]);
    // The peak is taken around each run here, not again inside it.
    const roundOptions: BenchOptions = { ...options, serverPid: null };
    const copydeskSamples: number[] = [];
    const referenceSamples: number[] = [];
    const rounds: ReferenceResult['rounds'] = [];
    for (let round = 0; round < options.rounds; round += 1) {
      const first = round % 2 === 0 ? 'copydesk' : 'reference';
      let copydesk: LoadResult | undefined;
      let reference: ReferenceRunFigures | undefined;
      for (const target of first === 'copydesk' ? ['copydesk', 'reference'] : ['reference', 'copydesk']) {
        progress(`round ${round + 1} of ${options.rounds}: ${target === 'copydesk' ? 'Copydesk' : REFERENCE_SERVER}`);
        if (target === 'copydesk') {
          copydesk = await copydeskRss.during(() =>
            runLoad(roundOptions, progress, (samples) => copydeskSamples.push(...samples)),
          );
        } else {
          reference = await referenceRss.during(() =>
            runReferenceLoad(options, server.wsUrl, progress, (samples) => referenceSamples.push(...samples)),
          );
        }
      }
      rounds.push({ first, copydesk: copydesk!, reference: reference! });
    }
    const copydeskPropagation = {
      ...summariseLatencies(copydeskSamples),
      lost: rounds.reduce((sum, r) => sum + r.copydesk.propagationMs.lost, 0),
    };
    const referencePropagation = {
      ...summariseLatencies(referenceSamples),
      lost: rounds.reduce((sum, r) => sum + r.reference.propagationMs.lost, 0),
    };
    const rss = { copydesk: copydeskRss.summary(), reference: referenceRss.summary() };
    return {
      mode: 'reference',
      url: options.url,
      reference: {
        server: REFERENCE_SERVER,
        store: REFERENCE_STORE,
        wsUrl: server.wsUrl,
        pid: server.pid,
        nice: await procNice(server.pid),
      },
      config: { ...rounds[0]!.copydesk.config, rounds: options.rounds },
      rounds,
      propagationMs: {
        copydesk: copydeskPropagation,
        reference: referencePropagation,
        ratio: ratios(copydeskPropagation, referencePropagation),
      },
      rss: { ...rss, peakRatio: ratio(rss.copydesk.peakBytes, rss.reference.peakBytes) },
    };
  }
}

/** Copydesk's figure over the reference's, per percentile. */
export function ratios(copydesk: LatencySummary, reference: LatencySummary): Ratios {
  return {
    p50: ratio(copydesk.p50, reference.p50),
    p95: ratio(copydesk.p95, reference.p95),
    p99: ratio(copydesk.p99, reference.p99),
  };
}

export function ratio(copydesk: number | null, reference: number | null): number | null {
  return copydesk === null || reference === null || reference <= 0 ? null : copydesk / reference;
}

/** A server's memory before the first run, and its peak over the runs it is put `during`. */
export interface PeakSampler {
  sampleBefore(): Promise<void>;
  during<T>(work: () => Promise<T>): Promise<T>;
  summary(): RssPeak;
}

/** Samples a server's RSS every second while its runs go on; keeps the highest. */
export class RssSampler implements PeakSampler {
  private beforeBytes: number | null = null;
  private peakBytes: number | null = null;
  private samples = 0;
  private problem: string | undefined;

  /** `method`: where the readings come from, for the report. */
  constructor(
    private readonly method: string,
    private readonly read: () => Promise<{ bytes: number | null; problem?: string }>,
  ) {}

  async sampleBefore(): Promise<void> {
    this.beforeBytes = await this.sample();
  }

  async during<T>(work: () => Promise<T>): Promise<T> {
    let reading: Promise<unknown> = Promise.resolve();
    const timer = setInterval(() => {
      reading = this.sample();
    }, RSS_SAMPLE_MS);
    try {
      return await work();
    } finally {
      clearInterval(timer);
      await reading;
      await this.sample();
    }
  }

  summary(): RssPeak {
    return {
      method: this.method,
      beforeBytes: this.beforeBytes,
      peakBytes: this.peakBytes,
      samples: this.samples,
      ...(this.problem ? { problem: this.problem } : {}),
    };
  }

  private async sample(): Promise<number | null> {
    const { bytes, problem } = await this.read();
    if (bytes === null) {
      this.problem ??= problem;
      return null;
    }
    this.samples += 1;
    this.peakBytes = Math.max(this.peakBytes ?? 0, bytes);
    return bytes;
  }
}

/** A process's peak by /proc (see ProcMemorySampler): VmHWM reset per run where allowed, VmRSS every 100 ms. */
export class ProcPeakSampler implements PeakSampler {
  private beforeBytes: number | null = null;
  private readonly memory: ProcMemorySampler;

  constructor(pid: number, memory: ProcMemorySampler = new ProcMemorySampler(pid)) {
    this.memory = memory;
  }

  async sampleBefore(): Promise<void> {
    this.beforeBytes = await this.memory.rssBytes();
  }

  during<T>(work: () => Promise<T>): Promise<T> {
    return this.memory.during(work);
  }

  summary(): RssPeak {
    const s = this.memory.summary();
    return {
      method: s.method,
      beforeBytes: this.beforeBytes,
      peakBytes: s.peakBytes,
      samples: s.samples,
      runPeaksBytes: [...this.memory.runPeaksBytes],
      hwmBeforeBytes: s.hwmBeforeBytes,
      ...(s.problem ? { problem: s.problem } : {}),
    };
  }
}
