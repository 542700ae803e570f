/** What the fault suites share: demo data, SDK clients tuned for quick retries, read-backs, and the figures they print. */
import { expect } from '@jest/globals';
import * as Y from 'yjs';
import { CopydeskClient, type DraftSession } from '#client';
import { DOCUMENT_FIELDS } from '#contracts';
import { DEMO_PASSWORD } from '../../apps/cli/src/commands/seed.command.js';
import { runCli, type ChildServer } from '../support/child-server.js';
import { connectSocket, eventually, send, whenConnected } from '../support/raw-collab-client.js';
import { auditText, type TypingLoad } from '../support/typing-load.js';

export const JWT_SECRET = 'fault-suite-secret-that-is-long-enough-for-hs256';
export const REPORTER = 'reporter@copydesk.local';
export const EDITOR = 'editor@copydesk.local';

/**
 * Child-server settings: the plain text follows the document quickly (REST read-backs), and the
 * per-session rate limit stays out of the way of a typist sending ~60 updates a second.
 */
export const FAULT_ENV: Record<string, string> = {
  JWT_SECRET,
  COLLAB_TEXT_SYNC_DEBOUNCE_MS: '50',
  COLLAB_UPDATES_PER_SECOND: '1000',
  COLLAB_UPDATE_BURST: '1000',
};

/** Applies the migrations and adds the demo desk and users, through the CLI as operators do. */
export async function prepareDemoDatabase(env: Record<string, string>): Promise<void> {
  for (const args of [['migrate'], ['seed', '--demo']]) {
    const result = await runCli(args, env);
    if (result.code !== 0) throw new Error(`copydesk ${args.join(' ')} failed (${result.code}): ${result.output}`);
  }
}

/** The warnings and errors a child server logs from now on, by message, for the figures and for diagnosis. */
export function watchWarnings(server: ChildServer): Map<string, number> {
  const tally = new Map<string, number>();
  let partial = '';
  server.process.stdout!.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      try {
        const entry = JSON.parse(line) as { level?: number; msg?: string };
        if ((entry.level ?? 0) >= 40) tally.set(entry.msg ?? '?', (tally.get(entry.msg ?? '?') ?? 0) + 1);
      } catch {
        // not a log line
      }
    }
  });
  return tally;
}

/**
 * An SDK client signed in as a demo user. Retries and reconnects are quicker than the defaults so
 * the suite stays short; the ack timeout and the periodic resync keep their defaults (15 s and
 * 30 s, longer than any scenario), so a stalled ack is seen as such, and convergence has to come
 * from the protocol itself, not from a timer papering over a gap.
 */
export async function signIn(baseUrl: string, email: string): Promise<CopydeskClient> {
  const client = new CopydeskClient({ baseUrl, socket: { reconnectionDelay: 100, reconnectionDelayMax: 500 } });
  await client.login(email, DEMO_PASSWORD);
  return client;
}

export function openSession(client: CopydeskClient, draftId: string): DraftSession {
  return client.openDraft(draftId, { retryBaseMs: 100, retryMaxMs: 1_000 });
}

/** The body as a client joining afresh (holding nothing) gets it. */
export async function readByFreshJoin(url: string, token: string, draftId: string): Promise<string> {
  const socket = connectSocket(url, token);
  try {
    await whenConnected(socket);
    const joined = await send(socket, 'join', { draftId });
    if (!joined.ok) throw new Error(`fresh join refused: ${joined.error.code} ${joined.error.message}`);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, new Uint8Array(joined.update));
    return doc.getText(DOCUMENT_FIELDS.body).toString();
  } finally {
    socket.disconnect();
  }
}

/** Waits for `promise`, failing with `what` if it takes longer than `ms`. */
export async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Every acked marker is in `text` exactly once, and the text holds nothing but markers. */
export function expectNothingLost(text: string, load: TypingLoad): void {
  const audit = auditText(text, load);
  expect({ lost: audit.lost, duplicated: audit.duplicated, stray: audit.stray }).toEqual({
    lost: [],
    duplicated: [],
    stray: '',
  });
}

/** Every session holds `text` (a check for `eventually`; lengths first, for a readable failure). */
export function sessionsHold(sessions: DraftSession[], text: string): void {
  for (const session of sessions) expect(session.body.length).toBe(text.length);
  for (const session of sessions) expect(session.body.toString()).toBe(text);
}

export interface EndState {
  /** Instances to read back from, by a fresh join each. */
  servers: ChildServer[];
  token: string;
  draftId: string;
  sessions: DraftSession[];
  load: TypingLoad;
  /** Reads the draft over REST. */
  rest: CopydeskClient;
}

/**
 * What must hold once a fault is over and every session flushed: a newcomer on any instance gets
 * every acked marker, each exactly once and nothing else (checked first, so that a loss is
 * reported as such rather than as sessions that disagree); every session converges on that very
 * text; REST serves it once the plain text has followed. Resolves with the text.
 */
export async function expectAckedUpdatesKept(end: EndState): Promise<string> {
  const texts: string[] = [];
  for (const server of end.servers) {
    await eventually(async () => {
      const text = await readByFreshJoin(server.url, end.token, end.draftId);
      expectNothingLost(text, end.load);
      texts[end.servers.indexOf(server)] = text;
    });
  }
  const text = texts[0]!;
  for (const other of texts.slice(1)) expect(other).toBe(text);
  await eventually(() => sessionsHold(end.sessions, text), 15_000);
  await eventually(async () => expect((await end.rest.getDraft(end.draftId)).body).toBe(text), 5_000);
  return text;
}

/** One line of figures per scenario, on stderr so it shows in CI logs next to the result. */
export function printFigures(scenario: string, figures: Record<string, unknown>): void {
  const parts = Object.entries(figures).map(
    ([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`,
  );
  process.stderr.write(`[faults] ${scenario}: ${parts.join(' ')}\n`);
}
