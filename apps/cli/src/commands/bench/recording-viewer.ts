/**
 * A passive viewer as cheap as a load generator can make one: it joins over its own socket,
 * keeps every update it receives with the moment it arrived, and integrates them into a Yjs
 * document only when asked for its text at the end. A hundred viewers then cost the machine a
 * hundred sockets, not a hundred live documents: on a machine shared with the server, the CPU
 * goes to the server under test. (Editors use the SDK and integrate everything as it comes.)
 */
import { openCollabSocket, type CollabSocket } from '#client';
import { DOCUMENT_FIELDS } from '#contracts';
import * as Y from 'yjs';
import { withTimeout } from './async-helpers.js';
import type { ErrorTally } from './error-tally.js';

const JOIN_TIMEOUT_MS = 30_000;

/** A viewer now holds `clientId`'s edits up to (not including) `clock`. */
export type ArrivalListener = (clientId: number, clock: number, at: number) => void;

export class RecordingViewer {
  private readonly received: Uint8Array[] = [];
  private readonly clocks = new Map<number, number>();

  private constructor(
    private readonly socket: CollabSocket,
    readonly draftIndex: number,
    private readonly joined: Uint8Array,
  ) {
    this.advance(joined, () => undefined, 0);
  }

  /** Connects and joins; null (counted in `tally`) when either fails. */
  static async join(
    url: string,
    token: string,
    draftId: string,
    draftIndex: number,
    tally: ErrorTally,
    onArrival: ArrivalListener,
  ): Promise<RecordingViewer | null> {
    const socket = openCollabSocket(url, () => token, { reconnection: false });
    let viewer: RecordingViewer | null = null;
    const early: [Uint8Array, number][] = [];
    socket.on('update', (event) => {
      if (event.draftId !== draftId) return;
      const update = new Uint8Array(event.update);
      if (viewer) viewer.record(update, onArrival, performance.now());
      else early.push([update, performance.now()]);
    });
    try {
      const ack = await withTimeout(socket.emitWithAck('join', { draftId }), JOIN_TIMEOUT_MS, 'joining');
      if (!ack.ok) {
        tally.add(ack.error.code);
        socket.disconnect();
        return null;
      }
      viewer = new RecordingViewer(socket, draftIndex, new Uint8Array(ack.update));
      for (const [update, at] of early) viewer.record(update, onArrival, at);
      socket.on('disconnect', (reason) => {
        if (reason !== 'io client disconnect') tally.add('DISCONNECTED');
      });
      return viewer;
    } catch {
      tally.add('JOIN_TIMEOUT');
      socket.disconnect();
      return null;
    }
  }

  /** Whether the updates received so far hold `clientId`'s edits before `clock`. */
  holds(clientId: number, clock: number): boolean {
    return (this.clocks.get(clientId) ?? 0) >= clock;
  }

  /** The text of everything received, integrated now: headline, a newline, body. */
  text(): string {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, this.joined);
    if (this.received.length > 0) Y.applyUpdate(doc, Y.mergeUpdates(this.received));
    return `${doc.getText(DOCUMENT_FIELDS.headline).toString()}\n${doc.getText(DOCUMENT_FIELDS.body).toString()}`;
  }

  close(): void {
    this.socket.disconnect();
  }

  private record(update: Uint8Array, onArrival: ArrivalListener, at: number): void {
    this.received.push(update);
    this.advance(update, onArrival, at);
  }

  private advance(update: Uint8Array, onArrival: ArrivalListener, at: number): void {
    for (const [clientId, clock] of Y.parseUpdateMeta(update).to) {
      if ((this.clocks.get(clientId) ?? 0) >= clock) continue;
      this.clocks.set(clientId, clock);
      onArrival(clientId, clock, at);
    }
  }
}
