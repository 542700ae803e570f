import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import type { ReviewActionRequest, ReviewHistoryQuery, ReviewQueueQuery } from '#contracts';
import { NoControlCharacters } from '../http/no-control-characters.js';
import { PageQueryDto } from '../http/page-query.dto.js';

export class ReviewActionDto implements ReviewActionRequest {
  // The rules say which actions need one and how long it may be (2,000): one message for all.
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(10_000) @NoControlCharacters() reason?: string;
  @ApiPropertyOptional({ description: 'publish only: an ISO 8601 instant in the future' })
  @IsOptional()
  @IsISO8601({ strict: true })
  embargoUntil?: string;
}

export class ReviewHistoryQueryDto implements ReviewHistoryQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() actorId?: string;
}

export class RevisionDiffQueryDto {
  @Type(() => Number) @IsInt() @Min(1) from!: number;
  @Type(() => Number) @IsInt() @Min(1) to!: number;
}

export class ReviewQueueQueryDto extends PageQueryDto implements ReviewQueueQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() deskId?: string;
}
