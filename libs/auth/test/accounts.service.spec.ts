import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import type { Role } from '#contracts';
import type {
  AuthSessionsRepository,
  DeskEntity,
  DesksRepository,
  NewSecurityEvent,
  NewUser,
  SecurityEventRecord,
  SecurityEventsRepository,
  UserEntity,
  UsersRepository,
} from '#persistence';
import {
  AccessChanges,
  AccountEvents,
  AccountsService,
  AuthSessions,
  SecurityEventLog,
  TokenService,
  type AuthUser,
  type PasswordHasher,
} from '#auth';
import { strict } from '../../../test/support/strict-fake.js';
import { errorCodeOf } from '../../../test/support/error-code.js';

/** The users table in memory, as UsersRepository documents it: emails lower-cased and unique. */
class FakeUsers implements Pick<UsersRepository, 'findById' | 'findByIds' | 'list' | 'insert' | 'update'> {
  readonly rows = new Map<string, UserEntity>();

  async findById(id: string): Promise<UserEntity | null> {
    // A copy, as the database hands out: what a caller read stays as it was read.
    const row = this.rows.get(id);
    return row ? { ...row } : null;
  }
  async findByIds(ids: readonly string[]): Promise<UserEntity[]> {
    return ids.flatMap((id) => this.rows.get(id) ?? []);
  }
  async list(): Promise<UserEntity[]> {
    return [...this.rows.values()];
  }
  async insert(user: NewUser): Promise<UserEntity | null> {
    const email = user.email.toLowerCase();
    if ([...this.rows.values()].some((row) => row.email === email)) return null;
    const row: UserEntity = {
      ...user,
      id: randomUUID(),
      email,
      tokenVersion: 0,
      disabledAt: null,
      createdAt: new Date(),
    };
    this.rows.set(row.id, row);
    return row;
  }
  async update(
    id: string,
    changes: Partial<Pick<UserEntity, 'displayName' | 'role' | 'passwordHash' | 'disabledAt'>>,
    revokeTokens: boolean,
  ): Promise<UserEntity | null> {
    const row = this.rows.get(id);
    if (!row) return null;
    Object.assign(row, changes, revokeTokens ? { tokenVersion: row.tokenVersion + 1 } : {});
    return row;
  }
}

/** Desks and their members in memory: names unique whatever their case. */
class FakeDesks implements Pick<
  DesksRepository,
  'findById' | 'list' | 'insert' | 'members' | 'addMember' | 'removeMember'
> {
  readonly rows = new Map<string, DeskEntity>();
  readonly membership = new Map<string, Set<string>>();

  async findById(id: string): Promise<DeskEntity | null> {
    return this.rows.get(id) ?? null;
  }
  async list(): Promise<DeskEntity[]> {
    return [...this.rows.values()];
  }
  async insert(name: string): Promise<DeskEntity | null> {
    if ([...this.rows.values()].some((desk) => desk.name.toLowerCase() === name.toLowerCase())) return null;
    const desk: DeskEntity = { id: randomUUID(), name, createdAt: new Date() };
    this.rows.set(desk.id, desk);
    return desk;
  }
  async members(deskId: string): Promise<string[]> {
    return [...(this.membership.get(deskId) ?? [])];
  }
  async addMember(deskId: string, userId: string): Promise<void> {
    this.membership.set(deskId, new Set([...(this.membership.get(deskId) ?? []), userId]));
  }
  async removeMember(deskId: string, userId: string): Promise<void> {
    this.membership.get(deskId)?.delete(userId);
  }
}

/** The security log in memory: appended to, never changed. */
class FakeSecurityEvents implements Pick<SecurityEventsRepository, 'append'> {
  readonly rows: SecurityEventRecord[] = [];

  async append(event: NewSecurityEvent): Promise<SecurityEventRecord> {
    const row = { ...event, id: randomUUID(), at: new Date() };
    this.rows.push(row);
    return row;
  }
}

