import { Injectable } from '@nestjs/common';
import type { ExtractClaimsResponse, Language } from '#contracts';
import { ClaimsError, extractClaims } from '#domain';

/** Longest text one extraction takes: a very long feature is ~100k characters; archives go line by line. */
export const MAX_CLAIMS_TEXT_LENGTH = 2_000_000;

export interface ExtractionRequest {
  text: unknown;
  language?: Language;
  referenceDate?: string;
}

/** Claim extraction as every adapter (HTTP, CLI, the claims context) calls it: checked input, the clock supplied. */
@Injectable()
export class ClaimsExtractionService {
  extract(request: ExtractionRequest, now: Date): ExtractClaimsResponse {
    const { text } = request;
    if (typeof text !== 'string') throw new ClaimsError('TEXT_REQUIRED', 'text must be a string');
    if (text.trim().length === 0) throw new ClaimsError('TEXT_REQUIRED', 'text is empty');
    if (text.length > MAX_CLAIMS_TEXT_LENGTH) {
      throw new ClaimsError(
        'TEXT_TOO_LONG',
        `text has ${text.length} characters; at most ${MAX_CLAIMS_TEXT_LENGTH} are taken at once (split longer input)`,
      );
    }
    return extractClaims(text, { language: request.language, referenceDate: request.referenceDate, now });
  }
}
