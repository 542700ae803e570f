import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AuthSessionsRepository, SecurityEventsRepository, type Database } from '#persistence';
import { openMigratedTestDatabase } from '../../../test/support/test-database.js';

let database: Database;
let dispose: () => Promise<void>;
let sessions: AuthSessionsRepository;
let events: SecurityEventsRepository;

const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> =>
  database.dataSource.query(text, params);

async function newUser(): Promise<string> {
  const [row] = await sql<{ id: string }>(
    `INSERT INTO users (email, display_name, role, password_hash) VALUES ($1, 'x', 'reporter', 'x') RETURNING id`,
    [`${randomUUID()}@example.test`],
  );
  return row!.id;
}

const HOUR = 3_600_000;
/** Rows are stamped to the millisecond: apart by more than one, their order is theirs, not their ids'. */
const aMillisecond = () => new Promise((resolve) => setTimeout(resolve, 2));
const at = (offsetMs: number) => new Date(Date.now() + offsetMs);

async function newSession(userId: string, expiresAt = at(HOUR)) {
  return sessions.insert({ id: randomUUID(), userId, userAgent: 'Firefox', clientAddress: '203.0.113.7', expiresAt });
}

beforeAll(async () => {
  ({ database, dispose } = await openMigratedTestDatabase());
  sessions = new AuthSessionsRepository(database.dataSource);
  events = new SecurityEventsRepository(database.dataSource);
});

afterAll(async () => {
  await dispose();
});

describe('sign-in sessions', () => {
  it('stores a session as given and lists the live ones of its user, newest first', async () => {
    const user = await newUser();
    const first = await newSession(user);
    await aMillisecond();
    const second = await newSession(user);
    await newSession(user, at(-1_000)); // expired
    await newSession(await newUser()); // someone else's
    expect(first).toMatchObject({ userId: user, userAgent: 'Firefox', clientAddress: '203.0.113.7', revokedAt: null });
    expect(await sessions.findById(first.id)).toEqual(first);
    expect((await sessions.live(user, new Date())).map((s) => s.id)).toEqual([second.id, first.id]);
  });

  it('revokes one session of its own user only, once, saying why', async () => {
    const user = await newUser();
    const other = await newUser();
    const session = await newSession(user);
    expect(await sessions.revoke(other, session.id, 'revoked', new Date())).toBe(false);
    expect(await sessions.revoke(user, 'not-a-uuid', 'revoked', new Date())).toBe(false);
    expect(await sessions.revoke(user, session.id, 'logout', new Date())).toBe(true);
    expect(await sessions.revoke(user, session.id, 'revoked', new Date())).toBe(false);
    expect(await sessions.findById(session.id)).toMatchObject({ revokedReason: 'logout', revokedAt: expect.any(Date) });
    expect(await sessions.live(user, new Date())).toEqual([]);
  });

  it('revokes every live session of a user but the one kept, and no one else’s', async () => {
    const user = await newUser();
    const kept = await newSession(user);
    const a = await newSession(user);
    const b = await newSession(user);
    const bystander = await newSession(await newUser());
    const ended = await sessions.revokeAll(user, 'password_changed', new Date(), kept.id);
    expect(ended.sort()).toEqual([a.id, b.id].sort());
    expect((await sessions.live(user, new Date())).map((s) => s.id)).toEqual([kept.id]);
    expect((await sessions.findById(bystander.id))!.revokedAt).toBeNull();
    expect(await sessions.revokeAll(user, 'user_disabled', new Date())).toEqual([kept.id]);
    expect(await sessions.live(user, new Date())).toEqual([]);
  });

  it('moves last seen only when it is older than asked, and never on a revoked session', async () => {
    const user = await newUser();
    const session = await newSession(user);
    const t0 = session.lastSeenAt.getTime();
    const lastSeen = async () => (await sessions.findById(session.id))!.lastSeenAt.getTime();
    await sessions.touch(session.id, new Date(t0 + 30_000), new Date(t0 - 60_000));
    expect(await lastSeen()).toBe(t0);
    await sessions.touch(session.id, new Date(t0 + 90_000), new Date(t0 + 30_000));
    expect(await lastSeen()).toBe(t0 + 90_000);
    await sessions.revoke(user, session.id, 'logout', new Date());
    await sessions.touch(session.id, new Date(t0 + HOUR), new Date(t0 + HOUR));
    expect(await lastSeen()).toBe(t0 + 90_000);
  });

  it('reads a sign-in in one go: the user, the session only when it is theirs, and their desks', async () => {
    const user = await newUser();
    const session = await newSession(user);
    const desks = await sql<{ id: string }>(`INSERT INTO desks (name) VALUES ($1), ($2) RETURNING id`, [
      `سياسة ${randomUUID()}`,
      `Economy ${randomUUID()}`,
    ]);
    for (const desk of desks) await sql(`INSERT INTO desk_members (desk_id, user_id) VALUES ($1, $2)`, [desk.id, user]);
    await sql(`UPDATE users SET token_version = 3 WHERE id = $1`, [user]);

    const read = await sessions.readSignIn(user, session.id);
    expect(read).toEqual({
      user: {
        id: user,
        email: expect.any(String),
        displayName: 'x',
        role: 'reporter',
        tokenVersion: 3,
        disabledAt: null,
      },
      session: await sessions.findById(session.id),
      deskIds: desks.map((desk) => desk.id).sort(),
    });
    expect(read!.user).not.toHaveProperty('passwordHash');

    // Someone else's session is not this user's; an unknown one is nobody's.
    const stranger = await newUser();
    expect(await sessions.readSignIn(stranger, session.id)).toMatchObject({ session: null, deskIds: [] });
    expect(await sessions.readSignIn(user, randomUUID())).toMatchObject({ user: { id: user }, session: null });
    expect(await sessions.readSignIn(randomUUID(), session.id)).toBeNull();
    expect(await sessions.readSignIn('not-a-uuid', session.id)).toBeNull();

    // A revoked session and a disabled user read as they are stored: the caller decides.
    await sessions.revoke(user, session.id, 'logout', new Date());
    await sql(`UPDATE users SET disabled_at = now() WHERE id = $1`, [user]);
    const after = await sessions.readSignIn(user, session.id);
    expect(after!.session).toMatchObject({ revokedReason: 'logout', revokedAt: expect.any(Date) });
    expect(after!.user.disabledAt).toEqual(expect.any(Date));
  });

  it('refuses a revocation without its reason, or a reason that is not a word', async () => {
    const session = await newSession(await newUser());
    await expect(sql(`UPDATE auth_sessions SET revoked_at = now() WHERE id = $1`, [session.id])).rejects.toThrow(
      /check constraint/,
    );
    await expect(
      sql(`UPDATE auth_sessions SET revoked_at = now(), revoked_reason = 'Bad Reason' WHERE id = $1`, [session.id]),
    ).rejects.toThrow(/check constraint/);
  });
});

