import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '#auth';
import type { ReviewHistory, ReviewOutcome, RevisionDiff, RevisionSummaryView, RevisionView } from '#contracts';
import { ReviewsService } from '#reviews';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { IdPipe } from '../http/id.pipe.js';
import { ReviewActionDto, ReviewHistoryQueryDto, RevisionDiffQueryDto } from './reviews.dto.js';

/** The review workflow of a draft (docs/architecture.md, "Where each feature lives"). */
@ApiTags('review')
@ApiBearerAuth()
@Controller('api/drafts/:draftId')
export class ReviewsController {
  constructor(private readonly reviews: ReviewsService) {}

  @Post('review/:action')
  @HttpCode(200)
  transition(
    @CurrentUser() user: AuthUser,
    @Param('draftId', IdPipe) draftId: string,
    @Param('action') action: string,
    @Body() dto: ReviewActionDto,
  ): Promise<ReviewOutcome> {
    return this.reviews.transition(user, draftId, action, dto, new Date());
  }

  @Get('review')
  history(
    @CurrentUser() user: AuthUser,
    @Param('draftId', IdPipe) draftId: string,
    @Query() query: ReviewHistoryQueryDto,
  ): Promise<ReviewHistory> {
    return this.reviews.history(user, draftId, query.actorId);
  }

  @Get('revisions')
  revisions(@CurrentUser() user: AuthUser, @Param('draftId', IdPipe) draftId: string): Promise<RevisionSummaryView[]> {
    return this.reviews.revisions(user, draftId);
  }

  @Get('revisions/:number')
  revision(
    @CurrentUser() user: AuthUser,
    @Param('draftId', IdPipe) draftId: string,
    @Param('number', ParseIntPipe) number: number,
  ): Promise<RevisionView> {
    return this.reviews.revision(user, draftId, number);
  }

  @Get('diff')
  diff(
    @CurrentUser() user: AuthUser,
    @Param('draftId', IdPipe) draftId: string,
    @Query() query: RevisionDiffQueryDto,
  ): Promise<RevisionDiff> {
    return this.reviews.diff(user, draftId, query.from, query.to);
  }
}
