/**
 * A server's peak resident memory over a run, read from /proc/<pid>/status (`--server-pid` for
 * Copydesk; the reference server's child pid). The kernel's high-water mark (VmHWM) is the true
 * peak, but it counts from the process's start; writing 5 to /proc/<pid>/clear_refs resets it to
 * the current RSS, which a process's owner (or root) may do. So each run starts with that reset,
 * and its peak is VmHWM at its end. VmRSS is read every 100 ms as well: the peak is the higher of
 * the two, and when the reset is refused the samples are all there is (the method says which).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parseProcStatus } from './reference-process.js';

export const PROC_SAMPLE_MS = 100;

/** How a peak was measured, and what it was. */
export interface ProcPeak {
  method: string;
  peakBytes: number | null;
  /** VmRSS readings taken (every PROC_SAMPLE_MS). */
  samples: number;
  /** Whether VmHWM was reset at the start of the run (clear_refs), so that it is the run's own peak. */
  hwmReset: boolean;
  /**
   * VmHWM before the first reset: the process's peak since it started, or since someone last reset
   * it (an earlier bench run); the reset loses it, so it is kept here.
   */
  hwmBeforeBytes: number | null;
  problem?: string;
}

/** The filesystem calls, replaceable in tests. */
export interface ProcFiles {
  readStatus(pid: number): Promise<string>;
  clearRefs(pid: number): Promise<void>;
}

const procFiles: ProcFiles = {
  readStatus: (pid) => readFile(`/proc/${pid}/status`, 'utf8'),
  clearRefs: (pid) => writeFile(`/proc/${pid}/clear_refs`, '5'),
};

/** Whether /proc/<pid>/status can be read, with the process's name: checks a --server-pid before a run. */
export async function describeProcess(pid: number, files: ProcFiles = procFiles): Promise<string | null> {
  try {
    const status = await files.readStatus(pid);
    return /^Name:\s+(.*)$/m.exec(status)?.[1] ?? '?';
  } catch {
    return null;
  }
}

/** One process's memory over runs: `start` and `stop` around each (or `during`), the highest kept. */
export class ProcMemorySampler {
  private timer: NodeJS.Timeout | undefined;
  private reading: Promise<unknown> = Promise.resolve();
  private runPeak: number | null = null;
  private peak: number | null = null;
  private samples = 0;
  private resetRefused: string | null | undefined;
  private hwmBefore: number | null | undefined;
  private problem: string | undefined;
  readonly runPeaksBytes: (number | null)[] = [];

  constructor(
    readonly pid: number,
    private readonly intervalMs = PROC_SAMPLE_MS,
    private readonly files: ProcFiles = procFiles,
  ) {}

  /** VmRSS now (null when unreadable). */
  rssBytes(): Promise<number | null> {
    return this.status('VmRSS');
  }

  async start(): Promise<void> {
    if (this.timer) return;
    this.runPeak = null;
    if (this.hwmBefore === undefined) this.hwmBefore = await this.status('VmHWM');
    // Once refused, not tried again: the samples are the method from then on.
    if (typeof this.resetRefused !== 'string') {
      try {
        await this.files.clearRefs(this.pid);
        this.resetRefused = null;
      } catch (error) {
        this.resetRefused = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      }
    }
    await this.sample();
    this.timer = setInterval(() => {
      this.reading = this.sample();
    }, this.intervalMs).unref();
  }

  /** Ends a run: its peak (also kept for the summary); nothing when no run was started. */
  async stop(): Promise<ProcPeak | undefined> {
    if (!this.timer) return undefined;
    clearInterval(this.timer);
    this.timer = undefined;
    await this.reading;
    await this.sample();
    if (this.resetRefused === null) {
      const hwm = await this.status('VmHWM');
      if (hwm !== null) this.runPeak = Math.max(this.runPeak ?? 0, hwm);
    }
    this.runPeaksBytes.push(this.runPeak);
    if (this.runPeak !== null) this.peak = Math.max(this.peak ?? 0, this.runPeak);
    return { ...this.summary(), peakBytes: this.runPeak };
  }

  async during<T>(work: () => Promise<T>): Promise<T> {
    await this.start();
    try {
      return await work();
    } finally {
      await this.stop();
    }
  }

  /** Over every run so far. */
  summary(): ProcPeak {
    return {
      method: this.method(),
      peakBytes: this.peak,
      samples: this.samples,
      hwmReset: this.resetRefused === null,
      hwmBeforeBytes: this.hwmBefore ?? null,
      ...(this.problem ? { problem: this.problem } : {}),
    };
  }

  method(): string {
    const status = `/proc/${this.pid}/status`;
    const every = `VmRSS every ${this.intervalMs} ms`;
    if (this.resetRefused === null) return `${status}: VmHWM reset at each run's start (clear_refs), and ${every}`;
    if (this.resetRefused === undefined) return `${status}: VmHWM and ${every}`;
    return `${status}: ${every} (resetting VmHWM was refused: ${this.resetRefused})`;
  }

  private async sample(): Promise<void> {
    const bytes = await this.status('VmRSS');
    if (bytes === null) return;
    this.samples += 1;
    this.runPeak = Math.max(this.runPeak ?? 0, bytes);
  }

  private async status(field: 'VmRSS' | 'VmHWM'): Promise<number | null> {
    try {
      const bytes = parseProcStatus(await this.files.readStatus(this.pid), field);
      if (bytes === null) this.problem ??= `no ${field} in /proc/${this.pid}/status`;
      return bytes;
    } catch (error) {
      this.problem ??= `/proc/${this.pid}/status is unreadable (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
      return null;
    }
  }
}
