/**
 * A worker thread holding some of the load bench's viewers, so that applying every update in
 * a hundred Yjs documents does not saturate the thread that times the editors. It records when
 * each viewer's state for each editor advanced (in the main thread's clock), and its texts.
 */
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import * as Y from 'yjs';
import { pollUntil } from './async-helpers.js';
import { closeFleet, connectFleet } from './bench-fleet.js';
import type { BenchOptions } from './bench-options.js';
import { ErrorTally } from './error-tally.js';
import { watchLoopDelay } from './loop-delay.js';

export interface ShardInput {
  options: BenchOptions;
  token: string;
  draftIds: string[];
  draftIndexes: number[];
  /** The main thread's performance.timeOrigin: times are sent on its clock. */
  mainTimeOrigin: number;
}

/** Every editor's final clock, by draft: the shard answers once its viewers all hold them. */
export interface FinishRequest {
  type: 'finish';
  finalStates: [draftIndex: number, clientId: number, clock: number][];
  settleMs: number;
}

export interface ShardReady {
  type: 'ready';
  connected: number;
  failed: number;
  connectMs: number;
}

export interface ShardFinished {
  type: 'finished';
  /** Flat (viewer, clientId, state, at) quadruples. */
  transitions: number[];
  texts: [draftIndex: number, text: string][];
  errors: Record<string, number>;
  loopDelayP99Ms: number;
}

async function main(): Promise<void> {
  const input = workerData as ShardInput;
  const port = parentPort!;
  const tally = new ErrorTally();
  const fleet = await connectFleet(input.options, input.token, input.draftIds, input.draftIndexes, tally);
  const transitions: number[] = [];
  const offset = performance.timeOrigin - input.mainTimeOrigin;
  fleet.users.forEach((user, viewer) => {
    const doc = user.session.doc;
    user.session.on('update', (event) => {
      const at = performance.now() + offset;
      for (const clientId of Y.parseUpdateMeta(event.update).to.keys()) {
        transitions.push(viewer, clientId, Y.getState(doc.store, clientId), at);
      }
    });
  });
  const loopDelay = watchLoopDelay();
  const ready: ShardReady = {
    type: 'ready',
    connected: fleet.users.length,
    failed: fleet.failed,
    connectMs: fleet.connectMs,
  };
  port.postMessage(ready);

  port.once('message', async (request: FinishRequest) => {
    const holdsAll = () =>
      fleet.users.every((user) =>
        request.finalStates.every(
          ([draftIndex, clientId, clock]) =>
            draftIndex !== user.draftIndex || Y.getState(user.session.doc.store, clientId) >= clock,
        ),
      );
    await pollUntil(holdsAll, request.settleMs);
    const loopDelayP99Ms = loopDelay.stop();
    const finished: ShardFinished = {
      type: 'finished',
      transitions,
      texts: fleet.users.map((user) => [
        user.draftIndex,
        `${user.session.headline.toString()}\n${user.session.body.toString()}`,
      ]),
      errors: tally.toJSON(),
      loopDelayP99Ms,
    };
    port.postMessage(finished);
    await closeFleet(fleet.users, input.options.concurrency);
  });
}

void main();
