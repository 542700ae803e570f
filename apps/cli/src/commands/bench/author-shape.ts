/**
 * The `--authors N` load shape: the server's capacity per draft, without the bench paying every
 * author's client CPU. N authors type as editors do (their own sockets and sessions, the same
 * typing, acks and limits) and receive every update the server sends them, but integrate none:
 * what a real author's machine spends applying the others' updates is that machine's CPU, and N
 * of them on one bench machine would be N(N−1) applies a second, so the bench would measure
 * itself. M observers, full SDK sessions, integrate everything; propagation is timed to the last
 * of them. At the end every author's insertions must be in the draft as a fresh join gets it.
 */
import type { DraftSession } from '#client';
import * as Y from 'yjs';

/** Update messages the server sent to authors, received over their sockets and not integrated. */
export interface Received {
  messages: number;
  bytes: number;
}

/**
 * Makes `session` an author's: every update the server sends still arrives over its socket and
 * is decoded by socket.io as for any client, then counted instead of applied. Its document keeps
 * the join answer and the author's own changes only, so the author's updates build on what the
 * server has, and the positions it types at are within its own text.
 */
export function receiveWithoutIntegrating(session: DraftSession, received: Received): void {
  session.receiveUpdate = (raw: unknown) => {
    received.messages += 1;
    if (raw instanceof Uint8Array || raw instanceof ArrayBuffer) received.bytes += raw.byteLength;
  };
}

/**
 * How many authors (in the run's join order) join before each observer: spread among them, since
 * socket.io writes to a room's sockets in the order they joined it.
 */
export function observerJoinPlan(authors: number, observers: number): number[] {
  return Array.from({ length: observers }, (_, observer) => Math.round(((observer + 0.5) * authors) / observers));
}

/** A run of consecutive Yjs clocks: the first one, and the characters. */
export type CharacterRun = [clock: number, text: string];

/**
 * The characters `clientId` inserted into `text` that are still there, in runs of consecutive
 * clocks: the same for the author's own copy and the draft, however Yjs split or merged the items.
 */
export function ownCharacters(text: Y.Text, clientId: number): CharacterRun[] {
  const items: CharacterRun[] = [];
  for (let item = text._start; item !== null; item = item.right) {
    if (item.id.client === clientId && !item.deleted && item.content instanceof Y.ContentString) {
      items.push([item.id.clock, item.content.str]);
    }
  }
  items.sort(([a], [b]) => a - b);
  const runs: CharacterRun[] = [];
  for (const [clock, characters] of items) {
    const last = runs[runs.length - 1];
    if (last && last[0] + last[1].length === clock) last[1] += characters;
    else runs.push([clock, characters]);
  }
  return runs;
}

/** One author's insertions as its own copy holds them (authors only ever type into the body). */
export interface AuthorInsertions {
  draftIndex: number;
  clientId: number;
  /** Its clock: everything it inserted, deleted since or not. */
  clock: number;
  /** The clock up to which the server acked its updates: all of that must be stored. */
  ackedClock: number;
  /** Its re-joins (after a refusal or a lost connection): each integrated the draft as it stood. */
  rejoins: number;
  runs: CharacterRun[];
}

export function authorInsertions(
  session: DraftSession,
  draftIndex: number,
  acks: { ackedClock: number; rejoins: number },
): AuthorInsertions {
  const clientId = session.doc.clientID;
  return {
    draftIndex,
    clientId,
    clock: Y.getState(session.doc.store, clientId),
    ...acks,
    runs: ownCharacters(session.body, clientId),
  };
}

const LISTED = 5;

/**
 * What the draft's body as a fresh join has it (`body`) lacks of its authors' insertions, or holds
 * beyond them. Everything the server acked must be stored; each author's characters in the draft
 * must be ones its copy still has (else a deletion of its was lost, or never acked); and each
 * stored character its copy has must be in the draft, unless an author of the draft re-joined:
 * only one that holds an author's characters can delete them, and an author holds the others'
 * only after a re-join.
 */
export function insertionMismatches(authors: readonly AuthorInsertions[], body: Y.Text): string[] {
  const store = body.doc!.store;
  const strict = authors.every((author) => author.rejoins === 0);
  const problems: string[] = [];
  for (const author of authors) {
    const stored = Y.getState(store, author.clientId);
    if (stored < author.ackedClock) {
      problems.push(
        `author ${author.clientId}: ${author.ackedClock - stored} of the ${author.ackedClock} characters the server acked are not stored`,
      );
      continue;
    }
    const kept = characters(author.runs);
    const found = characters(ownCharacters(body, author.clientId));
    const extra = [...found].filter(([clock, character]) => kept.get(clock) !== character).length;
    const missing = [...kept].filter(([clock, character]) => clock < stored && found.get(clock) !== character).length;
    if (extra > 0 || (strict && missing > 0)) {
      problems.push(
        `author ${author.clientId}: the draft has ${extra} of its characters that its copy has not, and lacks ${missing} that it has`,
      );
    }
  }
  if (problems.length <= LISTED) return problems;
  return [...problems.slice(0, LISTED), `${problems.length - LISTED} more authors' insertions differ`];
}

/** Runs as a map from each character's clock to the character. */
function characters(runs: readonly CharacterRun[]): Map<number, string> {
  const map = new Map<number, string>();
  for (const [clock, text] of runs) for (let i = 0; i < text.length; i += 1) map.set(clock + i, text[i]!);
  return map;
}
