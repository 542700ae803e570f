import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '#auth';
import type { ReviewQueuePage } from '#contracts';
import { ReviewsService } from '#reviews';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { ReviewQueueQueryDto } from './reviews.dto.js';

/** The editor's queue (docs/review.md). */
@ApiTags('review')
@ApiBearerAuth()
@Controller('api/review')
export class ReviewQueueController {
  constructor(private readonly reviews: ReviewsService) {}

  @Get('queue')
  queue(@CurrentUser() user: AuthUser, @Query() query: ReviewQueueQueryDto): Promise<ReviewQueuePage> {
    return this.reviews.queue(user, query);
  }
}
