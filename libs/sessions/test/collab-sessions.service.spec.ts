import { describe, expect, it } from '@jest/globals';
import { AccessChanges, type AuthService, type AuthUser } from '#auth';
import type { DraftAccess } from '#contracts';
import { DomainError } from '#domain';
import type { DraftClaimsService } from '#claims';
import type { ReviewsService } from '#reviews';
import type { EditingSession, JoinOutcome, LiveEditingService } from '#drafts';
import type { PresenceService, PresenceSession } from '#presence';
import { CollabSessionsService, ConnectionCounter, type SocketEdge } from '#sessions';

const DRAFT = '6f1c2d7e-3a4b-4c5d-8e9f-0a1b2c3d4e5f';
const user = (id: string): AuthUser => ({ id, role: 'reporter', displayName: id }) as AuthUser;

/**
 * Strict fakes: each writes what it was asked to the shared journal and answers as the real
 * service would; anything the test did not plan for throws.
 */
function testBed(
  options: {
    tokens?: Record<string, string | 'revoked'>;
    lose?: string[];
    change?: [string, DraftAccess][];
    maxConnections?: number;
    /** How long the tokens have left. */
    expiresInMs?: number;
  } = {},
) {
  const journal: string[] = [];
  const tokens = options.tokens ?? { good: 'u1' };
  const accessChanges = new AccessChanges();
  const authenticate = async (token: string | undefined) => {
    if (token === 'during-an-outage') throw new DomainError('UNAVAILABLE', 'Storage is unavailable');
    const id = token ? tokens[token] : undefined;
    if (!id || id === 'revoked') throw new DomainError('UNAUTHORIZED', 'no');
    return user(id);
  };
  const auth = {
    authenticate,
    authenticateSession: async (token: string | undefined) => ({
      user: await authenticate(token),
      session: { id: `s-${token}`, expiresAt: new Date(Date.now() + (options.expiresInMs ?? 3_600_000)) },
    }),
  } as unknown as AuthService;
  const editing = {
    submit: async () => {
      journal.push('editing: submit');
      throw new DomainError('LOCKED', 'The draft is locked by its review state');
    },
    openSession: (id: string, owner: AuthUser) => ({ id, user: owner }) as unknown as EditingSession,
    deliverUpdatesTo: () => journal.push('editing: deliver updates to the edge'),
    join: async (_session: EditingSession, draftId: string) => {
      journal.push(`editing: join ${draftId}`);
      return { access: 'edit', deskId: 'desk' } as JoinOutcome;
    },
    leave: (_session: EditingSession, draftId: string) => {
      journal.push(`editing: leave ${draftId}`);
      return true;
    },
    leaveAll: () => journal.push('editing: leave all'),
    refreshAccess: async () => {
      journal.push('editing: refresh access');
      return { lost: options.lose ?? [], changed: new Map(options.change ?? []) };
    },
  } as unknown as LiveEditingService;
  const presence = {
    openSession: (id: string) => ({ id: `p-${id}` }) as unknown as PresenceSession,
    useBroadcaster: () => undefined,
    join: async (_session: PresenceSession, draftId: string) => {
      journal.push(`presence: join ${draftId}`);
      return [];
    },
    leave: async (_session: PresenceSession, draftId: string) => void journal.push(`presence: leave ${draftId}`),
    leaveAll: async () => void journal.push('presence: leave all'),
  } as unknown as PresenceService;
  const open = new Set<string>();
  const edge: SocketEdge = {
    rooms: {
      join: async (id, draftId) => void journal.push(`room: ${id} joins ${draftId}`),
      leave: async (id, draftId) => void journal.push(`room: ${id} leaves ${draftId}`),
    },
    connections: {
      isOpen: (id) => open.has(id),
      end: (id, code) => journal.push(`connection: end ${id} ${code}`),
      tellAccess: (id, draftId, access) => journal.push(`connection: tell ${id} ${draftId} ${access}`),
      tellReview: (id, event) => journal.push(`connection: review ${id} ${event.state}`),
    },
    updates: { deliver: () => undefined },
    presence: { entry: () => undefined, left: () => undefined },
    claims: { claimsChanged: () => undefined },
    review: { reviewChanged: () => undefined },
    peers: { tell: (ids) => journal.push(`peers: ${ids.join(',')}`), listen: () => undefined },
  };
  const claims = {
    useEvents: () => undefined,
    forJoin: async (draftId: string) => {
      journal.push(`claims: read ${draftId}`);
      return [];
    },
  } as unknown as DraftClaimsService;
  const reviews = {
    useEvents: () => undefined,
    currentStatus: async (draftId: string) => ({
      draftId,
      state: 'approved',
      revision: 3,
      embargoUntil: null,
      by: 'editor',
      byName: 'Editor',
      at: 'now',
    }),
  } as unknown as ReviewsService;
  const sessions = new CollabSessionsService(auth, editing, presence, claims, reviews, accessChanges, {
    maxConnectionsPerUser: options.maxConnections ?? 20,
    acrossInstances: true,
    logger: { warn: (_details, message) => journal.push(`warn: ${message}`) },
  });
  sessions.attach(edge);
  journal.length = 0;
  return { sessions, journal, accessChanges, open };
}

