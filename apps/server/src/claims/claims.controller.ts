import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ClaimsExtractionService } from '#claims';
import type { ExtractClaimsResponse } from '#contracts';
import { ExtractClaimsDto } from './extract-claims.dto.js';

/** The one route with a larger body limit (see create-app): long articles and archive pages are legitimate input. */
export const CLAIMS_EXTRACT_PATH = '/api/claims/extract';

@ApiTags('claims')
@ApiBearerAuth()
@Controller('api/claims')
export class ClaimsController {
  constructor(private readonly claims: ClaimsExtractionService) {}

  @Post('extract')
  @HttpCode(200)
  extract(@Body() dto: ExtractClaimsDto): Promise<ExtractClaimsResponse> {
    return this.claims.extractInSlices(dto, new Date());
  }
}
