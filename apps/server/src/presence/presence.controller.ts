import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { PresenceEntry } from '#contracts';
import type { AuthUser } from '#auth';
import { PresenceService } from '#presence';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { IdPipe } from '../http/id.pipe.js';

@ApiTags('presence')
@ApiBearerAuth()
@Controller('api/drafts')
export class PresenceController {
  constructor(private readonly presence: PresenceService) {}

  /** Every session in the draft, on every instance: the list a join ack carries. */
  @Get(':draftId/presence')
  list(@CurrentUser() user: AuthUser, @Param('draftId', IdPipe) draftId: string): Promise<PresenceEntry[]> {
    return this.presence.listFor(user, draftId, Date.now());
  }
}
