import { Module, type DynamicModule } from '@nestjs/common';
import { CollabSessionsService } from './collab-sessions.service.js';
import { SESSIONS_OPTIONS, type SessionsOptions } from './sessions.options.js';

/**
 * `liveEditing` and `presence` are the app's own configured LiveEditingModule and PresenceModule
 * (the same module objects it imports: Nest keeps one instance of each); AuthModule is global.
 */
@Module({})
export class SessionsModule {
  static forRoot(options: SessionsOptions, liveEditing: DynamicModule, presence: DynamicModule): DynamicModule {
    return {
      module: SessionsModule,
      imports: [liveEditing, presence],
      providers: [{ provide: SESSIONS_OPTIONS, useValue: options }, CollabSessionsService],
      exports: [CollabSessionsService],
    };
  }
}
