import { Injectable } from '@nestjs/common';
import type { LoginResponse, MeView } from '#contracts';
import { DomainError } from '#domain';
import { DesksRepository, UsersRepository } from '#persistence';
import { AuthSessions } from './auth-sessions.service.js';
import type { Authenticated, AuthUser } from './auth-user.js';
import { NO_CLIENT, type ClientContext } from './client-context.js';
import { PasswordHasher } from './password-hasher.js';
import { SecurityEventLog } from './security-event-log.js';
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
    private readonly sessions: AuthSessions,
    private readonly events: SecurityEventLog,
  ) {}

  /** Checks the credentials and starts a sign-in session; both outcomes go to the security log. */
  async login(email: string, password: string, client: ClientContext = NO_CLIENT): Promise<LoginResponse> {
    const user = await this.users.findByEmail(email);
    // A disabled account pays for the same argon2 check as any other: its answer comes no sooner.
    const matches = user
      ? await this.hasher.verify(user.passwordHash, password)
      : await this.hasher.verifyNothing(password);
    const valid = matches && !user?.disabledAt;
    if (!user || !valid) {
      const reason = !user ? 'unknown_email' : user.disabledAt ? 'disabled' : 'wrong_password';
      await this.events.record({
        kind: 'login_failed',
        subjectUserId: user?.id ?? null,
        client,
        details: { email: email.toLowerCase(), reason },
      });
      throw new DomainError('INVALID_CREDENTIALS', BAD_CREDENTIALS);
    }
    const { token, session } = await this.sessions.start(user, client);
    await this.events.record({
      kind: 'login_succeeded',
      actorId: user.id,
      subjectUserId: user.id,
      client,
      details: { sessionId: session.id },
    });
    return { accessToken: token, expiresIn: this.tokens.ttlSeconds, user: toUserView(user) };
  }

  /** The user a token speaks for, checked against the database so revoked tokens stop working. */
  async authenticate(token: string | undefined): Promise<AuthUser> {
    return (await this.authenticateSession(token)).user;
  }

  /**
   * The user and the sign-in session of a token: refused UNAUTHORIZED unless the token is sound,
   * its user enabled with the same token version, and its session neither revoked nor expired.
   */
  async authenticateSession(token: string | undefined, now = new Date()): Promise<Authenticated> {
    const claims = await this.tokens.read(token);
    const signedIn = await this.sessions.signedIn(claims, now);
    if (!signedIn) throw new DomainError('UNAUTHORIZED', 'The access token is invalid or has expired');
    return {
      user: { ...toUserView(signedIn.user), deskIds: new Set(signedIn.deskIds) },
      session: { id: claims.sid, expiresAt: new Date(claims.exp * 1000) },
    };
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
