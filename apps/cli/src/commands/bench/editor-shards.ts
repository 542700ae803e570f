/**
 * The load bench's editors: in this thread (the default), or spread over worker threads
 * (`--editor-shards K`, see editor-shard.ts), behind one interface. Either way the main thread's
 * PropagationTracker ends up with every insertion and every receiver's time.
 */
import { performance } from 'node:perf_hooks';
import { BroadcastChannel, Worker } from 'node:worker_threads';
import type { AuthorInsertions, Received } from './author-shape.js';
import type { BenchOptions } from './bench-options.js';
import type { ClientText } from './convergence-check.js';
import { EditorGroup, editorRole, receiversByEditor, type EditorRoster, type Joined } from './editor-group.js';
import type { EditorShardInput, EditorShardMessage, EditorShardRequest, EditsMessage } from './editor-shard.js';
import type { ErrorTally } from './error-tally.js';
import { pollUntil, withTimeout } from './async-helpers.js';
import type { PropagationTracker } from './propagation-tracker.js';
import { seededRandom } from './random-edit.js';
import type { FinalStates } from './viewer-group.js';

export interface Typed {
  sent: number;
  /** Acked by the end of the typing. */
  acked: number;
  elapsedS: number;
  /** The editor threads' own loop delay (0: the caller measures this thread's). */
  loopDelayP99Ms: number;
  finalStates: FinalStates;
  /** --authors: what the server sent the authors. */
  received: Received;
}

export interface Drained {
  acked: number;
  unacked: number;
  ackLatencies: number[];
  /** When each of those updates was sent, on the timing thread's clock. */
  ackSentAt: number[];
}

export interface Editors {
  /**
   * Joins the editors numbered below `upTo` (editor i of the run is on draft i % drafts) that
   * have not joined yet; answers how all the joins so far went. Called once with the number of
   * editors, or in steps (--authors: observers join in between).
   */
  join(upTo: number): Promise<Joined>;
  /** Types for --duration; `tracker` already knows every editor (addEditor). */
  type(roster: EditorRoster): Promise<Typed>;
  /** Waits (up to settleMs) for every update to be acked; errors go into the run's tally. */
  drain(settleMs: number): Promise<Drained>;
  texts(): Promise<ClientText[]>;
  /** --authors: every author's insertions, as its own copy holds them. */
  insertions(): Promise<AuthorInsertions[]>;
  close(): Promise<void>;
}

/** Every editor in this thread, reporting straight to `tracker`. */
export function startLocalEditors(
  options: BenchOptions,
  token: string,
  draftIds: string[],
  tracker: PropagationTracker,
  tally: ErrorTally,
): Editors {
  const group = new EditorGroup(tally, 0, editorRole(options));
  const numbers = Array.from({ length: options.editors }, (_, editor) => editor);
  return {
    join: async (upTo) => {
      await group.joinUpTo(options, token, draftIds, numbers, upTo);
      return group.joined();
    },
    type: async () => {
      const started = performance.now();
      await group.type(options, seededRandom(options.seed), {
        edit: (clientId, endClock, at) => tracker.recordEdit(clientId, endClock, at),
        applied: (doc, update, at) => tracker.applied(doc, update, at),
      });
      const elapsedS = (performance.now() - started) / 1000;
      return {
        sent: group.counters.sent,
        acked: group.counters.acked,
        elapsedS,
        loopDelayP99Ms: 0,
        finalStates: group.finalStates(),
        received: { ...group.received },
      };
    },
    drain: async (settleMs) => {
      await pollUntil(() => group.pendingUpdates() === 0, settleMs);
      return {
        acked: group.counters.acked,
        unacked: group.pendingUpdates(),
        ackLatencies: group.ackLatencies,
        ackSentAt: group.ackSentAt,
      };
    },
    texts: async () => group.texts(),
    insertions: async () => group.insertions(),
    close: () => group.close(options.concurrency),
  };
}

let runs = 0;

/**
 * Editor i goes to shard i % shards and to draft i % drafts, as the unsharded run spreads them.
 * Each shard reports, for every insertion, when the last of its editors held it (weighted by how
 * many of its editors had to): `tracker` takes the latest over shards and viewers.
 */
