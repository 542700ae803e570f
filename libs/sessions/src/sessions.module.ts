import { Module, type DynamicModule } from '@nestjs/common';
import { CollabSessionsService } from './collab-sessions.service.js';
import { SESSIONS_OPTIONS, type SessionsOptions } from './sessions.options.js';

/**
 * `contexts` are the app's own configured LiveEditingModule, PresenceModule and ClaimsModule (the
 * same module objects it imports: Nest keeps one instance of each); AuthModule is global.
 */
@Module({})
export class SessionsModule {
  static forRoot(options: SessionsOptions, contexts: DynamicModule[]): DynamicModule {
    return {
      module: SessionsModule,
      imports: contexts,
      providers: [{ provide: SESSIONS_OPTIONS, useValue: options }, CollabSessionsService],
      exports: [CollabSessionsService],
    };
  }
}
