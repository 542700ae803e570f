import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { DraftView, Page } from '#contracts';
import type { AuthUser } from '#auth';
import { DraftsService } from '#drafts';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { IdPipe } from '../http/id.pipe.js';
import { CreateDraftDto, ListDraftsQueryDto, UpdateDraftDto } from './drafts.dto.js';

@ApiTags('drafts')
@ApiBearerAuth()
@Controller('api/drafts')
export class DraftsController {
  constructor(private readonly drafts: DraftsService) {}

  @Post()
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateDraftDto): Promise<DraftView> {
    return this.drafts.create(user, dto);
  }

  @Get()
  list(@CurrentUser() user: AuthUser, @Query() query: ListDraftsQueryDto): Promise<Page<DraftView>> {
    return this.drafts.list(user, query);
  }

  @Get(':draftId')
  get(@CurrentUser() user: AuthUser, @Param('draftId', IdPipe) draftId: string): Promise<DraftView> {
    return this.drafts.get(user, draftId);
  }

  @Patch(':draftId')
  update(
    @CurrentUser() user: AuthUser,
    @Param('draftId', IdPipe) draftId: string,
    @Body() dto: UpdateDraftDto,
  ): Promise<DraftView> {
    return this.drafts.update(user, draftId, dto);
  }
}