export function startEditorShards(
  options: BenchOptions,
  token: string,
  draftIds: string[],
  shards: number,
  tracker: PropagationTracker,
  tally: ErrorTally,
): Editors {
  const editsChannel = `copydesk-bench-edits-${process.pid}-${(runs += 1)}`;
  const channel = new BroadcastChannel(editsChannel);
  channel.onmessage = (event) => {
    const { edits } = (event as { data: EditsMessage }).data;
    for (let i = 0; i < edits.length; i += 3) tracker.recordEdit(edits[i]!, edits[i + 1]!, edits[i + 2]!);
  };
  const shardCount = Math.min(shards, Math.max(1, options.editors));
  const workers = Array.from({ length: shardCount }, (_, shard) => {
    const numbers: number[] = [];
    for (let editor = shard; editor < options.editors; editor += shardCount) numbers.push(editor);
    const input: EditorShardInput = {
      options,
      token,
      draftIds,
      numbers,
      seed: (options.seed + Math.imul(shard + 1, 0x9e3779b1)) >>> 0,
      mainTimeOrigin: performance.timeOrigin,
      editsChannel,
    };
    return new Worker(new URL('./editor-shard.js', import.meta.url), { workerData: input });
  });
  // Weights: how many editors of each shard must apply each editor's insertions.
  let weights: Map<number, number>[] = [];
  workers.forEach((worker, shard) => {
    worker.on('message', (message: EditorShardMessage) => {
      if (message.type !== 'delivered') return;
      const d = message.deliveries;
      const key = `editor shard ${shard}`;
      for (let i = 0; i < d.length; i += 3) {
        tracker.reached(key, d[i]!, d[i + 1]!, d[i + 2]!, weights[shard]!.get(d[i]!) ?? 0);
      }
    });
  });
  const ask = <T extends EditorShardMessage['type']>(
    request: EditorShardRequest,
    type: T,
  ): Promise<Extract<EditorShardMessage, { type: T }>[]> => {
    const replies = workers.map((worker) => nextMessage<Extract<EditorShardMessage, { type: T }>>(worker, type));
    for (const worker of workers) worker.postMessage(request);
    return Promise.all(replies);
  };
  // Authors apply nothing: no shard has receivers, only the main thread's observers.
  const integrates = editorRole(options) === 'editor';
  let joined: Extract<EditorShardMessage, { type: 'joined' }>[] = [];
  return {
    join: async (upTo) => {
      joined = await ask({ type: 'join', upTo }, 'joined');
      return {
        connected: joined.reduce((sum, r) => sum + r.connected, 0),
        failed: joined.reduce((sum, r) => sum + r.failed, 0),
        connectMs: Math.max(...joined.map((r) => r.connectMs)),
        roster: joined.flatMap((r) => r.roster),
      };
    },
    type: async (roster) => {
      const owner = new Map<number, number>();
      joined.forEach((r, shard) => {
        for (const [, clientId] of r.roster) owner.set(clientId, shard);
      });
      weights = workers.map((_, shard) =>
        receiversByEditor(roster, [], (index) => integrates && owner.get(roster[index]![1]) === shard),
      );
      const typed = await ask({ type: 'start', roster }, 'typed');
      return {
        sent: typed.reduce((sum, t) => sum + t.sent, 0),
        acked: typed.reduce((sum, t) => sum + t.acked, 0),
        elapsedS: Math.max(...typed.map((t) => t.elapsedMs)) / 1000,
        loopDelayP99Ms: Math.max(...typed.map((t) => t.loopDelayP99Ms)),
        finalStates: typed.flatMap((t) => t.finalStates),
        received: {
          messages: typed.reduce((sum, t) => sum + t.received.messages, 0),
          bytes: typed.reduce((sum, t) => sum + t.received.bytes, 0),
        },
      };
    },
    drain: async (settleMs) => {
      const drained = await ask({ type: 'drain', settleMs }, 'drained');
      for (const d of drained) {
        for (const [code, count] of Object.entries(d.errors)) for (let i = 0; i < count; i++) tally.add(code);
      }
      return {
        acked: drained.reduce((sum, d) => sum + d.acked, 0),
        unacked: drained.reduce((sum, d) => sum + d.unacked, 0),
        ackLatencies: drained.flatMap((d) => d.ackLatencies),
        ackSentAt: drained.flatMap((d) => d.ackSentAt),
      };
    },
    texts: async () => (await ask({ type: 'texts' }, 'texts')).flatMap((t) => t.texts),
    insertions: async () => (await ask({ type: 'insertions' }, 'insertions')).flatMap((t) => t.insertions),
    close: async () => {
      await withTimeout(ask({ type: 'close' }, 'closed'), 30_000, 'closing the editor shards').catch(() => undefined);
      channel.close();
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}

/** The worker's next message of `type`; rejects if the worker fails or exits first. */
function nextMessage<T>(worker: Worker, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: { type: string }) => {
      if (message.type !== type) return;
      done();
      resolve(message as T);
    };
    const onError = (error: Error) => {
      done();
      reject(error);
    };
    const onExit = (code: number) => {
      done();
      reject(new Error(`an editor shard exited (${code}) before its '${type}'`));
    };
    const done = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
  });
}
