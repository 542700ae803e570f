import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { SecurityEventPage } from '#contracts';
import { SecurityEventLog, type AuthUser } from '#auth';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { SecurityEventsQueryDto } from './security-events.dto.js';

/** The security audit log, newest first (admins; docs/security.md). */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/admin')
export class SecurityEventsController {
  constructor(private readonly log: SecurityEventLog) {}

  @Get('security-events')
  list(@CurrentUser() actor: AuthUser, @Query() query: SecurityEventsQueryDto): Promise<SecurityEventPage> {
    return this.log.list(actor, query);
  }
}
