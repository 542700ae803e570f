import { Module, type DynamicModule } from '@nestjs/common';
import { DocumentManager } from '#collab';
import { DraftDocumentsRepository } from '#persistence';
import { DraftsModule } from '../drafts.module.js';
import { LIVE_EDITING_OPTIONS, type LiveEditingOptions } from './live-editing.options.js';
import { LiveEditingService } from './live-editing.service.js';

@Module({})
export class LiveEditingModule {
  static forRoot(options: LiveEditingOptions): DynamicModule {
    return {
      module: LiveEditingModule,
      imports: [DraftsModule],
      providers: [
        { provide: LIVE_EDITING_OPTIONS, useValue: options },
        {
          provide: DocumentManager,
          inject: [DraftDocumentsRepository],
          useFactory: (store: DraftDocumentsRepository) =>
            new DocumentManager(store, options.relay, options.documents, options.logger),
        },
        LiveEditingService,
      ],
      exports: [LiveEditingService, DocumentManager],
    };
  }
}