/** Sign-in sessions in memory: the live ones of each user, and why the others ended. */
class FakeAuthSessions implements Pick<AuthSessionsRepository, 'revokeAll'> {
  readonly open = new Map<string, string[]>();
  readonly ended: { id: string; reason: string }[] = [];

  async revokeAll(userId: string, reason: string, _now: Date, exceptId: string | null = null): Promise<string[]> {
    const ids = (this.open.get(userId) ?? []).filter((id) => id !== exceptId);
    this.open.set(
      userId,
      (this.open.get(userId) ?? []).filter((id) => id === exceptId),
    );
    this.ended.push(...ids.map((id) => ({ id, reason })));
    return ids;
  }
}

/** Hashing is argon2's business (and slow); here a hash only has to differ from the password. */
class FakeHasher implements Pick<PasswordHasher, 'hash'> {
  async hash(password: string): Promise<string> {
    return `hashed(${password})`;
  }
}

function setUp() {
  const users = new FakeUsers();
  const desks = new FakeDesks();
  const accessChanges = new AccessChanges();
  const notified: string[][] = [];
  accessChanges.listen((userIds) => notified.push(userIds));
  const securityEvents = new FakeSecurityEvents();
  const authSessions = new FakeAuthSessions();
  const log = new SecurityEventLog(strict<SecurityEventsRepository>('SecurityEventsRepository', securityEvents));
  const tokens = new TokenService({ jwtSecret: 'a-test-secret-that-is-long-enough-0000', tokenTtlSeconds: 60 });
  const sessions = new AuthSessions(
    strict<AuthSessionsRepository>('AuthSessionsRepository', authSessions),
    tokens,
    log,
    accessChanges,
  );
  const service = new AccountsService(
    strict<UsersRepository>('UsersRepository', users),
    strict<DesksRepository>('DesksRepository', desks),
    strict<PasswordHasher>('PasswordHasher', new FakeHasher()),
    accessChanges,
    new AccountEvents(log, sessions),
  );
  const actor = (role: Role): AuthUser => ({
    id: randomUUID(),
    email: `${role}@example.test`,
    displayName: role,
    role,
    deskIds: new Set(),
  });
  const newUser = (role: Role = 'reporter', deskIds: string[] = []) =>
    service.createUser('system', {
      email: `${randomUUID().slice(0, 8)}@example.test`,
      password: 'correct horse battery staple',
      displayName: 'نور',
      role,
      deskIds,
    });
  return { service, users, desks, notified, actor, newUser, securityEvents, authSessions };
}

type World = ReturnType<typeof setUp>;
type Operation = (world: World, actor: AuthUser) => Promise<unknown>;

/** Every operation of the service, run against a world with one desk and one user in it. */
const OPERATIONS: [string, Operation][] = [
  [
    'createUser',
    (w, a) =>
      w.service.createUser(a, {
        email: 'new@example.test',
        password: 'kettle orchard violin dusk',
        displayName: 'x',
        role: 'editor',
      }),
  ],
  ['listUsers', (w, a) => w.service.listUsers(a)],
  ['updateUser', async (w, a) => w.service.updateUser(a, [...w.users.rows.keys()][0]!, { role: 'admin' })],
  ['createDesk', (w, a) => w.service.createDesk(a, 'رياضة')],
  ['listDesks', (w, a) => w.service.listDesks(a)],
  ['deskMembers', (w, a) => w.service.deskMembers(a, [...w.desks.rows.keys()][0]!)],
  ['addMember', (w, a) => w.service.addMember(a, [...w.desks.rows.keys()][0]!, [...w.users.rows.keys()][0]!)],
  ['removeMember', (w, a) => w.service.removeMember(a, [...w.desks.rows.keys()][0]!, [...w.users.rows.keys()][0]!)],
];

