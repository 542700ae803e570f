import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQueryDto } from '../http/page-query.dto.js';

/** `GET /api/publications`: `?deskId=&since=&cursor=&limit=`. */
export class PublicationFeedQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'one of your desks; another desk gives an empty feed' })
  @IsOptional()
  @IsUUID()
  deskId?: string;
  @ApiPropertyOptional({ description: 'a feed position (an earlier answer’s `head`): only later releases' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  since?: string;
}
