import { describe, expect, it } from '@jest/globals';
import { describeProcess, ProcMemorySampler, type ProcFiles } from './proc-memory.js';

const MB = 1024 * 1024;

/** A process whose memory the test sets: clear_refs brings VmHWM down to VmRSS, as the kernel does. */
function fakeProcess(options: { clearRefs: 'ok' | 'EACCES' }) {
  const state = { rss: 100, hwm: 400, resets: 0 };
  const files: ProcFiles = {
    readStatus: async () => `Name:\tnode\nVmHWM:\t${state.hwm * 1024} kB\nVmRSS:\t${state.rss * 1024} kB\n`,
    clearRefs: async () => {
      if (options.clearRefs !== 'ok') throw Object.assign(new Error('refused'), { code: options.clearRefs });
      state.resets += 1;
      state.hwm = state.rss;
    },
  };
  const grow = (rss: number) => {
    state.rss = rss;
    state.hwm = Math.max(state.hwm, rss);
  };
  return { state, files, grow };
}

describe('ProcMemorySampler', () => {
  it("resets VmHWM at each run's start and takes it as the run's peak, even between samples", async () => {
    const p = fakeProcess({ clearRefs: 'ok' });
    const sampler = new ProcMemorySampler(42, 60_000, p.files);
    await sampler.during(async () => {
      p.grow(250); // a spike no sample sees
      p.grow(120);
    });
    await sampler.during(async () => p.grow(180));
    expect(p.state.resets).toBe(2);
    expect(sampler.runPeaksBytes).toEqual([250 * MB, 180 * MB]);
    expect(sampler.summary()).toMatchObject({
      peakBytes: 250 * MB,
      hwmReset: true,
      hwmBeforeBytes: 400 * MB, // before the first reset: the peak since the process started
      method: "/proc/42/status: VmHWM reset at each run's start (clear_refs), and VmRSS every 60000 ms",
    });
  });

  it('falls back to VmRSS samples when the reset is refused, and says so', async () => {
    const p = fakeProcess({ clearRefs: 'EACCES' });
    const sampler = new ProcMemorySampler(42, 5, p.files);
    await sampler.start();
    p.grow(300);
    await new Promise((resolve) => setTimeout(resolve, 40));
    p.grow(150);
    const peak = await sampler.stop();
    // VmHWM (400, since start) is not the run's: only the samples count.
    expect(peak).toMatchObject({ peakBytes: 300 * MB, hwmReset: false });
    expect(sampler.summary().method).toBe('/proc/42/status: VmRSS every 5 ms (resetting VmHWM was refused: EACCES)');
    expect(sampler.summary().samples).toBeGreaterThanOrEqual(3);
  });

  it('says why there is no reading', async () => {
    const files: ProcFiles = {
      readStatus: async () => {
        throw Object.assign(new Error('gone'), { code: 'ENOENT' });
      },
      clearRefs: async () => undefined,
    };
    const sampler = new ProcMemorySampler(42, 60_000, files);
    await sampler.start();
    expect(await sampler.stop()).toMatchObject({
      peakBytes: null,
      problem: '/proc/42/status is unreadable (ENOENT)',
    });
    expect(await describeProcess(42, files)).toBeNull();
  });

  it('reads this process', async () => {
    expect(await describeProcess(process.pid)).toMatch(/node|jest/);
    const sampler = new ProcMemorySampler(process.pid, 10);
    // Not resetting this process's VmHWM in a test: only its VmRSS is read here.
    expect(await sampler.rssBytes()).toBeGreaterThan(MB);
  });
});
