import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '#auth';
import { DraftClaimsService } from '#claims';
import type { ClaimsQueuePage, DraftClaim } from '#contracts';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { IdPipe } from '../http/id.pipe.js';
import { ClaimsQueueQueryDto, DismissFindingDto, TagClaimDto, VerdictDto } from './draft-claims.dto.js';

/** Claims in drafts (docs/claims.md, "Claims in a draft"). */
@ApiTags('claims')
@ApiBearerAuth()
@Controller('api')
export class DraftClaimsController {
  constructor(private readonly claims: DraftClaimsService) {}

  @Get('drafts/:draftId/claims')
  list(@CurrentUser() user: AuthUser, @Param('draftId', IdPipe) draftId: string): Promise<DraftClaim[]> {
    return this.claims.list(user, draftId);
  }

  @Post('drafts/:draftId/claims')
  tag(
    @CurrentUser() user: AuthUser,
    @Param('draftId', IdPipe) draftId: string,
    @Body() dto: TagClaimDto,
  ): Promise<DraftClaim> {
    return this.claims.tag(user, draftId, dto);
  }

  @Get('drafts/:draftId/claims/:claimId')
  one(
    @CurrentUser() user: AuthUser,
    @Param('draftId', IdPipe) draftId: string,
    @Param('claimId', IdPipe) claimId: string,
  ): Promise<DraftClaim> {
    return this.claims.one(user, draftId, claimId);
  }

  @Post('drafts/:draftId/claims/:claimId/verdicts')
  verdict(
    @CurrentUser() user: AuthUser,
    @Param('draftId', IdPipe) draftId: string,
    @Param('claimId', IdPipe) claimId: string,
    @Body() dto: VerdictDto,
  ): Promise<DraftClaim> {
    return this.claims.giveVerdict(user, draftId, claimId, dto);
  }

  @Post('drafts/:draftId/claims/:claimId/findings/:findingId/dismiss')
  @HttpCode(200)
  dismiss(
    @CurrentUser() user: AuthUser,
    @Param('draftId', IdPipe) draftId: string,
    @Param('claimId', IdPipe) claimId: string,
    @Param('findingId', IdPipe) findingId: string,
    @Body() dto: DismissFindingDto,
  ): Promise<DraftClaim> {
    return this.claims.dismissFinding(user, draftId, claimId, findingId, dto.reason);
  }

  @Get('claims')
  queue(@CurrentUser() user: AuthUser, @Query() query: ClaimsQueueQueryDto): Promise<ClaimsQueuePage> {
    return this.claims.queue(user, query);
  }
}
