import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Module, type DynamicModule, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AccountsService, AuthModule, AuthService, PasswordHasher } from '#auth';
import { PersistenceModule, UsersRepository, type Database } from '#persistence';
import { openMigratedTestDatabase } from '../../../test/support/test-database.js';

@Module({})
class LoginTestModule {
  static create(database: Database): DynamicModule {
    return {
      module: LoginTestModule,
      imports: [
        PersistenceModule.forDatabase(database),
        AuthModule.forRoot({ jwtSecret: 'login-work-secret-that-is-long-enough-0000', tokenTtlSeconds: 60 }),
      ],
    };
  }
}

const PASSWORD = 'kettle orchard violin dusk';

/**
 * Issue 14, finding 4: a disabled account answered in about 6 ms, a wrong password in 25 ms.
 * Tests never time anything; what the time is made of is argon2 verifications, so this counts
 * them, on the real hasher the module built: every login, whatever its outcome, must do exactly
 * one, as much work as a successful one.
 */
describe('the work a login does', () => {
  let database: Database;
  let dispose: () => Promise<void>;
  let context: INestApplicationContext;
  let auth: AuthService;
  let verifications = 0;

  beforeAll(async () => {
    ({ database, dispose } = await openMigratedTestDatabase());
    context = await NestFactory.createApplicationContext(LoginTestModule.create(database), { logger: false });
    auth = context.get(AuthService);
    const hasher = context.get(PasswordHasher);
    const verify = hasher.verify.bind(hasher);
    // Counted on the instance, so the unknown-email path (verifyNothing calls this.verify) is counted too.
    hasher.verify = (hashed: string, password: string) => {
      verifications += 1;
      return verify(hashed, password);
    };
    const accounts = context.get(AccountsService);
    const users = context.get(UsersRepository);
    for (const email of ['active@example.test', 'disabled@example.test']) {
      await accounts.createUser('system', { email, password: PASSWORD, displayName: 'x', role: 'reporter' });
    }
    const disabled = await users.findByEmail('disabled@example.test');
    await users.update(disabled!.id, { disabledAt: new Date() }, true);
  });
  afterAll(async () => {
    await context.close();
    await dispose();
  });

  /** The outcome of one login and the argon2 verifications it did. */
  const attempt = async (email: string, password: string) => {
    verifications = 0;
    const outcome = await auth.login(email, password).then(
      () => 'signed in',
      (error: { code?: string; message?: string }) => `${error.code}: ${error.message}`,
    );
    return { outcome, verifications };
  };

  const REFUSED = 'INVALID_CREDENTIALS: Email or password is wrong';

  it.each([
    ['the right password', 'active@example.test', PASSWORD, 'signed in'],
    ['a wrong password', 'active@example.test', 'not the password', REFUSED],
    ['an unknown email', 'nobody@example.test', PASSWORD, REFUSED],
    ['a disabled account with its right password', 'disabled@example.test', PASSWORD, REFUSED],
    ['a disabled account with a wrong password', 'disabled@example.test', 'not the password', REFUSED],
  ])('%s: one argon2 verification', async (_, email, password, outcome) => {
    expect(await attempt(email, password)).toEqual({ outcome, verifications: 1 });
  });
});
