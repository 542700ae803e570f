import { Injectable } from '@nestjs/common';
import type { DeskView, Role, UserView } from '#contracts';
import { checkNewPassword, DomainError } from '#domain';
import { DesksRepository, UsersRepository, type UserEntity } from '#persistence';
import { AccessChanges } from './access-changes.js';
import { AccountEvents } from './account-events.js';
import type { AuthUser } from './auth-user.js';
import { NO_CLIENT, type ClientContext } from './client-context.js';
import { PasswordHasher } from './password-hasher.js';
import { toDeskView, toUserView } from './views.js';

export interface CreateUserInput {
  email: string;
  password: string;
  displayName: string;
  role: Role;
  deskIds?: string[];
}

export interface UpdateUserInput {
  displayName?: string;
  role?: Role;
  password?: string;
  disabled?: boolean;
}

/** Users, desks and desk membership. Every operation but the seed path needs an admin. */
@Injectable()
export class AccountsService {
  constructor(
    private readonly users: UsersRepository,
    private readonly desks: DesksRepository,
    private readonly hasher: PasswordHasher,
    private readonly accessChanges: AccessChanges,
    private readonly events: AccountEvents,
  ) {}

  private requireAdmin(actor: AuthUser | 'system'): void {
    if (actor !== 'system' && actor.role !== 'admin') {
      throw new DomainError('FORBIDDEN', 'Only an admin may manage users and desks');
    }
  }

  async createUser(actor: AuthUser | 'system', input: CreateUserInput, client = NO_CLIENT): Promise<UserView> {
    this.requireAdmin(actor);
    await checkNewPassword(input.password, input);
    for (const deskId of input.deskIds ?? []) await this.requireDesk(deskId);
    const user = await this.users.insert({
      email: input.email,
      displayName: input.displayName,
      role: input.role,
      passwordHash: await this.hasher.hash(input.password),
    });
    if (!user) throw new DomainError('EMAIL_TAKEN', `A user with the email ${input.email} already exists`);
    for (const deskId of input.deskIds ?? []) await this.desks.addMember(deskId, user.id);
    await this.events.userCreated(actor, user, input.deskIds ?? [], client);
    return toUserView(user);
  }

  async listUsers(actor: AuthUser): Promise<UserView[]> {
    this.requireAdmin(actor);
    return (await this.users.list()).map(toUserView);
  }

  async updateUser(
    actor: AuthUser,
    userId: string,
    input: UpdateUserInput,
    client: ClientContext = NO_CLIENT,
  ): Promise<UserView> {
    this.requireAdmin(actor);
    if (Object.values(input).every((value) => value === undefined)) {
      throw new DomainError('VALIDATION_FAILED', 'Nothing to change: give displayName, role, password or disabled');
    }
    const user = await this.requireUser(userId);
    if (input.password !== undefined) {
      await checkNewPassword(input.password, { email: user.email, displayName: input.displayName ?? user.displayName });
    }
    // A new password, a new role or disabling the account ends every open session.
    const revoke = input.password !== undefined || input.role !== undefined || input.disabled === true;
    const updated = await this.users.update(
      userId,
      {
        ...(input.displayName !== undefined && { displayName: input.displayName }),
        ...(input.role !== undefined && { role: input.role }),
        ...(input.password !== undefined && { passwordHash: await this.hasher.hash(input.password) }),
        ...(input.disabled !== undefined && { disabledAt: input.disabled ? new Date() : null }),
      },
      revoke,
    );
    if (!updated) throw new DomainError('USER_NOT_FOUND', 'No such user');
    await this.events.userUpdated(actor, user, input, revoke, client);
    this.accessChanges.notify([userId]);
    return toUserView(updated);
  }

  async createDesk(actor: AuthUser | 'system', name: string, client = NO_CLIENT): Promise<DeskView> {
    this.requireAdmin(actor);
    const desk = await this.desks.insert(name);
    if (!desk) throw new DomainError('DESK_NAME_TAKEN', `A desk named ${name} already exists`);
    await this.events.deskCreated(actor, desk, client);
    return toDeskView(desk);
  }

  async listDesks(actor: AuthUser): Promise<DeskView[]> {
    this.requireAdmin(actor);
    return (await this.desks.list()).map(toDeskView);
  }

  async findDeskByName(name: string): Promise<DeskView | null> {
    const desk = await this.desks.findByName(name);
    return desk ? toDeskView(desk) : null;
  }

  async deskMembers(actor: AuthUser, deskId: string): Promise<UserView[]> {
    this.requireAdmin(actor);
    await this.requireDesk(deskId);
    return (await this.users.findByIds(await this.desks.members(deskId))).map(toUserView);
  }

  async addMember(actor: AuthUser | 'system', deskId: string, userId: string, client = NO_CLIENT): Promise<void> {
    this.requireAdmin(actor);
    await this.requireDesk(deskId);
    await this.requireUser(userId);
    await this.desks.addMember(deskId, userId);
    await this.events.memberAdded(actor, deskId, userId, client);
    this.accessChanges.notify([userId]);
  }

  async removeMember(actor: AuthUser, deskId: string, userId: string, client = NO_CLIENT): Promise<void> {
    this.requireAdmin(actor);
    await this.requireDesk(deskId);
    await this.desks.removeMember(deskId, userId);
    await this.events.memberRemoved(actor, deskId, userId, client);
    this.accessChanges.notify([userId]);
  }

  private async requireDesk(deskId: string): Promise<void> {
    if (!(await this.desks.findById(deskId))) throw new DomainError('DESK_NOT_FOUND', 'No such desk');
  }

  private async requireUser(userId: string): Promise<UserEntity> {
    const user = await this.users.findById(userId);
    if (!user) throw new DomainError('USER_NOT_FOUND', 'No such user');
    return user;
  }
}
