import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { Role } from '#contracts';
import { checkAnAdminRemains, mayRemoveAnAdmin } from '#domain';
import { StorageBoundary } from '../database/storage-boundary.js';
import { UserEntity } from '../entities/user.entity.js';

export interface NewUser {
  email: string;
  displayName: string;
  role: Role;
  passwordHash: string;
}

@Injectable()
@StorageBoundary()
export class UsersRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(UserEntity);
  }

  findById(id: string): Promise<UserEntity | null> {
    return this.repo.findOneBy({ id });
  }

  findByEmail(email: string): Promise<UserEntity | null> {
    return this.repo.findOneBy({ email: email.toLowerCase() });
  }

  findByIds(ids: readonly string[]): Promise<UserEntity[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.repo.findBy({ id: In([...ids]) });
  }

  list(): Promise<UserEntity[]> {
    return this.repo.find({ order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** Inserts the user; resolves to null when the email is already taken. */
  async insert(user: NewUser): Promise<UserEntity | null> {
    const rows: UserEntity[] = await this.dataSource.query(
      `INSERT INTO users (email, display_name, role, password_hash) VALUES ($1, $2, $3, $4)
       ON CONFLICT (email) DO NOTHING RETURNING id`,
      [user.email.toLowerCase(), user.displayName, user.role, user.passwordHash],
    );
    return rows.length === 0 ? null : this.findById(rows[0]!.id);
  }

  /** Whether any user has an email other than these (the demo seed asks before it adds its users). */
  async hasUsersOtherThan(emails: readonly string[]): Promise<boolean> {
    const rows: { found: boolean }[] = await this.dataSource.query(
      'SELECT EXISTS (SELECT 1 FROM users WHERE NOT (email = ANY($1))) AS found',
      [emails.map((email) => email.toLowerCase())],
    );
    return rows[0]!.found;
  }

  /**
   * Changes a user; null when there is no such user. A change that could take an active admin's
   * rights away first locks every active admin's row, in id order (two such changes queue rather
   * than deadlock), and is refused CONFLICT if it would leave none: of two admins demoting each
   * other at once, the second sees the first's commit and fails.
   */
  async update(
    id: string,
    changes: Partial<Pick<UserEntity, 'displayName' | 'role' | 'passwordHash' | 'disabledAt'>>,
    revokeTokens: boolean,
  ): Promise<UserEntity | null> {
    return this.dataSource.transaction(async (tx) => {
      const disabling = changes.disabledAt === undefined ? undefined : changes.disabledAt !== null;
      if (mayRemoveAnAdmin({ role: changes.role, disabled: disabling })) {
        const admins: { id: string }[] = await tx.query(
          `SELECT id FROM users WHERE role = 'admin' AND disabled_at IS NULL ORDER BY id FOR UPDATE`,
        );
        const before = await tx.findOneBy(UserEntity, { id });
        if (!before) return null;
        checkAnAdminRemains(
          admins.map((admin) => admin.id),
          id,
          { role: before.role, disabled: before.disabledAt !== null },
          { role: changes.role ?? before.role, disabled: disabling ?? before.disabledAt !== null },
        );
      }
      const set = revokeTokens ? { ...changes, tokenVersion: () => 'token_version + 1' } : changes;
      if (Object.keys(set).length > 0) await tx.update(UserEntity, { id }, set);
      return tx.findOneBy(UserEntity, { id });
    });
  }
}
