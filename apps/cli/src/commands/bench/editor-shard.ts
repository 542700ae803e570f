/**
 * A worker thread holding some of the load bench's editors (`--editor-shards`), so that the
 * N(N-1) applies a second of N authors on one draft are spread over several cores instead of one
 * thread. The editors are full SDK sessions (see EditorGroup): each integrates every remote
 * update as it arrives. With --authors, they are authors instead (see author-shape.ts): they
 * receive every update and integrate none, and the shard's own tracker has nothing to time.
 *
 * Propagation is measured as in one thread, on the main thread's clock: every insertion of this
 * shard's editors goes to the other shards and the main thread on a BroadcastChannel (client id,
 * end clock, send time), and this shard's own PropagationTracker notes when its editors hold each
 * insertion of any editor of the run. Once all of them hold one, the shard tells the main thread
 * when the last of them did: the main thread takes the latest over the shards and the viewers.
 */
import { performance } from 'node:perf_hooks';
import { BroadcastChannel, parentPort, workerData } from 'node:worker_threads';
import type { AuthorInsertions, Received } from './author-shape.js';
import type { BenchOptions } from './bench-options.js';
import { EditorGroup, editorRole, receiversByEditor, type EditorRoster, type Joined } from './editor-group.js';
import type { ClientText } from './convergence-check.js';
import { ErrorTally } from './error-tally.js';
import { watchLoopDelay } from './loop-delay.js';
import { PropagationTracker } from './propagation-tracker.js';
import { pollUntil } from './async-helpers.js';
import { seededRandom } from './random-edit.js';
import type { FinalStates } from './viewer-group.js';

export interface EditorShardInput {
  options: BenchOptions;
  token: string;
  draftIds: string[];
  /** This shard's editors' numbers in the run, ascending (editor i is on draft i % drafts). */
  numbers: number[];
  /** Seeds this shard's typing (the run's --seed mixed with the shard's number). */
  seed: number;
  /** The main thread's performance.timeOrigin: times are sent on its clock. */
  mainTimeOrigin: number;
  /** The BroadcastChannel on which every shard announces its editors' insertions. */
  editsChannel: string;
}

/** Insertions, flat (clientId, endClock, sentAt) triples, on the edits channel. */
export interface EditsMessage {
  edits: number[];
}

export type EditorShardRequest =
  | { type: 'join'; upTo: number }
  | { type: 'start'; roster: EditorRoster }
  | { type: 'drain'; settleMs: number }
  | { type: 'texts' }
  | { type: 'insertions' }
  | { type: 'close' };

export type EditorShardMessage =
  /** Every join so far: the shard's editors numbered below `upTo` have joined or failed to. */
  | ({ type: 'joined' } & Joined)
  /** Flat (clientId, endClock, lastAt) triples: every editor of this shard holds that insertion since lastAt. */
  | { type: 'delivered'; deliveries: number[] }
  | {
      type: 'typed';
      sent: number;
      acked: number;
      elapsedMs: number;
      loopDelayP99Ms: number;
      finalStates: FinalStates;
      received: Received;
    }
  | {
      type: 'drained';
      acked: number;
      unacked: number;
      ackLatencies: number[];
      ackSentAt: number[];
      errors: Record<string, number>;
    }
  | { type: 'texts'; texts: ClientText[] }
  | { type: 'insertions'; insertions: AuthorInsertions[] }
  | { type: 'closed' };

const FLUSH_MS = 10;

function main(): void {
  const input = workerData as EditorShardInput;
  const port = parentPort!;
  const send = (message: EditorShardMessage) => port.postMessage(message);
  const tally = new ErrorTally();
  const group = new EditorGroup(tally, performance.timeOrigin - input.mainTimeOrigin, editorRole(input.options));
  let deliveries: number[] = [];
  const tracker = new PropagationTracker(({ clientId, endClock, lastAt }) =>
    deliveries.push(clientId, endClock, lastAt),
  );
  // Insertions: this shard's go out on the channel, everyone's come in. Another shard may start
  // typing before this one has its 'start' (and the roster): those wait until it does.
  let early: number[] | null = [];
  const record = (edits: number[]) => {
    for (let i = 0; i < edits.length; i += 3) tracker.recordEdit(edits[i]!, edits[i + 1]!, edits[i + 2]!);
  };
  const channel = new BroadcastChannel(input.editsChannel);
  channel.onmessage = (event) => {
    const { edits } = (event as { data: EditsMessage }).data;
    if (early) early.push(...edits);
    else record(edits);
  };
  // Deliveries go to the main thread and this shard's insertions to everyone, batched: a message
  // costs a wake-up of every thread it goes to, and the times they carry do not depend on when.
  let outgoing: number[] = [];
  const flush = () => {
    if (outgoing.length > 0) {
      channel.postMessage({ edits: outgoing } satisfies EditsMessage);
      outgoing = [];
    }
    if (deliveries.length > 0) {
      send({ type: 'delivered', deliveries });
      deliveries = [];
    }
  };
  const flusher = setInterval(flush, FLUSH_MS);
  const sink = {
    edit(clientId: number, endClock: number, at: number) {
      tracker.recordEdit(clientId, endClock, at);
      outgoing.push(clientId, endClock, at);
    },
    applied: tracker.applied.bind(tracker),
  };

  port.on('message', (request: EditorShardRequest) => {
    void (async () => {
      switch (request.type) {
        case 'join':
          await group.joinUpTo(input.options, input.token, input.draftIds, input.numbers, request.upTo);
          send({ type: 'joined', ...group.joined() });
          return;
        case 'start': {
          // Every editor of the run whose draft has editors here: how many of them must apply its
          // insertions (authors apply none).
          const local = new Set(group.role === 'editor' ? group.users.map((user) => user.session.doc.clientID) : []);
          const receivers = receiversByEditor(request.roster, [], (index) => local.has(request.roster[index]![1]));
          for (const [clientId, count] of receivers) if (count > 0) tracker.addEditor(clientId, count);
          record(early ?? []);
          early = null;
          const loopDelay = watchLoopDelay();
          const started = performance.now();
          await group.type(input.options, seededRandom(input.seed), sink);
          send({
            type: 'typed',
            sent: group.counters.sent,
            acked: group.counters.acked,
            elapsedMs: performance.now() - started,
            loopDelayP99Ms: loopDelay.stop(),
            finalStates: group.finalStates(),
            received: group.received,
          });
          return;
        }
        case 'drain':
          await pollUntil(() => group.pendingUpdates() === 0, request.settleMs);
          send({
            type: 'drained',
            acked: group.counters.acked,
            unacked: group.pendingUpdates(),
            ackLatencies: group.ackLatencies,
            ackSentAt: group.ackSentAt,
            errors: tally.toJSON(),
          });
          return;
        case 'texts':
          send({ type: 'texts', texts: group.texts() });
          return;
        case 'insertions':
          send({ type: 'insertions', insertions: group.insertions() });
          return;
        case 'close':
          clearInterval(flusher);
          flush();
          channel.close();
          await group.close(input.options.concurrency);
          send({ type: 'closed' });
          return;
      }
    })();
  });
}

main();
