import { Module, type DynamicModule } from '@nestjs/common';
import { DraftsModule } from '#drafts';
import { MemoryPresenceStore } from './memory-presence-store.js';
import { PRESENCE_OPTIONS, type PresenceOptions } from './presence.options.js';
import { PresenceService } from './presence.service.js';
import { PRESENCE_STORE } from './presence-store.js';
import { RedisPresenceStore } from './redis-presence-store.js';

// Owners re-write their entries every quarter timeout; a draft whose owners all died is collected after this.
const KEY_TTL_TIMEOUTS = 2;

@Module({})
export class PresenceModule {
  static forRoot(options: PresenceOptions): DynamicModule {
    return {
      module: PresenceModule,
      imports: [DraftsModule],
      providers: [
        { provide: PRESENCE_OPTIONS, useValue: options },
        {
          provide: PRESENCE_STORE,
          useFactory: () =>
            options.redis
              ? new RedisPresenceStore(options.redis, KEY_TTL_TIMEOUTS * options.timeoutMs)
              : new MemoryPresenceStore(),
        },
        PresenceService,
      ],
      exports: [PresenceService],
    };
  }
}