describe('AccountsService', () => {
  // README: admins manage users and desks (every /api/admin route); `copydesk seed` and
  // `copydesk user add` act as the system.
  const ROLES: [Role, string][] = [
    ['reporter', 'FORBIDDEN'],
    ['fact_checker', 'FORBIDDEN'],
    ['editor', 'FORBIDDEN'],
    ['admin', 'ok'],
  ];
  it.each(OPERATIONS.flatMap(([name, run]) => ROLES.map(([role, expected]) => [name, role, expected, run] as const)))(
    '%s by a %s: %s',
    async (_, role, expected, run) => {
      const world = setUp();
      await world.service.createDesk('system', 'سياسة');
      await world.newUser();
      const before = { users: structuredClone([...world.users.rows]), desks: structuredClone([...world.desks.rows]) };
      expect(await errorCodeOf(() => run(world, world.actor(role)))).toBe(expected);
      if (expected !== 'ok') {
        expect({ users: [...world.users.rows], desks: [...world.desks.rows] }).toEqual(before);
        expect(world.notified).toEqual([]);
      }
    },
  );

  it('creates a user with a hashed password on the given desks, and refuses a taken email whatever its case', async () => {
    const { service, desks, users } = setUp();
    const desk = await service.createDesk('system', 'سياسة');
    const created = await service.createUser('system', {
      email: 'Noor@Example.test',
      password: 'correct horse battery staple',
      displayName: 'نور',
      role: 'reporter',
      deskIds: [desk.id],
    });
    expect(created).toEqual({ id: created.id, email: 'noor@example.test', displayName: 'نور', role: 'reporter' });
    expect(users.rows.get(created.id)!.passwordHash).toBe(await new FakeHasher().hash('correct horse battery staple'));
    expect(await desks.members(desk.id)).toEqual([created.id]);
    expect(
      await errorCodeOf(() =>
        service.createUser('system', {
          email: 'NOOR@example.TEST',
          password: 'another strong passphrase',
          displayName: 'x',
          role: 'editor',
        }),
      ),
    ).toBe('EMAIL_TAKEN');
    expect(users.rows.size).toBe(1);
  });

  it('checks every desk before creating anyone', async () => {
    const { service, users } = setUp();
    const desk = await service.createDesk('system', 'سياسة');
    const code = await errorCodeOf(() =>
      service.createUser('system', {
        email: 'x@example.test',
        password: 'kettle orchard violin dusk',
        displayName: 'x',
        role: 'reporter',
        deskIds: [desk.id, randomUUID()],
      }),
    );
    expect(code).toBe('DESK_NOT_FOUND');
    expect(users.rows.size).toBe(0);
  });

  // README: "disabling, a new password or a new role revokes the user's tokens".
  it.each<[string, Parameters<AccountsService['updateUser']>[2], boolean]>([
    ['a new display name', { displayName: 'نور الهدى' }, false],
    ['a new role', { role: 'editor' }, true],
    ['a new password', { password: 'a brand new passphrase' }, true],
    ['disabling the account', { disabled: true }, true],
    ['enabling it again', { disabled: false }, false],
    ['a new name and a new role at once', { displayName: 'x', role: 'fact_checker' }, true],
  ])('on %s revokes the user’s tokens: %p, and has their sessions re-checked', async (_, change, revokes) => {
    const { service, users, notified, actor, newUser } = setUp();
    const user = await newUser();
    const before = { ...users.rows.get(user.id)! };
    const view = await service.updateUser(actor('admin'), user.id, change);
    const after = users.rows.get(user.id)!;
    expect(after.tokenVersion - before.tokenVersion).toBe(revokes ? 1 : 0);
    expect(notified).toEqual([[user.id]]);
    expect(view).toEqual({ id: user.id, email: after.email, displayName: after.displayName, role: after.role });
    if (change.displayName) expect(after.displayName).toBe(change.displayName);
    if (change.role) expect(after.role).toBe(change.role);
    if (change.password) expect(after.passwordHash).not.toBe(before.passwordHash);
    if (change.disabled !== undefined) expect(after.disabledAt !== null).toBe(change.disabled);
  });

  it('answers USER_NOT_FOUND and DESK_NOT_FOUND for ids that do not exist, telling nobody', async () => {
    const { service, actor, newUser, notified } = setUp();
    const admin = actor('admin');
    const desk = await service.createDesk(admin, 'سياسة');
    const user = await newUser();
    expect(await errorCodeOf(() => service.updateUser(admin, randomUUID(), { role: 'editor' }))).toBe('USER_NOT_FOUND');
    expect(await errorCodeOf(() => service.addMember(admin, desk.id, randomUUID()))).toBe('USER_NOT_FOUND');
    expect(await errorCodeOf(() => service.addMember(admin, randomUUID(), user.id))).toBe('DESK_NOT_FOUND');
    expect(await errorCodeOf(() => service.removeMember(admin, randomUUID(), user.id))).toBe('DESK_NOT_FOUND');
    expect(await errorCodeOf(() => service.deskMembers(admin, randomUUID()))).toBe('DESK_NOT_FOUND');
    expect(notified).toEqual([]);
  });

  it('changes desk membership and has the member’s sessions re-checked each time', async () => {
    const { service, actor, newUser, notified } = setUp();
    const admin = actor('admin');
    const desk = await service.createDesk(admin, 'سياسة');
    const user = await newUser();
    await service.addMember(admin, desk.id, user.id);
    expect((await service.deskMembers(admin, desk.id)).map((member) => member.id)).toEqual([user.id]);
    await service.removeMember(admin, desk.id, user.id);
    expect(await service.deskMembers(admin, desk.id)).toEqual([]);
    expect(notified).toEqual([[user.id], [user.id]]);
  });

  it.each<[string, Parameters<AccountsService['updateUser']>[2], string | null, string[]]>([
    ['disabling', { disabled: true }, 'user_disabled', ['user_disabled']],
    ['a new password', { password: 'a brand new passphrase' }, 'password_reset', ['password_reset']],
    ['a new role', { role: 'editor' }, 'role_changed', ['role_changed']],
    ['a new name', { displayName: 'نور الهدى' }, null, ['user_renamed']],
    ['enabling', { disabled: false }, null, ['user_enabled']],
  ])('on %s ends the user’s sign-in sessions (%p) and logs who did what', async (_, change, reason, kinds) => {
    const { service, actor, newUser, authSessions, securityEvents } = setUp();
    const admin = actor('admin');
    const user = await newUser();
    authSessions.open.set(user.id, ['s1', 's2']);
    securityEvents.rows.length = 0;
    await service.updateUser(admin, user.id, change, { address: '203.0.113.9', userAgent: 'curl/8' });
    expect(authSessions.ended).toEqual(
      reason
        ? [
            { id: 's1', reason },
            { id: 's2', reason },
          ]
        : [],
    );
    expect(securityEvents.rows.map((row) => row.kind)).toEqual(kinds);
    expect(securityEvents.rows[0]).toMatchObject({
      actorId: admin.id,
      subjectUserId: user.id,
      clientAddress: '203.0.113.9',
      userAgent: 'curl/8',
    });
    // Whatever was asked, nothing secret is written down.
    expect(JSON.stringify(securityEvents.rows)).not.toContain('passphrase');
  });

  it('logs users, desks and memberships created by the system and by admins', async () => {
    const { service, actor, newUser, securityEvents } = setUp();
    const admin = actor('admin');
    const desk = await service.createDesk(admin, 'سياسة');
    const user = await newUser();
    await service.addMember(admin, desk.id, user.id);
    await service.removeMember(admin, desk.id, user.id);
    expect(securityEvents.rows.map((row) => [row.kind, row.actorId, row.subjectUserId])).toEqual([
      ['desk_created', admin.id, null],
      ['user_created', null, user.id],
      ['desk_member_added', admin.id, user.id],
      ['desk_member_removed', admin.id, user.id],
    ]);
    expect(securityEvents.rows[1]!.details).toEqual({ email: user.email, role: 'reporter', deskIds: [] });
  });

  it('refuses a desk name that is taken whatever its case', async () => {
    const { service, actor } = setUp();
    const desk = await service.createDesk(actor('admin'), 'Sports');
    expect(await errorCodeOf(() => service.createDesk(actor('admin'), 'SPORTS'))).toBe('DESK_NAME_TAKEN');
    expect(await service.listDesks(actor('admin'))).toEqual([desk]);
  });
});
