import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { Role } from '#contracts';
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

  async update(
    id: string,
    changes: Partial<Pick<UserEntity, 'displayName' | 'role' | 'passwordHash' | 'disabledAt'>>,
    revokeTokens: boolean,
  ): Promise<UserEntity | null> {
    await this.repo.update({ id }, revokeTokens ? { ...changes, tokenVersion: () => 'token_version + 1' } : changes);
    return this.findById(id);
  }
}
