import os from 'node:os';
import { describe, expect, it } from '@jest/globals';
import { formatReport } from './bench-report.js';
import type { LoadResult, ReferenceResult } from './bench-result.js';
import { ProcMemorySampler } from './proc-memory.js';
import { ProcPeakSampler, ratio, ratios, RssSampler } from './reference-compare.js';
import { parseProcStatus } from './reference-process.js';

const MB = 1024 * 1024;

describe('ratios', () => {
  it('divides Copydesk by the reference, and has none without both figures', () => {
    expect(ratio(5, 10)).toBe(0.5);
    expect(ratio(null, 10)).toBeNull();
    expect(ratio(5, 0)).toBeNull();
    const summary = (p50: number | null) => ({ count: 1, p50, p95: p50, p99: p50, max: p50 });
    expect(ratios(summary(3), summary(2))).toEqual({ p50: 1.5, p95: 1.5, p99: 1.5 });
    expect(ratios(summary(3), summary(null))).toEqual({ p50: null, p95: null, p99: null });
  });
});

describe('parseProcStatus', () => {
  it('reads a kB field of /proc/<pid>/status in bytes', () => {
    const status = 'Name:\tnode\nVmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\nThreads:\t11\n';
    expect(parseProcStatus(status, 'VmRSS')).toBe(100 * MB);
    expect(parseProcStatus(status, 'VmHWM')).toBe(200 * MB);
    expect(parseProcStatus(status, 'VmSwap')).toBeNull();
  });

  it('reads this process, and its niceness', async () => {
    const { procNice, procStatusBytes } = await import('./reference-process.js');
    expect(await procStatusBytes(process.pid, 'VmRSS')).toBeGreaterThan(MB);
    expect(await procNice(process.pid)).toBe(os.getPriority());
  });
});

describe('RssSampler', () => {
  it('keeps the first reading and the highest, and says why there is none', async () => {
    const readings = [100, 300, 200];
    const sampler = new RssSampler('/metrics every 1 s', async () => ({
      bytes: readings.shift() ?? null,
      problem: 'gone',
    }));
    await sampler.sampleBefore();
    await sampler.during(async () => undefined);
    await sampler.during(async () => undefined);
    expect(sampler.summary()).toEqual({ method: '/metrics every 1 s', beforeBytes: 100, peakBytes: 300, samples: 3 });
    await sampler.during(async () => undefined);
    expect(sampler.summary()).toMatchObject({ peakBytes: 300, samples: 3, problem: 'gone' });
  });
});

describe('ProcPeakSampler', () => {
  it("reads both servers' peaks the same way: VmHWM reset per run, with each run's peak", async () => {
    const state = { rss: 100 * 1024, hwm: 500 * 1024 };
    const files = {
      readStatus: async () => `VmHWM:\t${state.hwm} kB\nVmRSS:\t${state.rss} kB\n`,
      clearRefs: async () => {
        state.hwm = state.rss;
      },
    };
    const sampler = new ProcPeakSampler(7, new ProcMemorySampler(7, 60_000, files));
    await sampler.sampleBefore();
    for (const spike of [300, 200]) {
      await sampler.during(async () => {
        state.hwm = spike * 1024;
      });
    }
    expect(sampler.summary()).toEqual({
      method: "/proc/7/status: VmHWM reset at each run's start (clear_refs), and VmRSS every 60000 ms",
      beforeBytes: 100 * MB,
      peakBytes: 300 * MB,
      samples: 4,
      runPeaksBytes: [300 * MB, 200 * MB],
      hwmBeforeBytes: 500 * MB,
    });
  });
});

describe('the --reference report', () => {
  const latency = (p50: number) => ({ count: 100, p50, p95: p50 * 2, p99: p50 * 3, max: p50 * 4 });
  const copydesk = {
    mode: 'load',
    config: { editors: 20, ratePerEditor: 5, drafts: 1, viewers: 20, durationS: 20, typing: 'scattered', seed: 7 },
    throughput: { offeredPerS: 100, sentPerS: 99.5, ackedPerS: 99.5, sent: 1990, acked: 1990, unacked: 0 },
    propagationMs: { ...latency(4), lost: 0 },
    durableAckMs: latency(2),
    errors: {},
    convergence: { ok: true, drafts: 1, clients: 40, mismatches: [] },
    benchEventLoopDelayP99Ms: 3,
  } as unknown as LoadResult;
  const result: ReferenceResult = {
    mode: 'reference',
    url: 'http://127.0.0.1:3000',
    reference: { server: 'Hocuspocus 3.4.4', store: 'PostgreSQL', wsUrl: 'ws://127.0.0.1:4000', pid: 1, nice: 0 },
    config: { ...copydesk.config, rounds: 1 },
    rounds: [
      {
        first: 'copydesk',
        copydesk,
        reference: {
          setup: { clients: 40, failed: 0, connectMs: 100 },
          sent: 1990,
          sentPerS: 99.5,
          propagationMs: { ...latency(8), lost: 0 },
          converged: true,
          errors: {},
          benchEventLoopDelayP99Ms: 2,
        },
      },
    ],
    propagationMs: {
      copydesk: { ...latency(4), lost: 0 },
      reference: { ...latency(8), lost: 0 },
      ratio: { p50: 0.5, p95: 0.5, p99: 0.5 },
    },
    rss: {
      copydesk: { method: '/metrics every 1 s', beforeBytes: 150 * MB, peakBytes: 200 * MB, samples: 30 },
      reference: {
        method: '/proc/1/status: VmHWM reset at each run',
        beforeBytes: 50 * MB,
        peakBytes: 100 * MB,
        samples: 30,
        runPeaksBytes: [90 * MB, 100 * MB],
      },
      peakRatio: 2,
    },
  };

  it('prints both servers, the ratios and the RSS peaks', () => {
    const text = formatReport(result).join('\n');
    expect(text).toContain('against Hocuspocus 3.4.4');
    expect(text).toMatch(/copydesk\s+4\.0 ms\s+8\.0 ms\s+12\.0 ms\s+100\s+0/);
    expect(text).toMatch(/reference\s+8\.0 ms\s+16\.0 ms\s+24\.0 ms/);
    expect(text).toMatch(/ratio\s+0\.50x\s+0\.50x\s+0\.50x/);
    expect(text).toContain(
      'copydesk 200.0 MB (150.0 MB before), reference 100.0 MB (50.0 MB before; runs 90.0 MB, 100.0 MB), ratio 2.00x',
    );
    expect(text).toContain("copydesk's by /metrics every 1 s");
    expect(text).toContain("the reference's by /proc/1/status: VmHWM reset at each run");
    expect(text).toContain('round 1 (copydesk first)');
  });
});
