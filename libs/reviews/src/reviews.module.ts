import { Module, type DynamicModule } from '@nestjs/common';
import { DraftsModule } from '#drafts';
import { ReviewsService } from './reviews.service.js';

/** `claims` is the app's own configured ClaimsModule (the same module object it imports). */
@Module({})
export class ReviewsModule {
  static forRoot(claims: DynamicModule): DynamicModule {
    return {
      module: ReviewsModule,
      imports: [claims, DraftsModule],
      providers: [ReviewsService],
      exports: [ReviewsService],
    };
  }
}
