import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parseBenchOptions } from '../../apps/cli/src/commands/bench/bench-options.js';
import type { PresenceResult } from '../../apps/cli/src/commands/bench/bench-result.js';
import { runPresence } from '../../apps/cli/src/commands/bench/presence-run.js';
import { createDesk, createUser, TEST_PASSWORD } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const SESSIONS = 6;
const RATE = 20;
const INTERVAL_MS = 200;

/** `copydesk bench --presence` against a server without and with cursor coalescing. */
describe('copydesk bench --presence', () => {
  const servers: TestServer[] = [];

  const benchAgainst = async (intervalMs: number): Promise<PresenceResult> => {
    const server = await startTestServer({ env: { PRESENCE_CURSOR_INTERVAL_MS: String(intervalMs) } });
    servers.push(server);
    const desk = await createDesk(server.app);
    const user = await createUser(server.app, server.url, 'reporter', [desk.id]);
    const options = parseBenchOptions([
      ...['--url', server.url, '--email', user.email, '--password', TEST_PASSWORD],
      ...['--presence', String(SESSIONS), '--rate', String(RATE), '--duration', '2', '--drain', '5', '--seed', '7'],
    ])!;
    return runPresence(options, () => undefined);
  };

  let off: PresenceResult;
  let on: PresenceResult;
  beforeAll(async () => {
    off = await benchAgainst(0);
    on = await benchAgainst(INTERVAL_MS);
  });
  afterAll(async () => {
    for (const server of servers) await server.close();
  });

  it('moves every cursor as asked and gets every move acked', () => {
    for (const result of [off, on]) {
      expect(result.setup).toMatchObject({ clients: SESSIONS, failed: 0 });
      // Sessions start out of phase, so the last tick of a window may fall outside it.
      expect(result.moves.sent).toBeGreaterThanOrEqual(0.95 * SESSIONS * RATE * 2);
      expect(result.moves.sent).toBeLessThanOrEqual(SESSIONS * RATE * 2);
      expect(result.moves.acked).toBe(result.moves.sent);
      expect(result.errors).toEqual({});
    }
  });

  it('without coalescing, broadcasts (nearly) every move to every other session', () => {
    // A random move may land where the cursor already was: that one is not news.
    expect(off.broadcasts.total).toBeGreaterThan(0.9 * off.moves.sent);
    expect(off.received.perMoveAndPeer).toBeGreaterThan(0.9);
  });

  it('with coalescing, broadcasts at most one cursor per session per interval', () => {
    const maxPerSessionPerS = 1000 / INTERVAL_MS + 1;
    expect(on.broadcasts.perSessionPerS).toBeLessThanOrEqual(maxPerSessionPerS);
    expect(on.broadcasts.total!).toBeLessThan(off.broadcasts.total! / 2);
    expect(on.received.total).toBeLessThan(off.received.total / 2);
  });
});
