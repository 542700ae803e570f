/**
 * A worker thread holding some of the load bench's viewers (see ViewerGroup), so that receiving
 * every update on a hundred sockets does not delay the thread that times the editors. Times are
 * sent on the main thread's clock.
 */
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import type { BenchOptions } from './bench-options.js';
import { watchLoopDelay } from './loop-delay.js';
import { ViewerGroup, type FinalStates, type ViewerGroupReport } from './viewer-group.js';

export interface ShardInput {
  options: BenchOptions;
  token: string;
  draftIds: string[];
  draftIndexes: number[];
  /** The main thread's performance.timeOrigin: times are sent on its clock. */
  mainTimeOrigin: number;
  /** --reference: the reference server's ws:// URL (the viewers join it instead of Copydesk). */
  referenceWsUrl: string | null;
}

export interface FinishRequest {
  type: 'finish';
  finalStates: FinalStates;
  settleMs: number;
}

export interface ShardReady {
  type: 'ready';
  connected: number;
  failed: number;
  connectMs: number;
}

export interface ShardFinished extends ViewerGroupReport {
  type: 'finished';
  loopDelayP99Ms: number;
}

async function main(): Promise<void> {
  const input = workerData as ShardInput;
  const port = parentPort!;
  const group = new ViewerGroup(performance.timeOrigin - input.mainTimeOrigin);
  await group.connect(
    input.options.url,
    input.token,
    input.draftIds,
    input.draftIndexes,
    input.options.concurrency,
    input.referenceWsUrl,
  );
  const loopDelay = watchLoopDelay();
  const ready: ShardReady = {
    type: 'ready',
    connected: group.connected,
    failed: group.failed,
    connectMs: group.connectMs,
  };
  port.postMessage(ready);
  port.once('message', async (request: FinishRequest) => {
    const report = await group.finish(request.finalStates, request.settleMs);
    const finished: ShardFinished = { type: 'finished', ...report, loopDelayP99Ms: loopDelay.stop() };
    port.postMessage(finished);
  });
}

void main();
