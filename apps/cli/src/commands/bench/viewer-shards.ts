/** The load bench's viewers: in worker threads (see viewer-shard.ts), or in this thread when unsharded. */
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { BenchOptions } from './bench-options.js';
import { ViewerGroup } from './viewer-group.js';
import type { FinishRequest, ShardFinished, ShardInput, ShardReady } from './viewer-shard.js';

export interface ViewerShards {
  ready: Promise<{ connected: number; failed: number; connectMs: number }>;
  finish(finalStates: FinishRequest['finalStates'], settleMs: number): Promise<ShardFinished[]>;
  terminate(): Promise<void>;
}

function nextMessage<T>(worker: Worker, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: { type: string }) => {
      if (message.type !== type) return;
      worker.off('message', onMessage);
      resolve(message as T);
    };
    worker.on('message', onMessage);
    worker.once('error', reject);
  });
}

/**
 * Viewer i goes to shard i % shards and to draft i % drafts, as the unsharded run spreads them.
 * With `referenceWsUrl`, the viewers join the reference server's documents named `draftIds`.
 */
export function startViewerShards(
  options: BenchOptions,
  token: string,
  draftIds: string[],
  shards: number,
  referenceWsUrl: string | null = null,
): ViewerShards {
  const workers = Array.from({ length: shards }, (_, shard) => {
    const draftIndexes: number[] = [];
    for (let viewer = shard; viewer < options.viewers; viewer += shards) draftIndexes.push(viewer % draftIds.length);
    const input: ShardInput = {
      options,
      token,
      draftIds,
      draftIndexes,
      mainTimeOrigin: performance.timeOrigin,
      referenceWsUrl,
    };
    return new Worker(new URL('./viewer-shard.js', import.meta.url), { workerData: input });
  });
  const ready = Promise.all(workers.map((worker) => nextMessage<ShardReady>(worker, 'ready'))).then((all) => ({
    connected: all.reduce((sum, r) => sum + r.connected, 0),
    failed: all.reduce((sum, r) => sum + r.failed, 0),
    connectMs: Math.max(...all.map((r) => r.connectMs)),
  }));
  return {
    ready,
    finish: (finalStates, settleMs) => {
      const request: FinishRequest = { type: 'finish', finalStates, settleMs };
      const replies = workers.map((worker) => nextMessage<ShardFinished>(worker, 'finished'));
      for (const worker of workers) worker.postMessage(request);
      return Promise.all(replies);
    },
    terminate: async () => {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}

/** The unsharded case: every viewer in this thread, behind the same interface. */
export function startLocalViewers(
  options: BenchOptions,
  token: string,
  draftIds: string[],
  referenceWsUrl: string | null = null,
): ViewerShards {
  const group = new ViewerGroup();
  const draftIndexes = Array.from({ length: options.viewers }, (_, viewer) => viewer % draftIds.length);
  const ready = group
    .connect(options.url, token, draftIds, draftIndexes, options.concurrency, referenceWsUrl)
    .then(() => ({ connected: group.connected, failed: group.failed, connectMs: group.connectMs }));
  return {
    ready,
    finish: async (finalStates, settleMs) => [
      // This thread's loop delay is the timing thread's, measured by the caller.
      { type: 'finished', ...(await group.finish(finalStates, settleMs)), loopDelayP99Ms: 0 },
    ],
    terminate: async () => undefined,
  };
}
