/**
 * Some of the load bench's SDK sessions, in the thread that runs this (the main thread, or an
 * editor shard: see editor-shard.ts), each on its own socket. Editors type into their draft and
 * integrate every remote update as it arrives, as a real client does. Authors (--authors, see
 * author-shape.ts) type the same way but only receive what the server sends them. A group that
 * does not type (--authors' observers) only integrates.
 */
import * as Y from 'yjs';
import { performance } from 'node:perf_hooks';
import { receiveWithoutIntegrating, authorInsertions, type AuthorInsertions, type Received } from './author-shape.js';
import { closeFleet, connectFleet, type SimulatedUser } from './bench-fleet.js';
import type { BenchOptions } from './bench-options.js';
import { sessionText, type ClientText } from './convergence-check.js';
import type { ErrorTally } from './error-tally.js';
import { runOpenLoop } from './open-loop.js';
import { typingFor, type Random } from './random-edit.js';
import type { FinalStates } from './viewer-group.js';

/** Where an editor group's measurements go: a PropagationTracker, or a shard's forwarder. */
export interface EditorSink {
  /** One of the group's editors made an insertion: its clock is now `endClock`. */
  edit(clientId: number, endClock: number, at: number): void;
  /** One of the group's editors (its document `doc`) applied a remote update. */
  applied(doc: Y.Doc, update: Uint8Array, at: number): void;
}

/** Every editor of a run: [draftIndex, Yjs client id]. */
export type EditorRoster = [draftIndex: number, clientId: number][];

/** How an editor group's joins went, with every joined editor's draft and client id. */
export interface Joined {
  connected: number;
  failed: number;
  connectMs: number;
  roster: EditorRoster;
}

/** `editor`: a full SDK session; `author`: one that receives every update but integrates none. */
export type EditorRole = 'editor' | 'author';

/** Editors type as full SDK sessions, or as authors with --authors. */
export function editorRole(options: BenchOptions): EditorRole {
  return options.shape === 'authors' ? 'author' : 'editor';
}

export class EditorGroup {
  readonly ackLatencies: number[] = [];
  /** When each update of `ackLatencies` was sent, on the timing thread's clock. */
  readonly ackSentAt: number[] = [];
  readonly counters = { sent: 0, acked: 0 };
  /** Authors: what the server sent them (editors integrate it instead; their count stays 0). */
  readonly received: Received = { messages: 0, bytes: 0 };
  users: SimulatedUser[] = [];
  failed = 0;
  connectMs = 0;
  /** How many of the group's editors were asked to join so far (see joinUpTo). */
  private asked = 0;
  /** By client id: the clock up to which the server acked an editor's insertions. */
  private readonly ackedClocks = new Map<number, number>();
  /** By client id: an author's re-joins (after a refusal or a lost connection), which integrate the draft. */
  private readonly rejoins = new Map<number, number>();

  /** `clockOffsetMs` converts this thread's performance.now() into the timing thread's. */
  constructor(
    private readonly tally: ErrorTally,
    private readonly clockOffsetMs = 0,
    readonly role: EditorRole = 'editor',
  ) {}

  now(): number {
    return performance.now() + this.clockOffsetMs;
  }

  /**
   * Joins the group's editors numbered below `upTo` that have not joined yet, in order.
   * `numbers`: the group's editors' numbers in the run, ascending (number i is on draft i % drafts).
   * Authors join without a periodic resync: their state vector lacks every other author's
   * updates, so the server would answer each with all of them (a real client's is near empty).
   */
  async joinUpTo(
    options: BenchOptions,
    token: string,
    draftIds: readonly string[],
    numbers: readonly number[],
    upTo: number,
  ): Promise<void> {
    const first = this.asked;
    while (this.asked < numbers.length && numbers[this.asked]! < upTo) this.asked += 1;
    if (this.asked === first) return;
    const draftIndexes = numbers.slice(first, this.asked).map((number) => number % draftIds.length);
    const author = this.role === 'author';
    const fleet = await connectFleet(
      author ? { ...options, resyncS: 0 } : options,
      token,
      draftIds,
      draftIndexes,
      this.tally,
      author ? (user) => this.receiveOnly(user) : undefined,
    );
    this.users.push(...fleet.users);
    this.failed += fleet.failed;
    this.connectMs += fleet.connectMs;
  }

  /** How the joins went so far, with every joined editor's draft and client id. */
  joined(): Joined {
    return { connected: this.users.length, failed: this.failed, connectMs: this.connectMs, roster: this.roster() };
  }

  roster(): EditorRoster {
    return this.users.map((user) => [user.draftIndex, user.session.doc.clientID]);
  }

