import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '../http/page-query.dto.js';

/** `GET /api/admin/security-events`: `?userId=&kind=&cursor=&limit=`. */
export class SecurityEventsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'events this user did or that concern them' })
  @IsOptional()
  @IsUUID()
  userId?: string;
  @ApiPropertyOptional({ description: 'one kind, e.g. login_failed (docs/security.md lists them)' })
  @IsOptional()
  @MaxLength(64)
  @Matches(/^[a-z][a-z0-9_]*$/, { message: 'kind must be a lower-case snake_case word' })
  kind?: string;
}
