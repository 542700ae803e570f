/**
 * --web: which change of the watching page's body carried which keystroke. The reporter only
 * appends, so keystroke k (from 1) is on the editor's screen once the body's visible text (remote
 * cursor labels left out) is k characters longer than it was before the typing began.
 */
import { summariseLatencies, type LatencySummary } from './latency-stats.js';

/** One change of the body's visible length on the watching page (wall-clock ms, both pages' clock). */
export interface BodyChange {
  length: number;
  /** When the MutationObserver saw it. */
  domAt: number;
  /** The animation frame after it (null when none ran before the bench read the page). */
  screenAt: number | null;
}

/** A change of the typing page's save status: its text, and when it changed. */
export interface StatusChange {
  text: string;
  at: number;
}

export interface KeystrokeFigures {
  arrived: number;
  lost: number;
  domMs: LatencySummary;
  screenMs: LatencySummary;
}

/**
 * Matches the typing page's keydowns (one per keystroke sent, in order) with the watching page's
 * body changes. A keystroke without a keydown, or whose length was never reached, is lost.
 */
export function matchKeystrokes(
  sent: number,
  keydowns: readonly number[],
  changes: readonly BodyChange[],
  baseLength: number,
): KeystrokeFigures {
  const dom: number[] = [];
  const screen: number[] = [];
  let arrived = 0;
  let next = 0;
  for (let k = 1; k <= sent; k += 1) {
    while (next < changes.length && changes[next]!.length < baseLength + k) next += 1;
    const change = changes[next];
    if (!change) break;
    arrived += 1;
    const keydown = keydowns[k - 1];
    if (keydown === undefined) continue;
    dom.push(change.domAt - keydown);
    if (change.screenAt !== null) screen.push(change.screenAt - keydown);
  }
  return { arrived, lost: sent - arrived, domMs: summariseLatencies(dom), screenMs: summariseLatencies(screen) };
}

/** An `update` the typing page sent over its socket (socket.io ack id), or the ack of one, and when. */
export interface FrameAt {
  id: number;
  at: number;
}

/**
 * Keydown → the server's ack of the update that carried the keystroke, as the typing page received
 * it: the first update sent at or after the keydown (later keystrokes may have joined it while an
 * earlier one was in flight), then that update's ack. Null when the page sent no update the bench
 * could see.
 */
export function ackLatencies(
  keydowns: readonly number[],
  sent: readonly FrameAt[],
  acks: readonly FrameAt[],
): (LatencySummary & { unacked: number }) | null {
  if (sent.length === 0) return null;
  const ackedAt = new Map<number, number>();
  for (const ack of acks) if (!ackedAt.has(ack.id)) ackedAt.set(ack.id, ack.at);
  const samples: number[] = [];
  let unacked = 0;
  let next = 0;
  for (const keydown of keydowns) {
    while (next < sent.length && sent[next]!.at < keydown) next += 1;
    const update = sent[next];
    const at = update === undefined ? undefined : ackedAt.get(update.id);
    if (at === undefined) unacked += 1;
    else samples.push(at - keydown);
  }
  return { ...summariseLatencies(samples), unacked };
}

/**
 * From the last keystroke to the save status saying it is saved (the status waits for a pause in
 * the typing before it says so); null when it never did after the last keystroke.
 */
export function savedAfterLast(
  lastKeydown: number | undefined,
  statuses: readonly StatusChange[],
  isSaved: (text: string) => boolean,
): number | null {
  if (lastKeydown === undefined) return null;
  const saved = statuses.find((status) => status.at >= lastKeydown && isSaved(status.text));
  return saved ? saved.at - lastKeydown : null;
}
