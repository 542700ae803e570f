import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
} from 'class-validator';
import { PUBLICATION_EVENT_NAMES, type PublicationEventName } from '#contracts';
import { MAX_DESCRIPTION_LENGTH, MAX_ENDPOINT_DESKS } from '#publishing';
import { OptionalNotNull } from '../http/optional-not-null.js';
import { PageQueryDto } from '../http/page-query.dto.js';

// Null means something only for `deskIds` (every desk); elsewhere a field is left out or valid.
// The service checks the URL's address; this only keeps absurd input out.
const MAX_URL = 2_048;

export class CreateWebhookDto {
  @ApiProperty({ description: 'http(s); a public address unless WEBHOOK_ALLOW_PRIVATE_ADDRESSES' })
  @IsString()
  @MaxLength(MAX_URL)
  url!: string;
  @ApiProperty({ enum: PUBLICATION_EVENT_NAMES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(PUBLICATION_EVENT_NAMES, { each: true })
  events!: PublicationEventName[];
  @ApiPropertyOptional({ type: [String], nullable: true, description: 'absent or null: every desk' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ENDPOINT_DESKS)
  @IsUUID('all', { each: true })
  deskIds?: string[] | null;
  @ApiPropertyOptional() @OptionalNotNull() @IsString() @MaxLength(MAX_DESCRIPTION_LENGTH) description?: string;
  @ApiPropertyOptional({ default: true }) @OptionalNotNull() @IsBoolean() active?: boolean;
}

export class UpdateWebhookDto {
  @ApiPropertyOptional() @OptionalNotNull() @IsString() @MaxLength(MAX_URL) url?: string;
  @ApiPropertyOptional({ enum: PUBLICATION_EVENT_NAMES, isArray: true })
  @OptionalNotNull()
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(PUBLICATION_EVENT_NAMES, { each: true })
  events?: PublicationEventName[];
  @ApiPropertyOptional({ type: [String], nullable: true, description: 'null: every desk' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ENDPOINT_DESKS)
  @IsUUID('all', { each: true })
  deskIds?: string[] | null;
  @ApiPropertyOptional() @OptionalNotNull() @IsString() @MaxLength(MAX_DESCRIPTION_LENGTH) description?: string;
  @ApiPropertyOptional() @OptionalNotNull() @IsBoolean() active?: boolean;
  @ApiPropertyOptional({ description: 'true: a new secret, returned in the answer (the old one stops at once)' })
  @OptionalNotNull()
  @IsBoolean()
  rotateSecret?: boolean;
}

export class WebhookDeliveriesQueryDto extends PageQueryDto {}
