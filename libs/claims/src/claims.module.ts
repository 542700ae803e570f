import { Module } from '@nestjs/common';
import { ClaimsExtractionService } from './claims-extraction.service.js';

@Module({ providers: [ClaimsExtractionService], exports: [ClaimsExtractionService] })
export class ClaimsModule {}
