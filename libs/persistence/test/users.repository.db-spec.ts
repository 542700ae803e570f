import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Role } from '#contracts';
import { UsersRepository, type Database } from '#persistence';
import { openMigratedTestDatabase } from '../../../test/support/test-database.js';
import { errorCodeOf } from '../../../test/support/error-code.js';

describe('UsersRepository', () => {
  let database: Database;
  let dispose: () => Promise<void>;
  let users: UsersRepository;

  beforeAll(async () => {
    ({ database, dispose } = await openMigratedTestDatabase());
    users = new UsersRepository(database.dataSource);
  });
  afterAll(async () => {
    await dispose();
  });

  const newUser = async (role: Role, email = `${role}.${randomUUID().slice(0, 8)}@example.test`) =>
    (await users.insert({ email, displayName: role, role, passwordHash: 'x' }))!;
  const activeAdmins = async () =>
    (await users.list()).filter((user) => user.role === 'admin' && user.disabledAt === null).map((user) => user.id);
  /** Leaves exactly these users as the active admins. */
  const onlyAdmins = async (...ids: string[]) => {
    await database.dataSource.query(
      `UPDATE users SET role = 'editor' WHERE role = 'admin' AND disabled_at IS NULL AND NOT (id = ANY($1))`,
      [ids],
    );
  };

  describe('the last active admin', () => {
    it.each<[string, { role?: Role; disabledAt?: Date }]>([
      ['given another role', { role: 'reporter' }],
      ['disabled', { disabledAt: new Date() }],
    ])('cannot be %s: CONFLICT, and nothing changes', async (_, change) => {
      const admin = await newUser('admin');
      await onlyAdmins(admin.id);
      expect(await errorCodeOf(() => users.update(admin.id, change, true))).toBe('CONFLICT');
      expect(await users.findById(admin.id)).toEqual(admin);
    });

    it('can be renamed, and another admin can go while one remains', async () => {
      const [first, second] = [await newUser('admin'), await newUser('admin')];
      await onlyAdmins(first.id, second.id);
      expect(await users.update(first.id, { displayName: 'مدير' }, false)).toMatchObject({ displayName: 'مدير' });
      expect(await users.update(first.id, { disabledAt: new Date() }, true)).toMatchObject({ tokenVersion: 1 });
      expect(await activeAdmins()).toEqual([second.id]);
      // Enabled again, the first is an active admin once more, and the second may step down.
      await users.update(first.id, { disabledAt: null }, false);
      expect(await users.update(second.id, { role: 'editor' }, true)).toMatchObject({ role: 'editor' });
      expect(await activeAdmins()).toEqual([first.id]);
    });

    it('survives two admins demoting each other at the same moment: one wins, the other is refused', async () => {
      // Twenty rounds: without the lock, both read "two admins" before either writes, and both pass.
      for (let round = 0; round < 20; round++) {
        const [first, second] = [await newUser('admin'), await newUser('admin')];
        await onlyAdmins(first.id, second.id);
        const outcomes = await Promise.all([
          errorCodeOf(() => users.update(first.id, { role: 'editor' }, true)),
          errorCodeOf(() => users.update(second.id, { disabledAt: new Date() }, true)),
        ]);
        expect(outcomes.sort()).toEqual(['CONFLICT', 'ok']);
        expect(await activeAdmins()).toHaveLength(1);
      }
    });

    it('does not stand in the way when there is no active admin to keep', async () => {
      const editor = await newUser('editor');
      await onlyAdmins();
      expect(await users.update(editor.id, { role: 'reporter' }, true)).toMatchObject({ role: 'reporter' });
      expect(await users.update(editor.id, { disabledAt: new Date() }, true)).toMatchObject({ role: 'reporter' });
    });

    it('answers null for a user that does not exist', async () => {
      expect(await users.update(randomUUID(), { role: 'editor' }, true)).toBeNull();
      expect(await users.update(randomUUID(), { displayName: 'x' }, false)).toBeNull();
    });
  });

  it('tells whether anyone but the given users exists, whatever the case of their emails', async () => {
    const fresh = await openMigratedTestDatabase();
    try {
      const repository = new UsersRepository(fresh.database.dataSource);
      expect(await repository.hasUsersOtherThan(['a@example.test'])).toBe(false);
      await repository.insert({ email: 'a@example.test', displayName: 'a', role: 'admin', passwordHash: 'x' });
      expect(await repository.hasUsersOtherThan(['A@Example.TEST', 'b@example.test'])).toBe(false);
      expect(await repository.hasUsersOtherThan([])).toBe(true);
      await repository.insert({ email: 'c@example.test', displayName: 'c', role: 'editor', passwordHash: 'x' });
      expect(await repository.hasUsersOtherThan(['a@example.test', 'b@example.test'])).toBe(true);
    } finally {
      await fresh.dispose();
    }
  });
});
