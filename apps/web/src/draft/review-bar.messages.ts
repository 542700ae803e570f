/** The strings of draft/review-bar.ts, in English and Arabic (merged into i18n/messages.ts). */
export const reviewBarMessages = {
  en: {},
  ar: {},
} as const;
