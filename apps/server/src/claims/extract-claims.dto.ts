import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { MAX_CLAIMS_TEXT_LENGTH } from '#claims';
import type { ClaimLanguage } from '#domain';

export class ExtractClaimsDto {
  @ApiProperty({ example: 'عُقد الاجتماع الاثنين 9 شباط في الرياض.' })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_CLAIMS_TEXT_LENGTH)
  text!: string;

  @ApiPropertyOptional({ enum: ['ar', 'en'] })
  @IsOptional()
  @IsIn(['ar', 'en'])
  language?: ClaimLanguage;

  @ApiPropertyOptional({
    example: '2026-02-10',
    description: 'Year-less dates are placed nearest to it; default today',
  })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'referenceDate must be YYYY-MM-DD' })
  referenceDate?: string;
}
