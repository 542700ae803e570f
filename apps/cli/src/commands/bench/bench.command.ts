/** `copydesk bench`: load against a running server (see BENCH_USAGE). */
import { CopydeskApiError } from '#client';
import type { CommandIo } from '../../command-io.js';
import { BENCH_USAGE, parseBenchOptions, type BenchOptions } from './bench-options.js';
import { formatReport, idleWithinLimit } from './bench-report.js';
import { yieldCpuTo } from './cpu-priority.js';
import type { BenchResult } from './bench-result.js';
import { runClaims } from './claims-run.js';
import { runHistory } from './history-run.js';
import { runIdle } from './idle-run.js';
import { runLoad } from './load-run.js';
import { runPresence } from './presence-run.js';
import { describeProcess, ProcMemorySampler } from './proc-memory.js';
import { runReference, startReference } from './reference-compare.js';
import type { ReferenceProcess } from './reference-process.js';
import { BenchSetupError, runReleases } from './release-run.js';
import { readServerRss } from './server-metrics.js';
import { runWeb } from './web-run.js';

export { BENCH_USAGE };

export async function benchCommand(argv: string[], io: CommandIo): Promise<number> {
  const options = parseBenchOptions(argv);
  if (!options) {
    io.out(BENCH_USAGE);
    return 0;
  }
  // Progress goes to stderr so that --json output stays parseable.
  const progress = (line: string) => io.err(`bench: ${line}`);
  let reference: ReferenceProcess | null = null;
  let result: BenchResult & { benchNice: number };
  try {
    // Before lowering the bench's priority: the reference server must not inherit it.
    reference = options.reference ? await startReference(options, progress) : null;
    if (options.serverPid !== null) await checkServerPid(options, options.serverPid, progress);
    const priority = yieldCpuTo(options.nice);
    if (priority.problem) progress(`could not lower the bench's CPU priority (${priority.problem})`);
    result = { ...(await run(options, progress, reference)), benchNice: priority.nice };
  } catch (error) {
    io.err(explain(error, options));
    return 1;
  } finally {
    await reference?.stop();
  }
  if (options.json) io.out(JSON.stringify(result, roundForJson, 2));
  else for (const line of [...formatReport(result), niceLine(result.benchNice)]) io.out(line);
  return succeeded(result) ? 0 : 1;
}

function run(
  options: BenchOptions,
  progress: (line: string) => void,
  reference: ReferenceProcess | null,
): Promise<BenchResult> {
  switch (options.mode) {
    case 'load':
      return reference ? runReference(options, reference, progress) : runLoad(options, progress);
    case 'idle':
      return runIdle(options, progress);
    case 'history':
      return runHistory(options, progress);
    case 'presence':
      return runPresence(options, progress);
    case 'claims':
      return runClaims(options, progress);
    case 'releases':
      return runReleases(options, progress);
    case 'web':
      return runWeb(options, progress);
  }
}

/**
 * --server-pid must name a process whose /proc/PID/status this user can read; a warning when its
 * RSS is far from what the server at --url reports on /metrics (another process, a wrapper shell).
 */
async function checkServerPid(options: BenchOptions, pid: number, progress: (line: string) => void): Promise<void> {
  const name = await describeProcess(pid);
  if (name === null)
    throw new BenchSetupError(`--server-pid ${pid}: /proc/${pid}/status cannot be read (no such process?)`);
  progress(`reading the server's memory from /proc/${pid}/status (${name})`);
  const [proc, metrics] = await Promise.all([
    new ProcMemorySampler(pid).rssBytes(),
    readServerRss(options.url, options.metricsToken),
  ]);
  if (proc !== null && metrics.bytes !== null && (proc < metrics.bytes / 1.5 || proc > metrics.bytes * 1.5)) {
    const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
    progress(
      `warning: process ${pid} (${name}) has ${mb(proc)} resident, the server at ${options.url} reports ${mb(metrics.bytes)}:` +
        ' is --server-pid the server itself (not a shell or npm that started it)?',
    );
  }
}

function niceLine(nice: number): string {
  return `  bench nice   ${nice}${nice > 0 ? ' (a server on this machine was scheduled before the bench)' : ''}`;
}

/** Milliseconds to the microsecond are plenty; 15 digits of float noise are not. */
function roundForJson(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isInteger(value) ? Math.round(value * 1000) / 1000 : value;
}

/**
 * Exit 1 when the server lost or diverged, missed the memory limit, lost claims events, or lost,
 * repeated or mis-signed a webhook delivery, or when the web page lost a keystroke, ended with
 * different texts or went over its weight budget: usable as a CI gate.
 */
function succeeded(result: BenchResult): boolean {
  switch (result.mode) {
    case 'load':
      return result.convergence.ok && result.setup.failed === 0 && result.throughput.unacked === 0;
    case 'reference':
      // Copydesk's rounds gate as a load run does; the reference must at least have run whole.
      return (
        result.rounds.every((r) => succeeded(r.copydesk)) &&
        result.rounds.every((r) => r.reference.setup.failed === 0 && r.reference.propagationMs.count > 0)
      );
    case 'idle':
      return result.setup.failed === 0 && idleWithinLimit(result);
    case 'history':
      return result.append.unacked === 0;
    case 'presence':
      return result.setup.failed === 0 && result.moves.acked === result.moves.sent;
    case 'claims':
      return result.rounds.lost === 0;
    case 'releases':
      return (
        result.deliveries.lost === 0 &&
        result.deliveries.duplicates === 0 &&
        Object.keys(result.deliveries.invalid).length === 0 &&
        (result.embargo === null || (result.embargo.early === 0 && result.embargo.mismatched === 0))
      );
    case 'web':
      return result.typing.lost === 0 && result.typing.textsMatch && result.weight.withinBudget;
  }
}

/** The usual ways a bench fails before it starts, said plainly; anything else keeps its stack. */
function explain(error: unknown, options: BenchOptions): string {
  if (error instanceof BenchSetupError) return `bench: ${error.message}`;
  if (error instanceof CopydeskApiError) {
    const hint = error.code === 'INVALID_CREDENTIALS' ? ' (for the demo user, run `copydesk seed --demo` first)' : '';
    return `bench: the server refused: ${error.status} ${error.code}: ${error.message}${hint}`;
  }
  if (error instanceof TypeError && error.message === 'fetch failed') {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? 'no answer';
    return `bench: cannot reach ${options.url} (${cause}): is the server running?`;
  }
  throw error;
}
