import { Injectable } from '@nestjs/common';
import type { LoginResponse, MeView } from '#contracts';
import { DomainError } from '#domain';
import { DesksRepository, UsersRepository } from '#persistence';
import type { AuthUser } from './auth-user.js';
import { PasswordHasher } from './password-hasher.js';
import { TokenService } from './token.service.js';
import { toDeskView, toUserView } from './views.js';

const BAD_CREDENTIALS = 'Email or password is wrong';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly desks: DesksRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
  ) {}

  async login(email: string, password: string): Promise<LoginResponse> {
    const user = await this.users.findByEmail(email);
    const valid = user
      ? !user.disabledAt && (await this.hasher.verify(user.passwordHash, password))
      : await this.hasher.verifyNothing(password);
    if (!user || !valid) throw new DomainError('INVALID_CREDENTIALS', BAD_CREDENTIALS);
    return {
      accessToken: await this.tokens.issue(user.id, user.tokenVersion),
      expiresIn: this.tokens.ttlSeconds,
      user: toUserView(user),
    };
  }

  /** The user a token speaks for, checked against the database so revoked tokens stop working. */
  async authenticate(token: string | undefined): Promise<AuthUser> {
    const claims = await this.tokens.read(token);
    const user = await this.users.findById(claims.sub);
    if (!user || user.disabledAt || user.tokenVersion !== claims.tv) {
      throw new DomainError('UNAUTHORIZED', 'The access token is invalid or has expired');
    }
    const deskIds = await this.desks.deskIdsOfUser(user.id);
    return { ...toUserView(user), deskIds: new Set(deskIds) };
  }

  async me(user: AuthUser): Promise<MeView> {
    const desks = await this.desks.desksOfUser(user.id);
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      role: user.role,
      desks: desks.map(toDeskView),
    };
  }
}
