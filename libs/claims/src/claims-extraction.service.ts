import { Injectable } from '@nestjs/common';
import type { ExtractClaimsResponse, Language } from '#contracts';
import { ClaimsError, extractClaims, extractClaimsInSteps, type ExtractClaimsOptions } from '#domain';
import { inSlices } from './in-slices.js';

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
    return extractClaims(checkedText(request), optionsOf(request, now));
  }

  /**
   * The same on a server: a long text is read in slices, with the sockets served between them,
   * so an archive page does not hold up the drafts being edited meanwhile.
   */
  async extractInSlices(request: ExtractionRequest, now: Date): Promise<ExtractClaimsResponse> {
    const text = checkedText(request);
    return (await inSlices(extractClaimsInSteps(text, optionsOf(request, now)))).value;
  }
}

function checkedText({ text }: ExtractionRequest): string {
  if (typeof text !== 'string') throw new ClaimsError('TEXT_REQUIRED', 'text must be a string');
  if (text.trim().length === 0) throw new ClaimsError('TEXT_REQUIRED', 'text is empty');
  if (text.length > MAX_CLAIMS_TEXT_LENGTH) {
    throw new ClaimsError(
      'TEXT_TOO_LONG',
      `text has ${text.length} characters; at most ${MAX_CLAIMS_TEXT_LENGTH} are taken at once (split longer input)`,
    );
  }
  return text;
}

function optionsOf(request: ExtractionRequest, now: Date): ExtractClaimsOptions {
  return { language: request.language, referenceDate: request.referenceDate, now };
}