  /** Every editor types `options.rate` times a second for `options.durationS`; resolves when all stop. */
  async type(options: BenchOptions, random: Random, sink: EditorSink): Promise<void> {
    // An author may still integrate a re-join's answer (after a refusal): it is no receiver.
    if (this.role === 'editor') this.listen(sink.applied);
    await Promise.all(this.users.map((user) => this.startTyping(user, options, random, sink)));
  }

  /** Reports every remote update the group's sessions apply (observers, which do not type). */
  listen(applied: EditorSink['applied']): void {
    for (const user of this.users) {
      user.session.on('update', (event) => applied(user.session.doc, event.update, this.now()));
    }
  }

  /** Each editor's clock now: [draftIndex, clientId, clock]. */
  finalStates(): FinalStates {
    return this.users.map((user) => [
      user.draftIndex,
      user.session.doc.clientID,
      Y.getState(user.session.doc.store, user.session.doc.clientID),
    ]);
  }

  pendingUpdates(): number {
    return this.users.reduce((sum, user) => sum + user.session.pendingUpdates, 0);
  }

  texts(): ClientText[] {
    return this.users.map((user) => [user.draftIndex, sessionText(user.session)]);
  }

  /** Authors: what each inserted, as its own copy holds it, to find in the draft at the end. */
  insertions(): AuthorInsertions[] {
    return this.users.map((user) => {
      const clientId = user.session.doc.clientID;
      return authorInsertions(user.session, user.draftIndex, {
        ackedClock: this.ackedClocks.get(clientId) ?? 0,
        rejoins: this.rejoins.get(clientId) ?? 0,
      });
    });
  }

  close(concurrency: number): Promise<void> {
    return closeFleet(this.users, concurrency);
  }

  /** An author (see author-shape.ts): counts what the server sends it, and its re-joins. */
  private receiveOnly(user: SimulatedUser): void {
    const clientId = user.session.doc.clientID;
    receiveWithoutIntegrating(user.session, this.received);
    user.session.on('synced', (event) => {
      if (event.resync) this.rejoins.set(clientId, (this.rejoins.get(clientId) ?? 0) + 1);
    });
  }

  /** One editor typing `rate` times a second for `durationS`, then stopping by itself. */
  private startTyping(user: SimulatedUser, options: BenchOptions, random: Random, sink: EditorSink): Promise<void> {
    const { session } = user;
    const clientId = session.doc.clientID;
    const nextEdit = typingFor(options.typing, random);
    // By local update: when it was made, and the editor's clock after it.
    const sent = new Map<number, { at: number; clock: number }>();
    session.on('acked', (event) => {
      const now = this.now();
      for (const seq of event.seqs) {
        const update = sent.get(seq);
        if (update === undefined) continue;
        sent.delete(seq);
        this.ackLatencies.push(now - update.at);
        this.ackSentAt.push(update.at);
        this.counters.acked += 1;
        if (update.clock > (this.ackedClocks.get(clientId) ?? 0)) this.ackedClocks.set(clientId, update.clock);
      }
    });
    const editOnce = () => {
      const edit = nextEdit(session.body.length);
      if (edit.kind === 'insert') session.body.insert(edit.index, edit.text);
      else session.body.delete(edit.index, edit.length);
      const now = this.now();
      const clock = Y.getState(session.doc.store, clientId);
      sent.set(session.lastLocalSeq, { at: now, clock });
      this.counters.sent += 1;
      if (edit.kind === 'insert') sink.edit(clientId, clock, now);
    };
    return runOpenLoop(options.rate, options.durationS, random, editOnce, () => session.isClosed);
  }
}

/**
 * How many clients of the run must apply each editor's insertions, and how many of them live in
 * one group: the other editors of its draft (in the group when `local` says so) and the viewers.
 */
export function receiversByEditor(
  roster: EditorRoster,
  viewersPerDraft: readonly number[] = [],
  local: (rosterIndex: number) => boolean = () => true,
): Map<number, number> {
  const editorsPerDraft = new Map<number, number>();
  roster.forEach(([draftIndex], index) => {
    if (local(index)) editorsPerDraft.set(draftIndex, (editorsPerDraft.get(draftIndex) ?? 0) + 1);
  });
  const receivers = new Map<number, number>();
  roster.forEach(([draftIndex, clientId], index) => {
    const others = (editorsPerDraft.get(draftIndex) ?? 0) - (local(index) ? 1 : 0);
    receivers.set(clientId, others + (viewersPerDraft[draftIndex] ?? 0));
  });
  return receivers;
}
