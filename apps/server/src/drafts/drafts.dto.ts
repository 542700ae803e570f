import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { LANGUAGES, REVIEW_STATES, type Language, type ReviewState } from '#contracts';
import { NoControlCharacters } from '../http/no-control-characters.js';
import { OptionalNotNull } from '../http/optional-not-null.js';
import { PageQueryDto } from '../http/page-query.dto.js';

// Generous for news copy, small enough that one request cannot balloon the document.
const MAX_HEADLINE = 1_000;
const MAX_BODY = 200_000;

export class CreateDraftDto {
  @ApiProperty({ enum: LANGUAGES }) @IsIn(LANGUAGES) language!: Language;
  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsString()
  @MaxLength(MAX_HEADLINE)
  @NoControlCharacters()
  headline?: string;
  @ApiPropertyOptional() @OptionalNotNull() @IsString() @MaxLength(MAX_BODY) @NoControlCharacters() body?: string;
  @ApiPropertyOptional() @OptionalNotNull() @IsUUID() deskId?: string;
}

/** At least one field (the service refuses an empty patch); a field sent is valid, never null. */
export class UpdateDraftDto {
  @ApiPropertyOptional({ enum: LANGUAGES }) @OptionalNotNull() @IsIn(LANGUAGES) language?: Language;
  @ApiPropertyOptional({ type: [String] })
  @OptionalNotNull()
  @IsUUID('all', { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  authorIds?: string[];
}

export class ListDraftsQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() deskId?: string;
  @ApiPropertyOptional({ enum: REVIEW_STATES }) @IsOptional() @IsIn(REVIEW_STATES) state?: ReviewState;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) @NoControlCharacters() q?: string;
}
