import { Module, type DynamicModule } from '@nestjs/common';
import { AccessChanges } from './access-changes.js';
import { AccountsService } from './accounts.service.js';
import { AUTH_OPTIONS, type AuthOptions } from './auth-options.js';
import { AuthService } from './auth.service.js';
import { PasswordHasher } from './password-hasher.js';
import { TokenService } from './token.service.js';

@Module({})
export class AuthModule {
  static forRoot(options: AuthOptions): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      providers: [
        { provide: AUTH_OPTIONS, useValue: options },
        PasswordHasher,
        TokenService,
        AuthService,
        AccountsService,
        AccessChanges,
      ],
      exports: [AuthService, AccountsService, TokenService, AccessChanges],
    };
  }
}
