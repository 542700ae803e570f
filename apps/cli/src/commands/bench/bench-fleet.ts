/** Sets up the simulated users: one login, the bench drafts, and a client with its own socket per user. */
import { CopydeskClient, type DraftSession } from '#client';
import type { BenchOptions } from './bench-options.js';
import { mapConcurrently, TimeoutError, withTimeout } from './async-helpers.js';
import type { ErrorTally } from './error-tally.js';

const SYNC_TIMEOUT_MS = 30_000;
export const INITIAL_BODY =
  'قال مصدر في وزارة المالية يوم الثلاثاء ٣ شباط إن العجز بلغ ٤٫٥ مليار ليرة. ' +
  'The ministry said on Tuesday that the deficit reached 4.5 billion.';

export interface SimulatedUser {
  client: CopydeskClient;
  session: DraftSession;
  draftIndex: number;
}

export interface Fleet {
  users: SimulatedUser[];
  failed: number;
  connectMs: number;
}

/**
 * Logs in once: every simulated user reuses the token (one argon2 verification instead of
 * thousands, which would measure the password hash rather than the collaboration path).
 */
export async function loginBenchUser(options: BenchOptions): Promise<CopydeskClient> {
  const admin = new CopydeskClient({ baseUrl: options.url });
  await admin.login(options.email, options.password);
  return admin;
}

export async function createBenchDrafts(
  admin: CopydeskClient,
  count: number,
  startedAt: Date,
  body: string = INITIAL_BODY,
): Promise<string[]> {
  const me = await admin.me();
  const deskId = me.desks[0]?.id;
  const stamp = startedAt.toISOString().slice(0, 19);
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const draft = await admin.createDraft({
      language: 'ar',
      headline: `copydesk bench ${stamp} #${i + 1}`,
      body,
      ...(deskId ? { deskId } : {}),
    });
    ids.push(draft.id);
  }
  return ids;
}

/** Opens one session per draft index, each on its own client, `concurrency` at a time. */
export async function connectFleet(
  options: BenchOptions,
  token: string,
  draftIds: readonly string[],
  draftIndexes: readonly number[],
  tally: ErrorTally,
  onSession: (user: SimulatedUser) => void = () => undefined,
): Promise<Fleet> {
  const started = performance.now();
  const opened = await mapConcurrently(draftIndexes, options.concurrency, async (draftIndex) => {
    const client = new CopydeskClient({ baseUrl: options.url, token });
    const session = client.openDraft(draftIds[draftIndex]!, { resyncIntervalMs: options.resyncS * 1000 });
    tally.watch(session);
    const user = { client, session, draftIndex };
    onSession(user);
    try {
      await withTimeout(session.whenSynced(), SYNC_TIMEOUT_MS, 'joining');
      return user;
    } catch (error) {
      // A refused join was already counted from the session's `error` event.
      if (error instanceof TimeoutError) tally.add('JOIN_TIMEOUT');
      await client.close();
      return null;
    }
  });
  const users = opened.filter((user): user is SimulatedUser => user !== null);
  return { users, failed: opened.length - users.length, connectMs: performance.now() - started };
}

export async function closeFleet(users: readonly SimulatedUser[], concurrency: number): Promise<void> {
  await mapConcurrently(users, concurrency, (user) => user.client.close());
}

/** Spreads `count` users over `drafts` drafts, round robin. */
export function roundRobin(count: number, drafts: number, offset = 0): number[] {
  return Array.from({ length: count }, (_, i) => (i + offset) % drafts);
}
