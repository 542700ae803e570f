/** Public API of the claim extractor. */

export { extractClaims, extractClaimsInSteps } from './extract-claims.js';
export { ClaimsError, isClaimsError } from './claims-error.js';
export { isLanguage } from './language.js';
export { buildArabicNewsText, ARABIC_NEWS_PARAGRAPHS } from './benchmark-text.js';
export type { ExtractClaimsOptions } from './types.js';
