import { Controller, Get, Param, ParseIntPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '#auth';
import type { Publication, PublicationFeedPage } from '#contracts';
import { PublicationsService } from '#publishing';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { IdPipe } from '../http/id.pipe.js';
import { PublicationFeedQueryDto } from './publications.dto.js';

/** Released versions (docs/publishing.md): a story's versions, one version, and the feed. */
@ApiTags('publications')
@ApiBearerAuth()
@Controller('api')
export class PublicationsController {
  constructor(private readonly publications: PublicationsService) {}

  @Get('drafts/:draftId/publications')
  ofDraft(@CurrentUser() user: AuthUser, @Param('draftId', IdPipe) draftId: string): Promise<Publication[]> {
    return this.publications.ofDraft(user, draftId);
  }

  @Get('drafts/:draftId/publications/:version')
  version(
    @CurrentUser() user: AuthUser,
    @Param('draftId', IdPipe) draftId: string,
    @Param('version', ParseIntPipe) version: number,
  ): Promise<Publication> {
    return this.publications.version(user, draftId, version);
  }

  @Get('publications')
  feed(@CurrentUser() user: AuthUser, @Query() query: PublicationFeedQueryDto): Promise<PublicationFeedPage> {
    return this.publications.feed(user, query);
  }

  @Get('publications/:id')
  one(@CurrentUser() user: AuthUser, @Param('id', IdPipe) id: string): Promise<Publication> {
    return this.publications.byId(user, id);
  }
}
