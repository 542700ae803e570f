import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  CLAIM_KINDS,
  CLAIMS_QUEUE_STATUSES,
  VERDICT_STATUSES,
  type ClaimKind,
  type ClaimsQueueQuery,
  type ClaimsQueueStatus,
  type DismissFindingRequest,
  type Evidence,
  type RelativePositionJson,
  type TagClaimRequest,
  type VerdictRequest,
  type VerdictStatus,
} from '#contracts';
import { NoControlCharacters } from '../http/no-control-characters.js';
import { PageQueryDto } from '../http/page-query.dto.js';

/** A span of the current body by offsets, or by relative positions (as a client's selection gives them). */
export class TagClaimDto implements TagClaimRequest {
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) start?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) end?: number;
  @ApiPropertyOptional({ type: Object }) @IsOptional() @IsObject() anchor?: RelativePositionJson;
  @ApiPropertyOptional({ type: Object }) @IsOptional() @IsObject() head?: RelativePositionJson;
  @ApiPropertyOptional({ enum: CLAIM_KINDS }) @IsOptional() @IsIn(CLAIM_KINDS) kind?: ClaimKind;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4_000) @NoControlCharacters() note?: string;
}

export class EvidenceDto implements Evidence {
  // The scheme and shape are the fact-check rules' to judge (http(s) only): one message for all.
  @ApiProperty() @IsString() @MaxLength(2_048) @NoControlCharacters() url!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) @NoControlCharacters() title?: string;
}

export class VerdictDto implements VerdictRequest {
  @ApiProperty({ enum: VERDICT_STATUSES }) @IsIn(VERDICT_STATUSES) status!: VerdictStatus;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4_000) @NoControlCharacters() note?: string;
  @ApiPropertyOptional({ type: [EvidenceDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => EvidenceDto)
  evidence?: EvidenceDto[];
  @ApiPropertyOptional() @IsOptional() @IsUUID() citesVerdictId?: string;
}

export class DismissFindingDto implements DismissFindingRequest {
  @ApiProperty() @IsString() @MaxLength(2_000) @NoControlCharacters() reason!: string;
}

export class ClaimsQueueQueryDto extends PageQueryDto implements ClaimsQueueQuery {
  @ApiPropertyOptional({ enum: CLAIMS_QUEUE_STATUSES })
  @IsOptional()
  @IsIn(CLAIMS_QUEUE_STATUSES)
  status?: ClaimsQueueStatus;
  @ApiPropertyOptional() @IsOptional() @IsUUID() deskId?: string;
}