describe('CollabSessionsService', () => {
  it('decides editing access before a joiner enters the room, reads the claims there, then shows in presence', async () => {
    const { sessions, journal, open } = testBed();
    const session = await sessions.open('c1', 'good', 0);
    if (typeof session === 'string') throw new Error(session);
    open.add('c1');
    await sessions.join(session, { draftId: DRAFT }, 0);
    expect(journal).toEqual([
      `editing: join ${DRAFT}`,
      `room: c1 joins ${DRAFT}`,
      `claims: read ${DRAFT}`,
      `presence: join ${DRAFT}`,
    ]);
  });

  it('tells a connection the review status that locked the body before its LOCKED refusal', async () => {
    const { sessions, journal } = testBed();
    const session = await sessions.open('c1', 'good', 0);
    if (typeof session === 'string') throw new Error(session);
    await expect(sessions.submit(session, { draftId: DRAFT, update: new Uint8Array([0, 0]) }, 0)).rejects.toMatchObject(
      {
        code: 'LOCKED',
      },
    );
    expect(journal).toEqual(['editing: submit', 'connection: review c1 approved']);
  });

  it('adds no presence entry for a connection that closed while it joined', async () => {
    const { sessions, journal } = testBed();
    const session = await sessions.open('c1', 'good', 0);
    if (typeof session === 'string') throw new Error(session);
    await expect(sessions.join(session, { draftId: DRAFT }, 0)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(journal).not.toContain(`presence: join ${DRAFT}`);
  });

  it('refuses a bad token and a user past the connection limit at the handshake', async () => {
    const { sessions } = testBed({ maxConnections: 2 });
    expect(await sessions.open('c0', 'forged', 0)).toBe('unauthorized');
    expect(await sessions.open('c0', undefined, 0)).toBe('unauthorized');
    expect(await sessions.open('c0', 'during-an-outage', 0)).toBe('unavailable');
    const first = await sessions.open('c1', 'good', 0);
    expect(typeof first).toBe('object');
    expect(typeof (await sessions.open('c2', 'good', 0))).toBe('object');
    expect(await sessions.open('c3', 'good', 0)).toBe('too_many_connections');
    sessions.close(first as Exclude<typeof first, string>);
    sessions.close(first as Exclude<typeof first, string>); // a second close frees nothing more
    expect(typeof (await sessions.open('c3', 'good', 0))).toBe('object');
    expect(await sessions.open('c4', 'good', 0)).toBe('too_many_connections');
  });

  it('takes a session out of a draft it lost: editing first, then presence, then the room', async () => {
    const { sessions, journal, accessChanges, open } = testBed({ lose: [DRAFT] });
    const session = await sessions.open('c1', 'good', 0);
    if (typeof session === 'string') throw new Error(session);
    open.add('c1');
    accessChanges.notify(['u1']);
    await new Promise((resolve) => setImmediate(resolve));
    expect(journal).toEqual([
      'peers: u1',
      'editing: refresh access',
      `presence: leave ${DRAFT}`,
      `room: c1 leaves ${DRAFT}`,
    ]);
  });

  it('tells a session whose access to a draft changed, and keeps it in the room', async () => {
    const { sessions, journal, accessChanges } = testBed({ change: [[DRAFT, 'view']] });
    await sessions.open('c1', 'good', 0);
    accessChanges.notify(['u1']);
    await new Promise((resolve) => setImmediate(resolve));
    expect(journal).toEqual(['peers: u1', 'editing: refresh access', `connection: tell c1 ${DRAFT} view`]);
  });

  it('disconnects a session whose token no longer holds, and leaves other users alone', async () => {
    const tokens: Record<string, string> = { good: 'u1', other: 'u2' };
    const { sessions, journal, accessChanges } = testBed({ tokens });
    await sessions.open('c1', 'good', 0);
    await sessions.open('c2', 'other', 0);
    tokens.good = 'revoked';
    accessChanges.notify(['u1']);
    await new Promise((resolve) => setImmediate(resolve));
    expect(journal).toEqual(['peers: u1', 'connection: end c1 SESSION_REVOKED']);
  });

  it('closes a connection when its token expires, saying so, and not one that closed first', async () => {
    const { sessions, journal } = testBed({ expiresInMs: 40 });
    const expiring = await sessions.open('c1', 'good', Date.now());
    const closed = await sessions.open('c2', 'good', Date.now());
    if (typeof expiring === 'string' || typeof closed === 'string') throw new Error('refused');
    sessions.close(closed);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(journal.filter((line) => line.startsWith('connection:'))).toEqual(['connection: end c1 SESSION_EXPIRED']);
  });

  it('says a token that fails a recheck after its expiry expired rather than was revoked', async () => {
    const tokens: Record<string, string> = { good: 'u1' };
    const { sessions, journal, accessChanges } = testBed({ tokens, expiresInMs: -1 });
    await sessions.open('c1', 'good', Date.now());
    tokens.good = 'revoked';
    accessChanges.notify(['u1']);
    await new Promise((resolve) => setImmediate(resolve));
    // The expiry timer (due at once) may have come first: either way the connection hears it expired.
    expect(journal.filter((line) => line.startsWith('connection:'))[0]).toBe('connection: end c1 SESSION_EXPIRED');
  });
});

describe('ConnectionCounter', () => {
  it.each([
    { limit: 1, opens: 1, closes: 0, next: false },
    { limit: 1, opens: 1, closes: 1, next: true },
    { limit: 3, opens: 2, closes: 0, next: true },
    { limit: 3, opens: 3, closes: 0, next: false },
    { limit: 3, opens: 3, closes: 5, next: true },
  ])('limit $limit, $opens opened, $closes closed: another may open: $next', ({ limit, opens, closes, next }) => {
    const counter = new ConnectionCounter(limit);
    for (let i = 0; i < opens; i++) expect(counter.tryOpen('u')).toBe(true);
    for (let i = 0; i < closes; i++) counter.close('u');
    expect(counter.tryOpen('u')).toBe(next);
    expect(counter.tryOpen('someone else')).toBe(true);
  });
});
