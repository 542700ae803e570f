import { Module, type DynamicModule } from '@nestjs/common';
import { AccessChanges } from './access-changes.js';
import { AccountEvents } from './account-events.js';
import { AccountsService } from './accounts.service.js';
import { AUTH_OPTIONS, type AuthOptions } from './auth-options.js';
import { AuthSessions } from './auth-sessions.service.js';
import { AuthService } from './auth.service.js';
import { PasswordChangeService } from './password-change.service.js';
import { PasswordHasher } from './password-hasher.js';
import { SecurityEventLog } from './security-event-log.js';
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
        AuthSessions,
        SecurityEventLog,
        PasswordChangeService,
        AccountEvents,
      ],
      exports: [
        AuthService,
        AccountsService,
        TokenService,
        AccessChanges,
        AuthSessions,
        SecurityEventLog,
        PasswordChangeService,
      ],
    };
  }
}