describe('the security log', () => {
  it('refuses to change, remove or truncate an event, even for the application', async () => {
    const user = await newUser();
    const event = await events.append({
      kind: 'login_failed',
      actorId: null,
      subjectUserId: user,
      clientAddress: '203.0.113.7',
      userAgent: 'curl/8',
      details: { email: 'x@example.test', reason: 'wrong_password' },
    });
    await expect(sql(`UPDATE security_events SET kind = 'logout' WHERE id = $1`, [event.id])).rejects.toThrow(
      /append-only: UPDATE/,
    );
    await expect(sql(`DELETE FROM security_events WHERE id = $1`, [event.id])).rejects.toThrow(/append-only: DELETE/);
    await expect(sql(`TRUNCATE security_events`)).rejects.toThrow(/append-only: TRUNCATE/);
    expect(await events.page({ userId: user, limit: 10 })).toEqual([event]);
  });

  it('keeps text it cannot hold as it can (NUL), and refuses a kind that is not a word', async () => {
    const event = await events.append({
      kind: 'login_failed',
      actorId: null,
      subjectUserId: null,
      clientAddress: null,
      userAgent: 'agent\u0000x',
      details: { email: 'a\u0000b' },
    });
    expect(event).toMatchObject({ userAgent: 'agent\uFFFDx', details: { email: 'a\uFFFDb' } });
    await expect(events.append({ ...event, kind: 'DROP TABLE', actorId: null, subjectUserId: null })).rejects.toThrow(
      /check constraint/,
    );
  });

  it('pages newest first by (at, id), filtered by user (as actor or subject) and kind', async () => {
    const admin = await newUser();
    const user = await newUser();
    const appended = [];
    for (let i = 0; i < 5; i++) {
      await aMillisecond();
      appended.push(
        await events.append({
          kind: i % 2 === 0 ? 'role_changed' : 'user_disabled',
          actorId: admin,
          subjectUserId: i === 4 ? null : user,
          clientAddress: null,
          userAgent: null,
          details: { i },
        }),
      );
    }
    const newestFirst = [...appended].reverse();
    const firstPage = await events.page({ userId: admin, limit: 2 });
    expect(firstPage).toEqual(newestFirst.slice(0, 2));
    const secondPage = await events.page({ userId: admin, limit: 10, before: firstPage[1]! });
    expect(secondPage).toEqual(newestFirst.slice(2));
    expect((await events.page({ userId: user, limit: 10 })).map((e) => e.details.i)).toEqual([3, 2, 1, 0]);
    expect((await events.page({ userId: user, kind: 'role_changed', limit: 10 })).map((e) => e.details.i)).toEqual([
      2, 0,
    ]);
    expect(await events.page({ userId: 'not-a-uuid', limit: 10 })).toEqual([]);
  });
});
