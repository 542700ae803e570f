import { Module } from '@nestjs/common';
import { DraftAccessService } from './draft-access.service.js';
import { DraftsService } from './drafts.service.js';

@Module({
  providers: [DraftsService, DraftAccessService],
  exports: [DraftsService, DraftAccessService],
})
export class DraftsModule {}
